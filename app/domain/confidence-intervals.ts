// Confidence intervals for the figures of the metric catalogue (client-safe, pure; ADR 024).
// The methods follow PHE's "Technical Guide: Confidence intervals" and the PHEindicatormethods package:
// - a count (and so a per-10万人 figure, whose population is taken as exact) is Poisson: exact limits from
//   the chi-square distribution below 10, Byar's approximation from 10 up (as phe_rate does);
// - a share (implementation rates) is binomial: Wilson's score interval (phe_proportion);
// - 就労・増収率 = (就労者 + 増収者) ÷ 就労支援対象者 is a ratio of two counts that can exceed 100%: both are
//   taken as Poisson, and conditional on their sum the numerator is binomial with π = R ÷ (1 + R); Wilson's
//   score interval of π gives R = π ÷ (1 − π) (the conditional score method, Graham, Mengersen & Morton 2003).

import chisquareQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/** The two levels Fingertips shows: 95% (two standard errors) and 99.8% (three). */
export const confidenceLevels = ["95", "99.8"] as const;
export type ConfidenceLevel = (typeof confidenceLevels)[number];

export const confidenceLevelLabels: Record<ConfidenceLevel, string> = { "95": "95%", "99.8": "99.8%" };

const alphaOf: Record<ConfidenceLevel, number> = { "95": 0.05, "99.8": 0.002 };

export type Interval = { lower: number; upper: number };

// computed once: the national funnel computes thousands of intervals per request (ADR 024, < 20 ms); on first
// use, not at load, so a page that imports only this module's types and constants does not load @stdlib (ADR 036)
const zs: Partial<Record<ConfidenceLevel, number>> = {};

/** z of the two-sided level: 1.959964 at 95%, 3.090232 at 99.8%. */
export function zOf(level: ConfidenceLevel): number {
  return (zs[level] ??= normalQuantile(1 - alphaOf[level] / 2, 0, 1));
}

/** Below this count the Poisson limits are exact (PHEindicatormethods uses Byar's from 10 up). */
export const exactPoissonBelow = 10;

/** The interval of a Poisson count (a non-negative integer). */
export function poissonInterval(count: number, level: ConfidenceLevel = "95"): Interval {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`count must be a non-negative number: ${count}`);
  if (count < exactPoissonBelow) {
    if (!Number.isInteger(count)) return exactPoissonInterval(count, level);
    const key = `${level}:${count}`;
    let cached = exactCache.get(key);
    if (!cached) exactCache.set(key, (cached = exactPoissonInterval(count, level)));
    return cached;
  }
  const z = zOf(level);
  const next = count + 1;
  return {
    lower: count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3,
    upper: next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3,
  };
}

/** Exact limits χ²(α/2; 2x)/2 and χ²(1 − α/2; 2x + 2)/2 (x may be a non-integer expected count of a funnel plot). */
function exactPoissonInterval(count: number, level: ConfidenceLevel): Interval {
  const alpha = alphaOf[level];
  return {
    lower: count === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * count) / 2,
    upper: chisquareQuantile(1 - alpha / 2, 2 * count + 2) / 2,
  };
}

/** The exact limits of the 10 × 2 small integer counts, computed once (the quantile is iterative, about 60 µs). */
const exactCache = new Map<string, Interval>();

/** The interval of 人口10万人あたり月平均 = count × 100,000 ÷ populationMonths (statistics.ts); null without population. */
export function perHundredThousandInterval(count: number, populationMonths: number, level: ConfidenceLevel = "95"): Interval | null {
  if (!(populationMonths > 0)) return null;
  const c = poissonInterval(count, level);
  return { lower: (c.lower * 100_000) / populationMonths, upper: (c.upper * 100_000) / populationMonths };
}

/** Wilson's score interval of a share `part` of `whole` (0–1); null when the whole is 0. */
export function wilsonInterval(part: number, whole: number, level: ConfidenceLevel = "95"): Interval | null {
  if (!(whole > 0)) return null;
  if (part < 0 || part > whole) throw new RangeError(`part must be within 0..${whole}: ${part}`);
  const z = zOf(level);
  const p = part / whole;
  const centre = 2 * part + z * z;
  const spread = z * Math.sqrt(z * z + 4 * part * (1 - p));
  const denominator = 2 * (whole + z * z);
  return { lower: Math.max(0, (centre - spread) / denominator), upper: Math.min(1, (centre + spread) / denominator) };
}

/**
 * The interval of a ratio R = numerator ÷ denominator of two Poisson counts (就労・増収率), by the conditional
 * score method: conditional on their sum, the numerator is binomial with π = R ÷ (1 + R); Wilson's score
 * limits of π = numerator ÷ (numerator + denominator) give R = π ÷ (1 − π). No figure (null) when the
 * denominator is 0; a numerator of 0 has a lower limit of 0.
 */
export function poissonRatioInterval(numerator: number, denominator: number, level: ConfidenceLevel = "95"): Interval | null {
  if (!(denominator > 0) || numerator < 0) return null;
  const pi = wilsonInterval(numerator, numerator + denominator, level)!;
  return { lower: pi.lower / (1 - pi.lower), upper: pi.upper / (1 - pi.upper) };
}

/** The figure and its limits at both levels, as tables and funnel plots show them. */
export type FigureWithIntervals = { value: number | null; ci95: Interval | null; ci998: Interval | null };

export function perHundredThousandFigure(count: number, populationMonths: number): FigureWithIntervals {
  return {
    value: populationMonths > 0 ? (count * 100_000) / populationMonths : null,
    ci95: perHundredThousandInterval(count, populationMonths, "95"),
    ci998: perHundredThousandInterval(count, populationMonths, "99.8"),
  };
}

export function ratioFigure(numerator: number, denominator: number): FigureWithIntervals {
  return {
    value: denominator > 0 ? numerator / denominator : null,
    ci95: poissonRatioInterval(numerator, denominator, "95"),
    ci998: poissonRatioInterval(numerator, denominator, "99.8"),
  };
}

export function shareFigure(part: number, whole: number): FigureWithIntervals {
  return { value: whole > 0 ? part / whole : null, ci95: wilsonInterval(part, whole, "95"), ci998: wilsonInterval(part, whole, "99.8") };
}
