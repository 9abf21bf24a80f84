// Funnel plots (client-safe, pure; ADR 024): each body's figure against its denominator, with the 95%
// and 99.8% control limits around the benchmark. A limit at denominator E is the interval of a count
// whose expected value is λ = benchmark × E (poissonInterval, non-integer λ allowed), divided by E: a
// body's point lies outside the funnel when its count is unusual for a body of its size. (就労・増収率's
// limits take its numerator as Poisson around benchmark × 就労支援対象者, an approximation of its ratio interval.)

import { poissonInterval, type ConfidenceLevel, type Interval } from "./confidence-intervals";

export type FunnelScale = {
  /** figure = count × multiplier ÷ denominator (100,000 for per-10万人 figures, 1 for ratios) */
  multiplier: number;
};

export type FunnelLimit = { denominator: number; lower95: number; upper95: number; lower998: number; upper998: number };

export function funnelLimitAt(benchmark: number, denominator: number, scale: FunnelScale): FunnelLimit {
  const expected = (benchmark * denominator) / scale.multiplier;
  const at = (level: ConfidenceLevel) => {
    const c = poissonInterval(expected, level);
    return { lower: (c.lower * scale.multiplier) / denominator, upper: (c.upper * scale.multiplier) / denominator };
  };
  const l95 = at("95");
  const l998 = at("99.8");
  return { denominator, lower95: l95.lower, upper95: l95.upper, lower998: l998.lower, upper998: l998.upper };
}

/** The limits along the denominators' range, evenly spaced on a log scale (`steps` + 1 points). */
export function funnelLimits(benchmark: number, from: number, to: number, scale: FunnelScale, steps = 60): FunnelLimit[] {
  if (!(from > 0) || !(to >= from) || !(benchmark >= 0)) return [];
  const lo = Math.log(from);
  const hi = Math.log(to);
  return Array.from({ length: steps + 1 }, (_, i) => funnelLimitAt(benchmark, Math.exp(lo + ((hi - lo) * i) / steps), scale));
}

export const funnelZones = ["above998", "above95", "within", "below95", "below998"] as const;
export type FunnelZone = (typeof funnelZones)[number];

export const funnelZoneLabels: Record<FunnelZone, string> = {
  above998: "99.8%限界より上",
  above95: "95%限界より上",
  within: "95%限界の内側",
  below95: "95%限界より下",
  below998: "99.8%限界より下",
};

/**
 * Where a point lies in the funnel, decided by its own intervals (the dual of the drawn limits: the benchmark
 * outside a body's interval is the body outside the limits at its size), so the zone always agrees with
 * the label, and no limit is computed per body (ADR 024: < 20 ms for the nation).
 */
export function funnelZoneOf(ci95: Interval, ci998: Interval, benchmark: number): FunnelZone {
  if (ci998.lower > benchmark) return "above998";
  if (ci95.lower > benchmark) return "above95";
  if (ci998.upper < benchmark) return "below998";
  if (ci95.upper < benchmark) return "below95";
  return "within";
}
