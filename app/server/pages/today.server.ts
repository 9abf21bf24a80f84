import { todayInJapan } from "~/domain/fiscal-year";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Today's date for every loader and action (YYYY-MM-DD, Japan time). TSUNAGU_TODAY sets it for tests
 * and browser tests (the current fiscal year, the months due); production ignores it, so a stray
 * setting cannot move a live server's calendar.
 */
export function pageToday(source: Record<string, string | undefined> = process.env, now: Date = new Date()): string {
  const fixed = source.TSUNAGU_TODAY;
  if (fixed && isoDate.test(fixed) && source.NODE_ENV !== "production") return fixed;
  return todayInJapan(now);
}
