import { z } from "zod";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** ?from=2020-04&to=2022-03 — the month range of a trend, kept in the URL so links can be shared. */
export const monthRangeParams = z.object({
  from: month.optional().catch(undefined),
  to: month.optional().catch(undefined),
});
export type MonthRange = z.infer<typeof monthRangeParams>;

export function inMonthRange(point: { year: number; month: number }, range: MonthRange): boolean {
  const key = `${point.year}-${String(point.month).padStart(2, "0")}`;
  return (!range.from || key >= range.from) && (!range.to || key <= range.to);
}
