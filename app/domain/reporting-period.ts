import { formatMonthJa, type DateStyle } from "./format";
import { japaneseEraYear, monthsOfFiscalYear } from "./fiscal-year";
import { isMonthDue } from "./reporting";

// Which months of a fiscal year have ended (the period the figures can cover: labels, coverage of
// bodies × months) and which are due (their deadline, day D of the next month in the reporting
// schedule, has passed). Every count of missing months asks monthsPastDeadline, so a month not yet
// due is never reported as missing.

export type YearMonth = { year: number; month: number };

/** The months of a fiscal year that have ended on `today` (YYYY-MM-DD, Japan time), April first. */
export function monthsDue(fiscalYear: number, today: string): YearMonth[] {
  const [year, month] = today.split("-").map(Number);
  const current = year! * 12 + month!;
  return monthsOfFiscalYear(fiscalYear).filter((m) => m.year * 12 + m.month < current);
}

/** The months of a fiscal year whose deadline (day `dueDay` of the next month) has passed on `today`. */
export function monthsPastDeadline(fiscalYear: number, today: string, dueDay: number): YearMonth[] {
  return monthsOfFiscalYear(fiscalYear).filter((m) => isMonthDue(m, dueDay, today));
}

/** The months past their deadline that are not among those submitted. */
export function missingMonths(fiscalYear: number, today: string, submitted: readonly YearMonth[], dueDay: number): YearMonth[] {
  return monthsPastDeadline(fiscalYear, today, dueDay).filter((m) => !submitted.some((s) => s.year === m.year && s.month === m.month));
}

/** Body-months expected of a fiscal year so far: implementing bodies × months due. */
export function expectedBodyMonths(bodies: number, fiscalYear: number, today: string): number {
  return bodies * monthsDue(fiscalYear, today).length;
}

/**
 * 「令和8年度」, marked 「（4〜11月分）」 while the year is not over (the months due so far) and
 * 「（締めた月はまだありません）」 in its first month; a year whose months are all due is not marked.
 */
export function fiscalYearPeriodLabel(fiscalYear: number, today: string): string {
  const due = monthsDue(fiscalYear, today);
  const name = japaneseEraYear(fiscalYear);
  if (due.length === 12) return name;
  if (due.length === 0) return `${name}（締めた月はまだありません）`;
  return `${name}（${due[0]!.month}〜${due.at(-1)!.month}月分）`;
}

/** 「期限を過ぎた7か月のうち1か月分（2026年10月）が未提出です」: missing months counted among the months past their deadline only. */
export function missingMonthsSentence(dueCount: number, missing: readonly YearMonth[], style: DateStyle = "western"): string {
  if (dueCount === 0) return "この年度に提出期限を過ぎた月はまだありません。";
  if (missing.length === 0) return dueCount === 12 ? "12か月すべて提出済みです。" : `提出期限を過ぎた${dueCount}か月分はすべて提出済みです。`;
  const which = missing.map((m) => formatMonthJa(m, style)).join("、");
  return `${dueCount === 12 ? "12か月" : `提出期限を過ぎた${dueCount}か月`}のうち${missing.length}か月分（${which}）が未提出です（0件としては数えません）。`;
}
