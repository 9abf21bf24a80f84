import { z } from "zod";
import { maxMonthlyDueDay } from "../reporting";

/** MHLW's form for a fiscal year's reporting schedule. */
export const reportingScheduleSchema = z
  .object({
    fiscalYear: z.coerce
      .number({ invalid_type_error: "年度を選んでください" })
      .int("年度を選んでください")
      .min(2015, "年度は平成27年度（2015）以降を選んでください")
      .max(2100, "年度を選んでください"),
    monthlyDueDay: z.coerce
      .number({ invalid_type_error: "月次の提出期限（翌月の日）は数字で入力してください" })
      .int("月次の提出期限（翌月の日）は整数で入力してください")
      .min(1, `月次の提出期限（翌月の日）は1〜${maxMonthlyDueDay}日で入力してください`)
      .max(maxMonthlyDueDay, `月次の提出期限（翌月の日）は1〜${maxMonthlyDueDay}日で入力してください（どの月にもある日）`),
    annualDueDate: z
      .string({ required_error: "年次データの提出期限を入力してください" })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "年次データの提出期限を日付（例: 2027-05-31）で入力してください")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "年次データの提出期限に存在しない日付が入力されています"),
  })
  .superRefine((v, ctx) => {
    // annual datasets describe a whole fiscal year: they cannot be due before it ends
    if (v.annualDueDate <= `${v.fiscalYear + 1}-03-31`) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["annualDueDate"], message: `年次データの提出期限は年度末（${v.fiscalYear + 1}年3月31日）より後の日付にしてください` });
    }
  });
export type ReportingScheduleInput = z.output<typeof reportingScheduleSchema>;
