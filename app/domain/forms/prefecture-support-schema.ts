import { z } from "zod";
import { firstFiscalYear, prefectureSupportItems, type PrefectureSupportItem } from "../vocabulary";
import { fiscalYearOfDate, todayInJapan } from "../fiscal-year";

const checked = z.literal("yes", { errorMap: () => ({ message: "チェックボックスの値が正しくありません" }) }).optional();

/**
 * 都道府県による市町村支援 for one fiscal year: one checkbox per item (checked = 実施). Submitting the
 * form answers every item: an unchecked box is 実施していない.
 */
export const prefectureSupportSchema = z
  .object({
    fiscalYear: z.coerce
      .number({ invalid_type_error: "年度を選んでください" })
      .int("年度を選んでください")
      .refine((fy) => fy >= firstFiscalYear && fy <= fiscalYearOfDate(todayInJapan()), "年度は平成27年度から今年度までの間で選んでください"),
    ...(Object.fromEntries(prefectureSupportItems.map((item) => [item, checked])) as Record<PrefectureSupportItem, typeof checked>),
  })
  .transform((v) => ({
    fiscalYear: v.fiscalYear,
    items: Object.fromEntries(prefectureSupportItems.map((item) => [item, v[item] === "yes"])) as Record<PrefectureSupportItem, boolean>,
  }));
export type PrefectureSupportInput = z.output<typeof prefectureSupportSchema>;
