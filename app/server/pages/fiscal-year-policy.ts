import { fiscalYearOfDate, recordFiscalYears } from "~/domain/fiscal-year";

/**
 * Which fiscal years a page offers (?fy=) and the one it shows — one policy for every page. An absent
 * or unknown year is never a 404: the page falls back to the latest year with data. Only a page of
 * figures with no data at all has nothing to show (null: the loader answers 404).
 *
 * - "figures" (statistics, programs, 重層): the years with data; the year asked for if it has data.
 * - "records" (supervision, training, prefecture support — written on the pages themselves): the years
 *   with records and the current one, opening on the latest with records up to today (recordFiscalYears);
 *   any year the query admits (fiscalYearParam) may be asked for, since a year's first record is entered
 *   on a page of that year while it has none.
 *
 * "today" is the date in Japan (todayInJapan), passed in so a test can set the clock; the reporting
 * cycle (issue 16) admits the current fiscal year on every page here.
 */
export type FiscalYearPage =
  | { kind: "figures"; yearsWithData: readonly number[] }
  | { kind: "records"; yearsWithData: readonly number[]; alsoOffered?: readonly number[] };

export type FiscalYearChoice = { fiscalYear: number; fiscalYears: number[] };

export function chooseFiscalYear(page: Extract<FiscalYearPage, { kind: "records" }>, asked: number | undefined, today: string): FiscalYearChoice;
export function chooseFiscalYear(page: FiscalYearPage, asked: number | undefined, today: string): FiscalYearChoice | null;
export function chooseFiscalYear(page: FiscalYearPage, asked: number | undefined, today: string): FiscalYearChoice | null {
  if (page.kind === "figures") {
    const fiscalYears = [...page.yearsWithData];
    const fiscalYear = pickFiscalYear(fiscalYears, asked, fiscalYears[0]);
    return fiscalYear === undefined ? null : { fiscalYear, fiscalYears };
  }
  const current = fiscalYearOfDate(today);
  const { fiscalYears, latest } = recordFiscalYears(page.yearsWithData, current);
  const fiscalYear = asked ?? latest;
  const alsoOffered = (page.alsoOffered ?? []).filter((fy) => fy <= current);
  return { fiscalYear, fiscalYears: [...new Set([fiscalYear, ...fiscalYears, ...alsoOffered])].sort((a, b) => b - a) };
}

/** The year asked for if it is among those offered, else the fallback. */
export function pickFiscalYear<T extends number | undefined>(offered: readonly number[], asked: number | undefined, fallback: T): number | T {
  return asked !== undefined && offered.includes(asked) ? asked : fallback;
}
