import { z } from "zod";
import { reviewCommentMaxLength, reviewDecisions } from "../review-states";

/** The prefecture's decision on a body's month: which, on what version of the month, and the comment (required to return or reopen; the service checks). */
export const reviewDecisionSchema = z.object({
  intent: z.enum(reviewDecisions, { message: "操作が正しくありません" }),
  version: z.coerce.number({ message: "画面を読み込み直してから操作してください" }).int().min(0),
  comment: z
    .string()
    .max(reviewCommentMaxLength, `コメントは${reviewCommentMaxLength}文字以内で入力してください`)
    .optional(),
});

/** What the review page says after a decision (?done=). */
export const reviewDoneMessages = { confirm: "確認済みにしました", return: "差し戻しました。市町村の画面にコメントが表示されます", reopen: "再開しました。市町村がこの月を修正できます" } as const;
