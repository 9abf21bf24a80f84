import { z } from "zod";
import { supervisionForms } from "./domain";

/** The supervision contact form, validated the same way in the browser and on the server. */
export const supervisionContactSchema = z.object({
  localGovernmentCode: z.string({ required_error: "対象自治体を選んでください" }).regex(/^\d{6}$/, "対象自治体を選んでください"),
  contactedOn: z
    .string({ required_error: "実施日を入力してください" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "実施日を 2025-06-12 の形で入力してください")
    .refine((v) => !Number.isNaN(Date.parse(v)), "実施日が正しくありません"),
  form: z.enum(supervisionForms, { errorMap: () => ({ message: "形態を選んでください" }) }),
  content: z.string().trim().max(500, "内容は500文字以内で入力してください").default(""),
  responder: z.string().trim().max(100, "対応者は100文字以内で入力してください").default(""),
});
export type SupervisionContactInput = z.infer<typeof supervisionContactSchema>;
