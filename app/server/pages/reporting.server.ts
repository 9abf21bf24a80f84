// Page loaders of the reporting cycle: a prefecture's submissions (body × month matrix, rates, late
// bodies) and the national completeness ranking. "today" is the Japan date, passed in (tests set it).
import { z } from "zod";
import type { Database } from "../../../db";
import { reviewCountsOf } from "../../../db/queries/approval";
import { annualSubmissionsOf, bodyMonthCells, getReportingSchedule, missingBodyMonths, monthlyFiguresOf, reportingCountsByBody, reportingCountsByPrefecture, type RateCounts } from "../../../db/queries/reporting";
import { fiscalYearOfDate, monthsOfFiscalYear } from "~/domain/fiscal-year";
import { prefectureDefinitions } from "~/domain/prefectures";
import { ratio } from "~/domain/format";
import { annualReportingDatasets, fiscalYearOf, isMonthDue, type AnnualReportingDataset, monthlyDeadline, monthNowDue, submissionState, yearMonthKey, type SubmissionState, type YearMonth } from "~/domain/reporting";
import { fiscalYearParam, yearMonth } from "./query-params";

export const reportingMonthQuery = z.object({ month: yearMonth.optional().catch(undefined) });
export const completenessQuery = z.object({ month: yearMonth.optional().catch(undefined), fy: fiscalYearParam });

export type Rates = RateCounts & { reportingRate: number | null; onTimeRate: number | null };

export function ratesOf(counts: RateCounts | undefined): Rates {
  const c = counts ?? { expected: 0, submitted: 0, onTime: 0 };
  return { ...c, reportingRate: ratio(c.submitted, c.expected), onTimeRate: ratio(c.onTime, c.expected) };
}

/** The month asked for (from FY2015 to the current month), else the month now due. */
export function chooseReportingMonth(asked: string | undefined, today: string): YearMonth {
  const current = { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
  if (asked) {
    const [year, month] = asked.split("-").map(Number) as [number, number];
    if (asked >= "2015-04" && asked <= yearMonthKey(current)) return { year, month };
  }
  return monthNowDue(today);
}

/** The months of the selector: the current and two previous fiscal years up to the month now due, and the one shown. */
function monthOptions(today: string, shown: YearMonth): YearMonth[] {
  const currentFy = fiscalYearOfDate(today);
  const due = monthNowDue(today);
  const options: YearMonth[] = [];
  for (let fy = currentFy; fy >= Math.max(2015, currentFy - 2); fy--) {
    for (const m of [...monthsOfFiscalYear(fy)].reverse()) if (yearMonthKey(m) <= yearMonthKey(due)) options.push(m);
  }
  if (!options.some((m) => yearMonthKey(m) === yearMonthKey(shown))) options.push(shown);
  return options;
}

export type MatrixCell = { month: string; state: SubmissionState; submittedOn: string | null; deadline: string };
export type MatrixRow = { code: string; name: string; kind: string; cells: (MatrixCell | null)[]; year: Rates; lateMonths: string[] };

export async function loadPrefectureSubmissions(db: Database, prefectureCode: string, q: z.infer<typeof reportingMonthQuery>, today: string) {
  const month = chooseReportingMonth(q.month, today);
  const fiscalYear = fiscalYearOf(month);
  const schedule = await getReportingSchedule(db, fiscalYear);
  const dueDay = schedule.monthlyDueDay;
  const months = monthsOfFiscalYear(fiscalYear);
  const dueMonths = months.filter((m) => isMonthDue(m, dueDay, today));
  const [cells, monthCounts, yearCounts, nationalMonth] = await Promise.all([
    bodyMonthCells(db, prefectureCode, months, dueDay),
    reportingCountsByBody(db, prefectureCode, [month], dueDay),
    reportingCountsByBody(db, prefectureCode, dueMonths, dueDay),
    reportingCountsByPrefecture(db, [month], dueDay),
  ]);
  const keys = months.map(yearMonthKey);
  const yearByBody = new Map(yearCounts.map((r) => [r.code, r.counts]));
  const rows = new Map<string, MatrixRow>();
  for (const c of cells) {
    const key = yearMonthKey(c);
    let row = rows.get(c.code);
    if (!row) {
      row = { code: c.code, name: c.kind === "prefecture" ? `${c.name}（郡部）` : c.name, kind: c.kind, cells: keys.map(() => null), year: ratesOf(yearByBody.get(c.code)), lateMonths: [] };
      rows.set(c.code, row);
    }
    // figures without a recorded submission time (loaded before it was recorded) have submittedOn undefined
    const submittedOn = c.submitted ? (c.submittedOn ?? undefined) : null;
    const state = submissionState({ deadline: c.deadline, submittedOn, today });
    row.cells[keys.indexOf(key)] = { month: key, state, submittedOn: c.submittedOn, deadline: c.deadline };
    if (state === "not_submitted") row.lateMonths.push(key);
  }
  const selectedKey = yearMonthKey(month);
  const matrix = [...rows.values()];
  const selected = matrix.map((r) => ({ code: r.code, name: r.name, cell: r.cells[keys.indexOf(selectedKey)] ?? null })).filter((r) => r.cell !== null);
  return {
    today,
    month: selectedKey,
    monthNowDue: yearMonthKey(monthNowDue(today)),
    fiscalYear,
    schedule,
    deadline: monthlyDeadline(month, dueDay),
    months: keys,
    dueMonths: dueMonths.map(yearMonthKey),
    monthOptions: monthOptions(today, month).map(yearMonthKey),
    matrix,
    /** bodies with no figures for the selected month: late once its deadline has passed */
    missingThisMonth: selected.filter((r) => r.cell!.state === "not_submitted" || r.cell!.state === "not_yet_due").map((r) => ({ code: r.code, name: r.name, state: r.cell!.state })),
    lateBodies: matrix.filter((r) => r.lateMonths.length > 0).map((r) => ({ code: r.code, name: r.name, months: r.lateMonths })),
    rates: {
      month: ratesOf(monthCounts.find((r) => r.code === null)?.counts),
      year: ratesOf(yearCounts.find((r) => r.code === null)?.counts),
      nationalMonth: ratesOf(nationalMonth.find((r) => r.prefectureCode === null)?.counts),
    },
  };
}

/** Every prefecture's reporting and on-time rates for a month and over the fiscal year's due months, ranked. */
export async function loadCompleteness(db: Database, q: z.infer<typeof completenessQuery>, today: string) {
  const currentFy = fiscalYearOfDate(today);
  const month = chooseReportingMonth(q.month, today);
  const fiscalYear = q.fy !== undefined && q.fy <= currentFy ? q.fy : fiscalYearOf(month);
  const monthInYear = fiscalYearOf(month) === fiscalYear ? month : (monthsOfFiscalYear(fiscalYear).filter((m) => yearMonthKey(m) <= yearMonthKey(monthNowDue(today))).at(-1) ?? month);
  const schedule = await getReportingSchedule(db, fiscalYear);
  const dueDay = schedule.monthlyDueDay;
  const dueMonths = monthsOfFiscalYear(fiscalYear).filter((m) => isMonthDue(m, dueDay, today));
  const [monthRows, yearRows] = await Promise.all([reportingCountsByPrefecture(db, [monthInYear], dueDay), reportingCountsByPrefecture(db, dueMonths, dueDay)]);
  const monthBy = new Map(monthRows.map((r) => [r.prefectureCode, r.counts]));
  const yearBy = new Map(yearRows.map((r) => [r.prefectureCode, r.counts]));
  const ranked = prefectureDefinitions
    .map((p) => ({ code: p.code, name: p.name, month: ratesOf(monthBy.get(p.code)), year: ratesOf(yearBy.get(p.code)) }))
    .sort((a, b) => (b.year.reportingRate ?? -1) - (a.year.reportingRate ?? -1) || (b.year.onTimeRate ?? -1) - (a.year.onTimeRate ?? -1) || (b.month.reportingRate ?? -1) - (a.month.reportingRate ?? -1) || a.code.localeCompare(b.code));
  const fiscalYears = Array.from({ length: currentFy - 2015 + 1 }, (_, i) => currentFy - i);
  return {
    today,
    month: yearMonthKey(monthInYear),
    monthNowDue: yearMonthKey(monthNowDue(today)),
    fiscalYear,
    fiscalYears,
    schedule,
    deadline: monthlyDeadline(monthInYear, dueDay),
    dueMonths: dueMonths.map(yearMonthKey),
    monthOptions: monthOptions(today, monthInYear).map(yearMonthKey),
    national: { month: ratesOf(monthBy.get(null)), year: ratesOf(yearBy.get(null)) },
    prefectures: ranked,
  };
}

/**
 * What a prefecture official has to do now (their landing page): the month now due and its deadline,
 * the bodies without its figures, the body-months overdue in its fiscal year, the months to confirm
 * and those returned to their bodies.
 */
export async function loadPrefectureWork(db: Database, prefectureCode: string, today: string) {
  const month = monthNowDue(today);
  const fiscalYear = fiscalYearOf(month);
  const schedule = await getReportingSchedule(db, fiscalYear);
  const dueMonths = monthsOfFiscalYear(fiscalYear).filter((m) => isMonthDue(m, schedule.monthlyDueDay, today));
  const [withoutMonth, overdue, reviews] = await Promise.all([
    missingBodyMonths(db, prefectureCode, [month], schedule.monthlyDueDay),
    missingBodyMonths(db, prefectureCode, dueMonths, schedule.monthlyDueDay),
    reviewCountsOf(db, prefectureCode),
  ]);
  return {
    month: yearMonthKey(month),
    deadline: monthlyDeadline(month, schedule.monthlyDueDay),
    deadlinePassed: isMonthDue(month, schedule.monthlyDueDay, today),
    bodiesWithoutMonth: withoutMonth.length,
    overdueBodyMonths: overdue.length,
    overdueBodies: new Set(overdue.map((r) => r.code)).size,
    ...reviews,
  };
}

/** A body's own reporting status on landing (issue 16): the month now due, its deadline and state. */
export async function loadBodyReportingStatus(db: Database, bodyCode: string, today: string) {
  const month = monthNowDue(today);
  const schedule = await getReportingSchedule(db, fiscalYearOf(month));
  const deadline = monthlyDeadline(month, schedule.monthlyDueDay);
  const figures = await monthlyFiguresOf(db, bodyCode, month);
  const state = submissionState({ deadline, submittedOn: figures.submitted ? (figures.submittedOn ?? undefined) : null, today });
  return { month: yearMonthKey(month), deadline, state };
}

export type AnnualStatus = {
  fiscalYear: number;
  dueDate: string;
  /** the due date has passed: bodies without figures are late */
  overdue: boolean;
  datasets: { dataset: AnnualReportingDataset; expected: number; submitted: number; missing: { code: string; name: string }[] }[];
};

/** The annual datasets of a prefecture for a fiscal year against their due date (the schedule's annualDueDate). */
export async function loadAnnualStatus(db: Database, prefectureCode: string, fiscalYear: number, today: string): Promise<AnnualStatus> {
  const [schedule, rows] = await Promise.all([getReportingSchedule(db, fiscalYear), annualSubmissionsOf(db, prefectureCode, fiscalYear)]);
  return {
    fiscalYear,
    dueDate: schedule.annualDueDate,
    overdue: today > schedule.annualDueDate,
    datasets: annualReportingDatasets.map((dataset) => {
      const of = rows.filter((r) => r.dataset === dataset);
      return { dataset, expected: of.length, submitted: of.filter((r) => r.submitted).length, missing: of.filter((r) => !r.submitted).map((r) => ({ code: r.code, name: r.name })) };
    }),
  };
}
