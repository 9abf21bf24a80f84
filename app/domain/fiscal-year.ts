// 年度 runs April–March; January 2022 belongs to FY2021.

const eras = [
  { name: "令和", letter: "r", start: 2019, lastYear: null },
  { name: "平成", letter: "h", start: 1989, lastYear: 31 },
] as const;

/** The western year of a 和暦 year as written: era 「令和」 or 「R」 (any case), year 「元」 or a number. Null if the era has no such year. */
export function eraYear(era: string, year: string): number | null {
  const found = eras.find((e) => e.name === era || e.letter === era.toLowerCase());
  const n = year === "元" ? 1 : Number(year);
  if (!found || !Number.isInteger(n) || n < 1 || (found.lastYear !== null && n > found.lastYear)) return null;
  return found.start + n - 1;
}

export function fiscalYearOfMonth(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

export function japaneseEraYear(fiscalYear: number): string {
  const era = eras.find((e) => fiscalYear >= e.start);
  if (!era) return `${fiscalYear}年度`;
  const n = fiscalYear - era.start + 1;
  return `${era.name}${n === 1 ? "元" : n}年度`;
}

/** 「令和3年度（2021）」 */
export function formatFiscalYear(fiscalYear: number): string {
  return `${japaneseEraYear(fiscalYear)}（${fiscalYear}）`;
}

export function fiscalYearStart(fiscalYear: number): string {
  return `${fiscalYear}-04-01`;
}

/** 31 March, the last day of a fiscal year. */
export function fiscalYearEnd(fiscalYear: number): string {
  return `${fiscalYear + 1}-03-31`;
}

/** The fiscal year in which a calendar date (YYYY-MM-DD) falls. */
export function fiscalYearOfDate(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return fiscalYearOfMonth(y!, m!);
}

/** Months of a fiscal year in order, April first. */
export function monthsOfFiscalYear(fiscalYear: number): { year: number; month: number }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    return { year: month >= 4 ? fiscalYear : fiscalYear + 1, month };
  });
}

/** Today's date (YYYY-MM-DD) in Japan, whatever the server's time zone. */
export function todayInJapan(now: Date = new Date()): string {
  return isoDateInJapan.format(now);
}
// made once: building an Intl formatter costs far more than formatting with it, and every loader asks for today
const isoDateInJapan = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" });

/**
 * The fiscal years a record-keeping page offers (every year with records, and the current one) and the
 * one it opens on: the latest year with records up to the current one, so a new fiscal year opens on
 * last year's complete figures until its first record arrives.
 */
export function recordFiscalYears(yearsWithRecords: readonly number[], currentFiscalYear: number): { fiscalYears: number[]; latest: number } {
  const fiscalYears = [...new Set([...yearsWithRecords, currentFiscalYear])].filter((fy) => fy <= currentFiscalYear).sort((a, b) => b - a);
  const latest = fiscalYears.find((fy) => yearsWithRecords.includes(fy)) ?? currentFiscalYear;
  return { fiscalYears, latest };
}
