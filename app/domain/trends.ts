// Trend of a figure over the last five fiscal years (client-safe, pure; ADR 024): Poisson regression of
// the yearly counts with log(exposure) as offset — exposure is the person-months of a per-10万人 figure,
// the denominator of a ratio, or 1 for a bare count — and a Wald test on the year's coefficient at 95%.

import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

export const trendYears = 5;
/** Fewer years than this: no judgement. */
export const minTrendYears = 3;

export const trendDirections = ["increasing", "decreasing", "noChange"] as const;
export type TrendDirection = (typeof trendDirections)[number];

export const trendStyles: Record<TrendDirection, { text: string; symbol: string }> = {
  increasing: { text: "増加", symbol: "↗" },
  decreasing: { text: "減少", symbol: "↘" },
  noChange: { text: "変化なし", symbol: "→" },
};

export type YearlyCount = { fiscalYear: number; count: number; exposure: number };

export type Trend = {
  direction: TrendDirection;
  /** the year coefficient: log of the yearly rate ratio */
  slope: number;
  standardError: number;
  /** the figure's factor per year, e^slope */
  yearlyRatio: number;
  years: { from: number; to: number; count: number };
};

/**
 * Fits log μ_t = log(exposure_t) + a + b·(t − t̄) by Newton–Raphson (the Poisson log link is canonical, so
 * Newton is IRLS) over the last `trendYears` years with an exposure, and tests b by Wald's z = b ÷ SE(b).
 * Null with fewer than `minTrendYears` years, without any count, or when the fit does not converge (counts only at
 * one end: the slope is not estimable).
 */
export function poissonTrend(series: readonly YearlyCount[]): Trend | null {
  const years = [...series]
    .filter((y) => y.exposure > 0 && Number.isFinite(y.count) && y.count >= 0)
    .sort((a, b) => a.fiscalYear - b.fiscalYear)
    .slice(-trendYears);
  if (years.length < minTrendYears) return null;
  const total = years.reduce((s, y) => s + y.count, 0);
  if (total === 0) return null;
  const mean = years.reduce((s, y) => s + y.fiscalYear, 0) / years.length;
  const t = years.map((y) => y.fiscalYear - mean);
  let a = Math.log(total / years.reduce((s, y) => s + y.exposure, 0));
  let b = 0;
  let info = { i11: 0, i12: 0, i22: 0 };
  let converged = false;
  for (let iteration = 0; iteration < 50 && !converged; iteration++) {
    let u1 = 0;
    let u2 = 0;
    info = { i11: 0, i12: 0, i22: 0 };
    years.forEach((y, i) => {
      const mu = y.exposure * Math.exp(a + b * t[i]!);
      u1 += y.count - mu;
      u2 += t[i]! * (y.count - mu);
      info.i11 += mu;
      info.i12 += mu * t[i]!;
      info.i22 += mu * t[i]! * t[i]!;
    });
    const det = info.i11 * info.i22 - info.i12 * info.i12;
    if (!(det > 0)) return null;
    const da = (info.i22 * u1 - info.i12 * u2) / det;
    const db = (info.i11 * u2 - info.i12 * u1) / det;
    a += da;
    b += db;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
    converged = Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10;
  }
  if (!converged) return null;
  const det = info.i11 * info.i22 - info.i12 * info.i12;
  const standardError = Math.sqrt(info.i11 / det);
  const z = b / standardError;
  const critical = normalQuantile(0.975, 0, 1);
  return {
    direction: z > critical ? "increasing" : z < -critical ? "decreasing" : "noChange",
    slope: b,
    standardError,
    yearlyRatio: Math.exp(b),
    years: { from: years[0]!.fiscalYear, to: years[years.length - 1]!.fiscalYear, count: years.length },
  };
}
