import { fiscalYearOfDate, recordFiscalYears } from "~/domain/fiscal-year";
import { expectedBodyMonths, fiscalYearPeriodLabel, monthsDue } from "~/domain/reporting-period";

/**
 * Which fiscal years a page offers (?fy=) and the one it shows — one policy for every page. A fiscal
 * year is never a 404: a year without data renders with an empty state that says so.
 *
 * - "figures" (statistics, programs, 重層): every year from the first with data to the current one
 *   (in Japan time), and any later year that has data. The page opens on the latest year with data up
 *   to the current one (the current year itself when nothing has data yet). A year asked for outside
 *   that range (before the first year with data, or after the current one) falls back to the opening
 *   year, as an unknown or malformed ?fy= does.
 * - "records" (supervision, training, prefecture support — written on the pages themselves): the years
 *   with records and the current one, opening on the latest with records up to today (recordFiscalYears);
 *   any year the query admits (fiscalYearParam) may be asked for, since a year's first record is entered
 *   on a page of that year while it has none.
 *
 * "today" is the date in Japan (pageToday), passed in so a test can set the clock. `hasData` says
 * whether the chosen year has any data, for the empty state.
 */
export type FiscalYearPage =
  | { kind: "figures"; yearsWithData: readonly number[] }
  | { kind: "records"; yearsWithData: readonly number[]; alsoOffered?: readonly number[] };

export type FiscalYearChoice = { fiscalYear: number; fiscalYears: number[]; hasData: boolean };

export function chooseFiscalYear(page: FiscalYearPage, asked: number | undefined, today: string): FiscalYearChoice {
  const current = fiscalYearOfDate(today);
  if (page.kind === "figures") {
    const first = Math.min(current, ...page.yearsWithData);
    const range = Array.from({ length: current - first + 1 }, (_, i) => current - i);
    const fiscalYears = [...new Set([...page.yearsWithData, ...range])].sort((a, b) => b - a);
    const opening = page.yearsWithData.filter((fy) => fy <= current).sort((a, b) => b - a)[0] ?? current;
    const fiscalYear = pickFiscalYear(fiscalYears, asked, opening);
    return { fiscalYear, fiscalYears, hasData: page.yearsWithData.includes(fiscalYear) };
  }
  const { fiscalYears, latest } = recordFiscalYears(page.yearsWithData, current);
  const fiscalYear = asked ?? latest;
  const alsoOffered = (page.alsoOffered ?? []).filter((fy) => fy <= current);
  return {
    fiscalYear,
    fiscalYears: [...new Set([fiscalYear, ...fiscalYears, ...alsoOffered])].sort((a, b) => b - a),
    hasData: page.yearsWithData.includes(fiscalYear),
  };
}

/** The period a page shows: its fiscal year marked partial while not over (「令和8年度（4〜11月分）」), and whether it has data. */
export function periodOf(choice: FiscalYearChoice, today: string) {
  const current = fiscalYearOfDate(today);
  return {
    fiscalYear: choice.fiscalYear,
    label: fiscalYearPeriodLabel(choice.fiscalYear, today),
    hasData: choice.hasData,
    monthsDue: monthsDue(choice.fiscalYear, today).length,
    current: { fiscalYear: current, label: fiscalYearPeriodLabel(current, today) },
  };
}

/** The year asked for if it is among those offered, else the fallback. */
export function pickFiscalYear<T extends number | undefined>(offered: readonly number[], asked: number | undefined, fallback: T): number | T {
  return asked !== undefined && offered.includes(asked) ? asked : fallback;
}

/** Totals whose expected body-months count only the months due (a body's own totals: one body). */
export function withMonthsDue<T extends { expectedMonths: number; bodies?: number }>(totals: T, fiscalYear: number, today: string): T {
  return { ...totals, expectedMonths: expectedBodyMonths(totals.bodies ?? 1, fiscalYear, today) };
}
