import { describe, expect, it } from "vitest";
import { funnelLimitAt, funnelLimits, funnelZoneOf } from "./funnel";

const perHundredThousand = { multiplier: 100_000 };

describe("funnel limits", () => {
  it("are the Poisson interval of the expected count, as a rate", () => {
    // benchmark 20 per 10万人 per month, 500,000 person-months: λ = 20 × 500,000 ÷ 100,000 = 100;
    // Byar's limits of 100 are 81.364 and 121.627 (confidence-intervals.test.ts), ÷ 5 = 16.27 and 24.33
    const limit = funnelLimitAt(20, 500_000, perHundredThousand);
    expect(limit.lower95).toBeCloseTo(16.273, 2);
    expect(limit.upper95).toBeCloseTo(24.325, 2);
    expect(limit.lower998).toBeLessThan(limit.lower95);
    expect(limit.upper998).toBeGreaterThan(limit.upper95);
  });
  it("narrow as the denominator grows, around the benchmark", () => {
    const limits = funnelLimits(20, 10_000, 10_000_000, perHundredThousand, 3);
    // 4 points at 10⁴, 10⁵, 10⁶, 10⁷ person-months
    expect(limits.map((l) => Math.round(l.denominator))).toEqual([10_000, 100_000, 1_000_000, 10_000_000]);
    const widths = limits.map((l) => l.upper95 - l.lower95);
    expect(widths[0]!).toBeGreaterThan(widths[1]!);
    expect(widths[2]!).toBeGreaterThan(widths[3]!);
    expect(limits[3]!.lower95).toBeLessThan(20);
    expect(limits[3]!.upper95).toBeGreaterThan(20);
    expect(funnelLimits(20, 0, 10, perHundredThousand)).toEqual([]);
  });
  it("place points in zones by their own intervals against the benchmark", () => {
    const at = (ci95: [number, number], ci998: [number, number]) => funnelZoneOf({ lower: ci95[0], upper: ci95[1] }, { lower: ci998[0], upper: ci998[1] }, 20);
    expect(at([16, 24], [14, 27])).toBe("within");
    expect(at([21, 29], [19, 32])).toBe("above95");
    expect(at([23, 31], [21, 34])).toBe("above998");
    expect(at([11, 19], [9, 21])).toBe("below95");
    expect(at([8, 15], [6, 18])).toBe("below998");
  });
});
