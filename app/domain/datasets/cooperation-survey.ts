import { z } from "zod";
import { fiscalYearStart } from "../fiscal-year";
import { cooperationSurveyQuestions } from "../vocabulary";
import { bodyColumns } from "./body-columns";
import { fiscalYearCell, isDash, normalizeCell } from "./cells";
import { column, snakeCaseOf } from "./helpers";
import type { DatasetDefinition } from "./types";

// One row per body and fiscal year, one column per answer (the layout of the survey's own sheet):
// ○ (or 1, 有) marks a chosen answer, a blank (or 0, ×, －) one not chosen (ADR 026).

const chosen = new Set(["○", "〇", "◯", "●", "✓", "✔", "レ", "1", "有", "あり", "はい", "yes", "true"]);
const notChosen = new Set(["0", "×", "✕", "無", "なし", "いいえ", "no", "false"]);

/** A multiple-answer cell: true when marked, false when blank or explicitly not chosen. */
export const checkCell = z.string().transform((raw, ctx) => {
  const v = normalizeCell(raw).toLowerCase();
  if (v === "" || isDash(v) || notChosen.has(v)) return false;
  if (chosen.has(v)) return true;
  ctx.addIssue({ code: "custom", message: "選んだ回答は ○（または 1）、選ばない回答は空欄（または 0）で入力してください" });
  return z.NEVER;
});

const short = { practices: "取組", issues: "課題" } as const;

/** The answer's header: its question's short name and its label, so the two 「その他」 differ. */
export const surveyAnswerHeader = (question: keyof typeof short, label: string) => `${short[question]}：${label}`;

const answerColumns = cooperationSurveyQuestions.flatMap((q) =>
  q.answers.map((answer) =>
    column(answer, surveyAnswerHeader(q.key, q.labels[answer]!), checkCell, {
      aliases: [`${short[q.key]}:${q.labels[answer]}`, `${short[q.key]}_${q.labels[answer]}`, snakeCaseOf(answer)],
      required: false,
      description: `${q.label}（複数回答）で「${q.labels[answer]}」を選んだら ○、選ばなければ空欄`,
      example: "○",
    }),
  ),
);

export const cooperationSurveyDataset: DatasetDefinition = {
  id: "cooperation_survey",
  label: "生活保護との連携に関する調査",
  description:
    "実施主体ごと・年度ごとの、生活保護制度との連携強化に必要な取組と、保護から困窮制度への移行にあたっての課題（どちらも複数回答）。1行が1実施主体の1年度の回答で、選んだ回答の列に ○ を付け、選ばない列は空欄にします。設問ごとに少なくとも1つ選びます（「特に必要はない」「特に課題はない」も回答です）。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "implementing_body",
  columns: [
    ...bodyColumns,
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2024" }),
    ...answerColumns,
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) => [
    {
      key: { local_government_code: body!.code, fiscal_year: values.fiscalYear as number },
      values: Object.fromEntries(answerColumns.map((c) => [snakeCaseOf(c.key), values[c.key] === true])),
    },
  ],
  // 鳥取市: 相互理解・ケース共有・顔の見える関係 / 関係性の構築が難しい; 鳥取県（郡部）: 特に必要はない / 特に課題はない
  templateRows: [
    ["312011", "鳥取県", "鳥取市", "2024", "○", "○", "○", "", "", "", "", "", "", "", "○", "", "", "", "", ""],
    ["", "鳥取県", "", "2024", "", "", "", "", "", "", "", "○", "", "○", "", "", "", "", "", ""],
  ],
};
