import { z } from "zod";
import { supervisionForms } from "../vocabulary";
import { pastDateField, textField } from "./form-fields";

/** The supervision contact form, validated the same way in the browser and on the server. */
export const supervisionContactSchema = z.object({
  localGovernmentCode: z.string({ required_error: "対象自治体を選んでください" }).regex(/^\d{6}$/, "対象自治体を選んでください"),
  contactedOn: pastDateField("実施日"),
  form: z.enum(supervisionForms, { errorMap: () => ({ message: "形態を選んでください" }) }),
  content: textField("内容", 500),
  responder: textField("対応者", 100),
});
export type SupervisionContactInput = z.infer<typeof supervisionContactSchema>;
