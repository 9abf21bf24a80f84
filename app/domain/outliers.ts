// Outlier checks of a submitted value against the body's own history (ADR 018): the modified z-score of
// Iglewicz and Hoaglin, median and MAD, which a skewed count series or one earlier spike cannot drag.

export type OutlierSettings = {
  /** |modified z-score| above which a value is flagged (Iglewicz & Hoaglin recommend 3.5) */
  threshold: number;
  /** with fewer history values than this, no judgement */
  minHistory: number;
  /** a value within this many (件・人) of the median is never flagged: small counts move by a few */
  minDeviation: number;
  /** the history: the same month of every earlier year and this many latest submitted months before it */
  recentMonths: number;
  /** with history shorter than minHistory: how many implementing bodies nearest in population a value is compared with */
  peers: number;
  /** with fewer peers that submitted the month than this, no judgement */
  minPeers: number;
};

/**
 * The defaults; the settings OUTLIER_THRESHOLD and OUTLIER_MIN_HISTORY replace the first two (env.server.ts),
 * and a metric of the catalogue may override any of them (its `outliers` entry).
 */
export const defaultOutlierSettings: Readonly<OutlierSettings> = { threshold: 3.5, minHistory: 6, minDeviation: 5, recentMonths: 12, peers: 10, minPeers: 6 };

/** The longest explanation of flagged values an upload keeps. */
export const explanationMaxLength = 2000;

/** 0.6745 = Φ⁻¹(0.75): MAD / 0.6745 estimates the standard deviation of normal data. */
const madToSd = 0.6745;
/** √(π/2) ≈ 1.2533: the mean absolute deviation × 1.2533 estimates it when MAD is 0. */
const meanAdToSd = 1.253314;

export function median(values: readonly number[]): number {
  const sorted = scratch(0, values.length);
  for (let i = 0; i < values.length; i++) sorted[i] = values[i]!;
  return middleOf(sorted, values.length);
}

// Two buffers reused by every call (JavaScript runs one call at a time): median and MAD run twice for
// every value of a national file, where a copy and a comparator sort per call cost seconds per 100,000 rows.
const buffers = [new Float64Array(64), new Float64Array(64)];
function scratch(which: 0 | 1, length: number): Float64Array {
  if (buffers[which]!.length < length) buffers[which] = new Float64Array(length * 2);
  return buffers[which]!;
}

/** The median of the first `n` values of `sorted`, which it sorts in place: insertion sort for a history's few dozen values. */
function middleOf(sorted: Float64Array, n: number): number {
  if (n > 64) sorted.subarray(0, n).sort();
  else
    for (let i = 1; i < n; i++) {
      const v = sorted[i]!;
      let j = i - 1;
      while (j >= 0 && sorted[j]! > v) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = v;
    }
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The centre and the robust scale (an estimate of the standard deviation) of a history: median and
 * MAD / 0.6745; when more than half the values are equal (MAD = 0), 1.2533 × the mean absolute
 * deviation from the median; 0 when every value is the same.
 */
export function robustSpread(values: readonly number[]): { median: number; scale: number } {
  const m = median(values);
  const deviations = scratch(1, values.length);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    deviations[i] = Math.abs(values[i]! - m);
    sum += deviations[i]!;
  }
  const mad = middleOf(deviations, values.length);
  if (mad > 0) return { median: m, scale: mad / madToSd };
  const meanAd = sum / values.length;
  return { median: m, scale: meanAd * meanAdToSd };
}

/** 0.6745 × (x − median) / MAD, or its mean-absolute-deviation form; null when the history has no spread. */
export function modifiedZScore(value: number, spread: { median: number; scale: number }): number | null {
  return spread.scale > 0 ? (value - spread.median) / spread.scale : null;
}

export type OutlierJudgement = {
  flagged: boolean;
  score: number | null;
  /** the whole counts not flagged: median ± max(threshold × scale, minDeviation), clipped at 0 */
  typical: { low: number; high: number };
};

/**
 * Judges a count against its history; null when the history is shorter than `minHistory`. Flagged
 * when |modified z-score| > threshold and the value is more than `minDeviation` from the median, i.e.
 * outside the typical range (a history of one repeated value is judged by `minDeviation` alone).
 */
export function judgeAgainstHistory(value: number, history: readonly number[], settings: OutlierSettings = defaultOutlierSettings): OutlierJudgement | null {
  if (history.length === 0 || history.length < settings.minHistory) return null;
  const spread = robustSpread(history);
  const halfWidth = Math.max(settings.threshold * spread.scale, settings.minDeviation);
  // integers strictly inside median ± halfWidth
  const typical = { low: Math.max(0, Math.ceil(spread.median - halfWidth)), high: Math.floor(spread.median + halfWidth) };
  return { flagged: value < typical.low || value > typical.high, score: modifiedZScore(value, spread), typical };
}

export type HistoryMonth = { year: number; month: number };

/**
 * The history a month is judged against, oldest first: the same calendar month of every earlier year
 * and the `recentMonths` latest months submitted before it. `months` is the body's submitted months,
 * oldest first; the month itself (a correction) is not part of its own history.
 */
export function historyWindow<T extends HistoryMonth>(months: readonly T[], at: HistoryMonth, recentMonths: number = defaultOutlierSettings.recentMonths): T[] {
  // called for every value of a national file: one pass, no closures
  const atIndex = at.year * 12 + at.month;
  let before = 0;
  while (before < months.length && months[before]!.year * 12 + months[before]!.month < atIndex) before++;
  const recentFrom = before - recentMonths;
  const window: T[] = [];
  for (let i = 0; i < before; i++) if (i >= recentFrom || months[i]!.month === at.month) window.push(months[i]!);
  return window;
}

/** A peer's figure for the same month: its count and its population on the month's first day. */
export type PeerValue = { population: number; value: number };

export type PeerJudgement = OutlierJudgement & {
  /** the peers' rates per 10万人 that are not flagged: median ± max(threshold × scale, minDeviation in this body's rate) */
  typicalRate: { low: number; high: number };
  peers: number;
};

const perHundredThousand = 100_000;

/**
 * Judges a count of a body with short history against its peers' same month, per 10万人 (ADR 018): the
 * modified z-score of its rate among the peers' rates. `typical` is the range of whole counts that
 * would not be flagged for this body's population. Null without a population or with fewer than
 * `minPeers` peers. `minDeviation` (a count) becomes a rate for this body's population.
 */
export function judgeAgainstPeers(value: number, population: number, peers: readonly PeerValue[], settings: OutlierSettings = defaultOutlierSettings): PeerJudgement | null {
  const rated = peers.filter((p) => p.population > 0);
  if (population <= 0 || rated.length === 0 || rated.length < settings.minPeers) return null;
  const rates = rated.map((p) => (p.value * perHundredThousand) / p.population);
  const spread = robustSpread(rates);
  const halfWidth = Math.max(settings.threshold * spread.scale, (settings.minDeviation * perHundredThousand) / population);
  const typicalRate = { low: Math.max(0, spread.median - halfWidth), high: spread.median + halfWidth };
  const typical = { low: Math.max(0, Math.ceil((typicalRate.low * population) / perHundredThousand)), high: Math.floor((typicalRate.high * population) / perHundredThousand) };
  return {
    flagged: value < typical.low || value > typical.high,
    score: modifiedZScore((value * perHundredThousand) / population, spread),
    typical,
    typicalRate,
    peers: rated.length,
  };
}

/**
 * The `count` bodies nearest in population to `population` on a log scale (the rule of the
 * municipality page's 類似団体, db/queries/bodies.ts peerBodies), ties by code.
 */
export function nearestInPopulation<T extends { code: string; population: number }>(
  population: number,
  candidates: readonly T[],
  count: number,
  include: (candidate: T) => boolean = () => true,
): T[] {
  // a bounded insertion into the `count` nearest so far, not a sort of every candidate: each body's page
  // picks three groups from ~1,900 local governments, and the upload's peer check one per value
  if (count <= 0) return [];
  const own = Math.log(population);
  const nearest: { c: T; d: number }[] = [];
  const before = (d: number, code: string, other: { c: T; d: number }) => d < other.d || (d === other.d && code < other.c.code);
  for (const c of candidates) {
    if (!(c.population > 0) || !include(c)) continue;
    const d = Math.abs(Math.log(c.population) - own);
    if (nearest.length === count && !before(d, c.code, nearest[count - 1]!)) continue;
    let i = nearest.length === count ? count - 1 : nearest.length;
    while (i > 0 && before(d, c.code, nearest[i - 1]!)) {
      nearest[i] = nearest[i - 1]!;
      i--;
    }
    nearest[i] = { c, d };
  }
  return nearest.map(({ c }) => c);
}
