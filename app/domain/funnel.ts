// Funnel plots (client-safe, pure; ADR 024): each body's figure against its denominator, with the 95%
// and 99.8% control limits around the benchmark. A limit at denominator E is the interval of a count
// whose expected value is λ = benchmark × E (poissonInterval, non-integer λ allowed), divided by E: a
// body's point lies outside the funnel when its count is unusual for a body of its size.

import { poissonInterval, type ConfidenceLevel } from "./confidence-intervals";

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

/** Where a point lies in the funnel of its denominator. */
export function funnelZoneOf(value: number, limit: FunnelLimit): FunnelZone {
  if (value > limit.upper998) return "above998";
  if (value > limit.upper95) return "above95";
  if (value < limit.lower998) return "below998";
  if (value < limit.lower95) return "below95";
  return "within";
}
