import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { comparableMetricLabels, comparableMetrics, type ComparableMetric } from "~/domain/metrics";
import { useFormat } from "~/components/shell/format-context";

/** The filters of a page: a GET form of its fields and the 表示 button. */
export function FilterForm({ children }: { children: ReactNode }) {
  return (
    <Form method="get" className="filters" aria-label="表示条件">
      {children}
      <button type="submit" className="button">
        表示
      </button>
    </Form>
  );
}

/** The fiscal-year select (name "fy"); the current year, not yet over, is marked with its months so far. */
export function FiscalYearField({ fiscalYears, value, current }: { fiscalYears: number[]; value: number; current?: { fiscalYear: number; label: string } }) {
  return (
    <div className="field">
      <label htmlFor="filter-fy">年度</label>
      <select id="filter-fy" name="fy" defaultValue={value}>
        {fiscalYears.map((fy) => (
          <option key={fy} value={fy}>
            {current?.fiscalYear === fy ? current.label : formatFiscalYear(fy)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The metric select of maps, rankings and comparisons (name "metric"). */
export function MetricField({ label, value }: { label: string; value: ComparableMetric }) {
  return (
    <div className="field">
      <label htmlFor="filter-metric">{label}</label>
      <select id="filter-metric" name="metric" defaultValue={value}>
        {comparableMetrics.map((m) => (
          <option key={m} value={m}>
            {comparableMetricLabels[m]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A date period of the page filters (names "from" and "to", either may be empty). */
export function DatePeriodFields({ from, to }: { from: string | undefined; to: string | undefined }) {
  return (
    <>
      <div className="field">
        <label htmlFor="filter-from">期間（から）</label>
        <input id="filter-from" type="date" name="from" defaultValue={from} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">期間（まで）</label>
        <input id="filter-to" type="date" name="to" defaultValue={to} />
      </div>
    </>
  );
}

/** The month of the reporting cycle's pages ("YYYY-MM"), the month now due marked. */
export function ReportingMonthField({ months, value, nowDue }: { months: readonly string[]; value: string; nowDue: string }) {
  const format = useFormat();
  return (
    <div className="field">
      <label htmlFor="filter-month">対象月</label>
      <select id="filter-month" name="month" defaultValue={value}>
        {months.map((m) => (
          <option key={m} value={m}>
            {format.reportingMonth(m)}
            {m === nowDue ? "（現在の提出対象）" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
