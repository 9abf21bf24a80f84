import { monthKey, type PeerMonth, type SubmittedMonth } from "../../../db/queries/monthly-history";
import { formatNumber } from "../../domain/format";
import { monthlyMetricCatalogue, type MonthlyMetricSpec } from "../../domain/metric-catalogue";
import { defaultOutlierSettings, historyWindow, judgeAgainstHistory, judgeAgainstPeers, nearestInPopulation, type OutlierSettings } from "../../domain/outliers";
import type { HistoryCheck, RowToCheck } from "./validate-stream";
import type { Issue } from "./validate";

/** The submitted months of the bodies asked for, oldest first (monthlyHistoryOf, or a test's stand-in). */
export type HistoryReader = (bodyCodes: string[]) => Promise<Map<string, SubmittedMonth[]>>;
/**
 * For each month asked, the implementing bodies that submitted it and the bodies asked for, with their
 * population (peerMonthsOf, or a test's stand-in).
 */
export type PeerReader = (months: { year: number; month: number }[], bodyCodes: string[]) => Promise<Map<string, PeerMonth[]>>;

type Counts = SubmittedMonth["counts"];

/** How many of the body's latest values a flag shows. */
const latestShown = 3;

const rate = (value: number) => formatNumber(Math.round(value * 10) / 10);

type MetricCheck = { metric: MonthlyMetricSpec; settings: OutlierSettings };
type Submitted = PeerMonth & { counts: Counts };
/** A month's implementing bodies as the peer check needs them: the bodies that submitted it, and the populations read so far. */
type PeerMonthIndex = { submitted: Submitted[]; population: Map<string, number>; asked: Set<string> };
/** A record whose history is too short for some metrics: judged against peers once the month's peers are read. */
type PendingPeerCheck = { row: RowToCheck; record: RowToCheck["records"][number]; at: { year: number; month: number }; metrics: MetricCheck[]; historyMonths: number };

/**
 * The outlier checks of a 月次支援状況 upload (ADR 018): every value of every valid row against the
 * same metric of the same body's history, or, when that history is shorter than `minHistory`, against
 * the same month of the implementing bodies nearest in population, per 10万人. Rows are collected as
 * the stream validates them; at each flush the history of the bodies not read yet is read in one
 * query, the peers of the months not read yet in another, and each collected value is judged.
 */
export class MonthlyOutlierCheck implements HistoryCheck {
  private readonly history = new Map<string, SubmittedMonth[]>();
  private readonly peerMonths = new Map<string, PeerMonthIndex>();
  private readonly metricChecks: MetricCheck[];
  private pending: RowToCheck[] = [];
  /** the fewest peers any metric needs: a month with fewer submitting bodies judges nothing against peers */
  private readonly fewestPeers: number;

  /** `settings`: the settings OUTLIER_THRESHOLD and OUTLIER_MIN_HISTORY over the defaults; a metric's own entry wins */
  constructor(
    private readonly read: HistoryReader,
    private readonly readPeers: PeerReader,
    settings: Partial<OutlierSettings> = {},
  ) {
    this.metricChecks = monthlyMetricCatalogue.map((m: MonthlyMetricSpec) => ({ metric: m, settings: { ...defaultOutlierSettings, ...settings, ...m.outliers } }));
    this.fewestPeers = Math.min(...this.metricChecks.map((c) => c.settings.minPeers));
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
        const short: MetricCheck[] = [];
        let historyMonths = 0;
        // the metrics share one window unless a metric's settings give another length
        const windows = new Map<number, SubmittedMonth[]>();
        for (const check of this.metricChecks) {
          const { metric, settings } = check;
          const value = record.values[metric.column];
          if (typeof value !== "number") continue;
          let window = windows.get(settings.recentMonths);
          if (!window) {
            window = historyWindow(months, at, settings.recentMonths);
            windows.set(settings.recentMonths, window);
          }
          if (window.length < settings.minHistory) {
            short.push(check);
            historyMonths = window.length;
            continue;
          }
          const key = metric.key as keyof Counts;
          const values: number[] = new Array(window.length);
          for (let i = 0; i < window.length; i++) values[i] = window[i]!.counts[key];
          const judgement = judgeAgainstHistory(value, values, settings);
          if (!judgement?.flagged) continue;
          const latest = values.slice(-latestShown).map(formatNumber);
          const { low, high } = judgement.typical;
          issues.push({
            line: row.line,
            ...row.cell(metric.key),
            reason: `${metric.label} ${formatNumber(value)} は${row.body.name}のこれまでの値（通常 ${formatNumber(low)}〜${formatNumber(high)}、直近: ${latest.join(", ")}）から大きく外れています`,
          });
        }
        if (short.length > 0) peerChecks.push({ row, record, at, metrics: short, historyMonths });
      }
    }
    if (peerChecks.length > 0) issues.push(...(await this.judgeAgainstPeers(peerChecks)));
    return issues.sort((a, b) => a.line - b.line);
  }

  private async judgeAgainstPeers(checks: PendingPeerCheck[]): Promise<Issue[]> {
    // one read per batch: the months not read yet, and the populations of bodies not asked for yet in a month read before
    const unread = new Map<string, { at: { year: number; month: number }; codes: Set<string> }>();
    for (const { row, at } of checks) {
      const key = monthKey(at);
      const known = this.peerMonths.get(key);
      // a month read before with too few submitting bodies has no peers for anyone: no population to read
      if (known && (known.submitted.length < this.fewestPeers || known.asked.has(row.body.code))) continue;
      const entry = unread.get(key) ?? { at, codes: new Set<string>() };
      entry.codes.add(row.body.code);
      unread.set(key, entry);
    }
    if (unread.size > 0) {
      const codes = [...new Set([...unread.values()].flatMap((u) => [...u.codes]))];
      const read = await this.readPeers(
        [...unread.values()].map((u) => u.at),
        codes,
      );
      for (const [key, { codes: asked }] of unread) {
        const bodies = read.get(key) ?? [];
        let month = this.peerMonths.get(key);
        if (!month) {
          // figures do not change while a file is staged: a month's submitting bodies are read once
          month = { submitted: bodies.filter((b): b is Submitted => b.counts !== null), population: new Map(), asked: new Set() };
          this.peerMonths.set(key, month);
        }
        for (const b of bodies) month.population.set(b.code, b.population);
        for (const code of asked) month.asked.add(code);
      }
    }
    const nearest = new Map<string, Submitted[]>();
    const issues: Issue[] = [];
    for (const { row, record, at, metrics, historyMonths } of checks) {
      const month = this.peerMonths.get(monthKey(at))!;
      const population = month.population.get(row.body.code) ?? 0;
      // without a population, or when too few bodies submitted the month, there is nothing to sort
      if (population <= 0 || month.submitted.length < this.fewestPeers) continue;
      for (const { metric, settings } of metrics) {
        const key = `${row.body.code} ${monthKey(at)} ${settings.peers}`;
        let peers = nearest.get(key);
        if (!peers) {
          peers = nearestInPopulation(population, month.submitted, settings.peers, (b) => b.code !== row.body.code);
          nearest.set(key, peers);
        }
        const value = record.values[metric.column] as number;
        const judgement = judgeAgainstPeers(
          value,
          population,
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
            `${row.body.name}（人口${formatNumber(population)}人）では ${formatNumber(typical.low)}〜${formatNumber(typical.high)}${metric.unit}にあたります（これまでの提出が${historyMonths}か月分のため類似団体と比べています）`,
        });
      }
    }
    return issues;
  }
}
