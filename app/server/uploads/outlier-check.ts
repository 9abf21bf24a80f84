import { monthKey, type PeerMonth, type SubmittedMonth } from "../../../db/queries/monthly-history";
import { formatNumber } from "../../domain/format";
import { monthlyMetricCatalogue, type MonthlyMetricSpec } from "../../domain/metric-catalogue";
import { defaultOutlierSettings, historyWindow, judgeAgainstHistory, judgeAgainstPeers, nearestInPopulation, type OutlierSettings } from "../../domain/outliers";
import type { HistoryCheck, RowToCheck } from "./validate-stream";
import type { Issue } from "./validate";

/** The submitted months of the bodies asked for, oldest first (monthlyHistoryOf, or a test's stand-in). */
export type HistoryReader = (bodyCodes: string[]) => Promise<Map<string, SubmittedMonth[]>>;
/** The implementing bodies of each month asked for, with population and figures (peerMonthsOf, or a test's stand-in). */
export type PeerReader = (months: { year: number; month: number }[]) => Promise<Map<string, PeerMonth[]>>;

type Counts = SubmittedMonth["counts"];

/** How many of the body's latest values a flag shows. */
const latestShown = 3;

const rate = (value: number) => formatNumber(Math.round(value * 10) / 10);

type PendingPeerCheck = { row: RowToCheck; at: { year: number; month: number }; metric: MonthlyMetricSpec; settings: OutlierSettings; value: number; historyMonths: number };

/**
 * The outlier checks of a 月次支援状況 upload (ADR 018): every value of every valid row against the
 * same metric of the same body's history, or, when that history is shorter than `minHistory`, against
 * the same month of the implementing bodies nearest in population, per 10万人. Rows are collected as
 * the stream validates them; at each flush the history of the bodies not read yet is read in one
 * query, the peers of the months not read yet in another, and each collected value is judged.
 */
export class MonthlyOutlierCheck implements HistoryCheck {
  private readonly history = new Map<string, SubmittedMonth[]>();
  private readonly peerMonths = new Map<string, PeerMonth[]>();
  private readonly metricChecks: { metric: MonthlyMetricSpec; settings: OutlierSettings }[];
  private pending: RowToCheck[] = [];

  /** `settings`: the settings OUTLIER_THRESHOLD and OUTLIER_MIN_HISTORY over the defaults; a metric's own entry wins */
  constructor(
    private readonly read: HistoryReader,
    private readonly readPeers: PeerReader,
    settings: Partial<OutlierSettings> = {},
  ) {
    this.metricChecks = monthlyMetricCatalogue.map((m: MonthlyMetricSpec) => ({ metric: m, settings: { ...defaultOutlierSettings, ...settings, ...m.outliers } }));
  }

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
    const peerChecks: PendingPeerCheck[] = [];
    for (const row of rows) {
      const months = this.history.get(row.body.code)!;
      for (const record of row.records) {
        const at = { year: Number(record.key.year), month: Number(record.key.month) };
        for (const { metric, settings } of this.metricChecks) {
          const value = record.values[metric.column];
          if (typeof value !== "number") continue;
          const window = historyWindow(months, at, settings.recentMonths);
          const ofMetric = (m: SubmittedMonth) => m.counts[metric.key as keyof Counts];
          if (window.length < settings.minHistory) {
            peerChecks.push({ row, at, metric, settings, value, historyMonths: window.length });
            continue;
          }
          const judgement = judgeAgainstHistory(value, window.map(ofMetric), settings);
          if (!judgement?.flagged) continue;
          const latest = window.slice(-latestShown).map((m) => formatNumber(ofMetric(m)));
          const { low, high } = judgement.typical;
          issues.push({
            line: row.line,
            ...row.cell(metric.key),
            reason: `${metric.label} ${formatNumber(value)} は${row.body.name}のこれまでの値（通常 ${formatNumber(low)}〜${formatNumber(high)}、直近: ${latest.join(", ")}）から大きく外れています`,
          });
        }
      }
    }
    if (peerChecks.length > 0) issues.push(...(await this.judgeAgainstPeers(peerChecks)));
    return issues.sort((a, b) => a.line - b.line);
  }

  private async judgeAgainstPeers(checks: PendingPeerCheck[]): Promise<Issue[]> {
    const unreadMonths = [...new Map(checks.map((c) => [monthKey(c.at), c.at])).entries()].filter(([key]) => !this.peerMonths.has(key));
    if (unreadMonths.length > 0) {
      const read = await this.readPeers(unreadMonths.map(([, at]) => at));
      for (const [key] of unreadMonths) this.peerMonths.set(key, read.get(key) ?? []);
    }
    const minPeers = Math.min(...checks.map((c) => c.settings.minPeers));
    const ofMonth = new Map<string, { byCode: Map<string, PeerMonth>; submitted: (PeerMonth & { counts: Counts })[] }>();
    const nearest = new Map<string, { self: PeerMonth; peers: (PeerMonth & { counts: Counts })[] } | null>();
    const peersOf = (code: string, at: { year: number; month: number }, count: number) => {
      const key = `${code} ${monthKey(at)} ${count}`;
      if (!nearest.has(key)) {
        let month = ofMonth.get(monthKey(at));
        if (!month) {
          const bodies = this.peerMonths.get(monthKey(at))!;
          month = { byCode: new Map(bodies.map((b) => [b.code, b])), submitted: bodies.filter((b): b is PeerMonth & { counts: Counts } => b.counts !== null) };
          ofMonth.set(monthKey(at), month);
        }
        const self = month.byCode.get(code);
        // too few bodies submitted the month: no sorting needed to know there is no judgement
        const enough = month.submitted.length - (self?.counts ? 1 : 0) >= minPeers;
        nearest.set(
          key,
          self && self.population > 0 && enough ? { self, peers: nearestInPopulation(self.population, month.submitted.filter((b) => b.code !== code), count) } : null,
        );
      }
      return nearest.get(key)!;
    };
    const issues: Issue[] = [];
    for (const { row, at, metric, settings, value, historyMonths } of checks) {
      const found = peersOf(row.body.code, at, settings.peers);
      if (!found) continue;
      const { self, peers } = found;
      const judgement = judgeAgainstPeers(
        value,
        self.population,
        peers.map((p) => ({ population: p.population, value: p.counts[metric.key as keyof Counts] })),
        settings,
      );
      if (!judgement?.flagged) continue;
      const { typical, typicalRate } = judgement;
      issues.push({
        line: row.line,
        ...row.cell(metric.key),
        reason:
          `${metric.label} ${formatNumber(value)} は人口規模の近い${judgement.peers}団体の${at.year}年${at.month}月（人口10万人あたり 通常 ${rate(typicalRate.low)}〜${rate(typicalRate.high)}${metric.unit}）から大きく外れています。` +
          `${row.body.name}（人口${formatNumber(self.population)}人）では ${formatNumber(typical.low)}〜${formatNumber(typical.high)}${metric.unit}にあたります（これまでの提出が${historyMonths}か月分のため類似団体と比べています）`,
      });
    }
    return issues;
  }
}
