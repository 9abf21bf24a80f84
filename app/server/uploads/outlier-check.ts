import type { SubmittedMonth } from "../../../db/queries/monthly-history";
import { formatNumber } from "../../domain/format";
import { monthlyMetricCatalogue, type MonthlyMetricSpec } from "../../domain/metric-catalogue";
import { defaultOutlierSettings, historyWindow, judgeAgainstHistory, type OutlierSettings } from "../../domain/outliers";
import type { HistoryCheck, RowToCheck } from "./validate-stream";
import type { Issue } from "./validate";

/** The submitted months of the bodies asked for, oldest first (monthlyHistoryOf, or a test's stand-in). */
export type HistoryReader = (bodyCodes: string[]) => Promise<Map<string, SubmittedMonth[]>>;

const metricChecks = monthlyMetricCatalogue.map((m: MonthlyMetricSpec) => ({
  metric: m,
  settings: { ...defaultOutlierSettings, ...m.outliers } satisfies OutlierSettings,
}));

/** How many of the body's latest values a flag shows. */
const latestShown = 3;

/**
 * The outlier checks of a 月次支援状況 upload (ADR 018): every value of every valid row against the
 * same metric of the same body's history. Rows are collected as the stream validates them; at each
 * flush the history of the bodies not read yet is read in one query, and each collected value is judged.
 */
export class MonthlyOutlierCheck implements HistoryCheck {
  private readonly history = new Map<string, SubmittedMonth[]>();
  private pending: RowToCheck[] = [];

  constructor(private readonly read: HistoryReader) {}

  add(row: RowToCheck): void {
    this.pending.push(row);
  }

  async flush(): Promise<Issue[]> {
    const rows = this.pending;
    this.pending = [];
    const unread = [...new Set(rows.map((r) => r.body.code))].filter((code) => !this.history.has(code));
    if (unread.length > 0) {
      const read = await this.read(unread);
      for (const code of unread) this.history.set(code, read.get(code) ?? []);
    }
    const issues: Issue[] = [];
    for (const row of rows) {
      const months = this.history.get(row.body.code)!;
      if (months.length === 0) continue;
      for (const record of row.records) {
        const at = { year: Number(record.key.year), month: Number(record.key.month) };
        for (const { metric, settings } of metricChecks) {
          const value = record.values[metric.column];
          if (typeof value !== "number") continue;
          const window = historyWindow(months, at, settings.recentMonths);
          const judgement = judgeAgainstHistory(
            value,
            window.map((m) => m.counts[metric.key as keyof SubmittedMonth["counts"]]),
            settings,
          );
          if (!judgement?.flagged) continue;
          const latest = window.slice(-latestShown).map((m) => formatNumber(m.counts[metric.key as keyof SubmittedMonth["counts"]]));
          const { low, high } = judgement.typical;
          issues.push({
            line: row.line,
            ...row.cell(metric.key),
            reason: `${metric.label} ${formatNumber(value)} は${row.body.name}のこれまでの値（通常 ${formatNumber(low)}〜${formatNumber(high)}、直近: ${latest.join(", ")}）から大きく外れています`,
          });
        }
      }
    }
    return issues;
  }
}
