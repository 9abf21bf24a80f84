import { formatMonthJa, type DateStyle } from "./format";
// The reporting schedule and the timing state of a body's month (ADR 021). Pure: the clock is an argument.
import type { DatasetId } from "./datasets/types";
import { fiscalYearOfMonth, todayInJapan } from "./fiscal-year";

/** Monthly figures of month M are due on this day of month M+1 unless MHLW set another for the fiscal year. */
export const defaultMonthlyDueDay = 10;
/** The latest due day MHLW may set: every month has it. */
export const maxMonthlyDueDay = 28;

/** The annual datasets of a fiscal year and when they are due by default: 31 May after the fiscal year ends. */
export const annualReportingDatasets = ["optional_programs", "jusou", "staff_training"] as const satisfies readonly DatasetId[];
export type AnnualReportingDataset = (typeof annualReportingDatasets)[number];
export function defaultAnnualDueDate(fiscalYear: number): string {
  return `${fiscalYear + 1}-05-31`;
}

export type ReportingSchedule = { fiscalYear: number; monthlyDueDay: number; annualDueDate: string; isDefault: boolean };

export function defaultSchedule(fiscalYear: number): ReportingSchedule {
  return { fiscalYear, monthlyDueDay: defaultMonthlyDueDay, annualDueDate: defaultAnnualDueDate(fiscalYear), isDefault: true };
}

export type YearMonth = { year: number; month: number };

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function nextMonth({ year, month }: YearMonth): YearMonth {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

export function previousMonth({ year, month }: YearMonth): YearMonth {
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** The last day (YYYY-MM-DD, Japan) on which month M's figures are on time: day D of month M+1. */
export function monthlyDeadline(m: YearMonth, dueDay: number): string {
  const due = nextMonth(m);
  return `${due.year}-${pad(due.month)}-${pad(dueDay)}`;
}

/**
 * The month now due on a Japan date: the previous calendar month. Its deadline (day D ≤ 28 of this
 * month) is either running or has passed, while this month's own figures cannot be due before it ends;
 * so on 2026-12-02 it is 2026年11月分 (due 12月10日), and on 2026-12-15 still 11月分, now late.
 */
export function monthNowDue(today: string): YearMonth {
  const [year, month] = today.split("-").map(Number);
  return previousMonth({ year: year!, month: month! });
}

export function monthNowDueAt(now: Date): YearMonth {
  return monthNowDue(todayInJapan(now));
}

export function fiscalYearOf(m: YearMonth): number {
  return fiscalYearOfMonth(m.year, m.month);
}

export const submissionStates = ["not_submitted", "on_time", "late", "not_yet_due"] as const;
export type SubmissionState = (typeof submissionStates)[number];

/**
 * A body-month's state on a Japan date. submittedOn is the Japan date of the first committed upload that
 * set the month; undefined when figures exist but were loaded before submissions were recorded (counted
 * on time, ADR 021); null when there are no figures. The deadline day itself is on time.
 */
export function submissionState(input: { deadline: string; submittedOn: string | null | undefined; today: string }): SubmissionState {
  if (input.submittedOn === undefined) return "on_time";
  if (input.submittedOn !== null) return input.submittedOn <= input.deadline ? "on_time" : "late";
  return input.today > input.deadline ? "not_submitted" : "not_yet_due";
}

/** A month is due (counts in a fiscal year's expected reports) once its deadline has passed. */
export function isMonthDue(m: YearMonth, dueDay: number, today: string): boolean {
  return today > monthlyDeadline(m, dueDay);
}

/** 「2026年11月分」 (「令和8年11月分」 in 和暦) */
export function formatReportingMonth(m: YearMonth, style: DateStyle = "western"): string {
  return `${formatMonthJa(m, style)}分`;
}

/** 「2026年11月分」 of "2026-11" */
export function formatReportingMonthKey(key: string, style: DateStyle = "western"): string {
  return formatReportingMonth({ year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)) }, style);
}

/** "2026-11" */
export function yearMonthKey(m: YearMonth): string {
  return `${m.year}-${pad(m.month)}`;
}
