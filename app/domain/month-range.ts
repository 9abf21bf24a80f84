/** A month range of a trend (both ends YYYY-MM, included); the query schema is monthRangeParams in app/server/pages. */
export type MonthRange = { from?: string; to?: string };

export function inMonthRange(point: { year: number; month: number }, range: MonthRange): boolean {
  const key = `${point.year}-${String(point.month).padStart(2, "0")}`;
  return (!range.from || key >= range.from) && (!range.to || key <= range.to);
}
