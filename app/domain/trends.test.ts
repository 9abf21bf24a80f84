import { describe, expect, it } from "vitest";
import { poissonTrend } from "./trends";

const series = (counts: number[], exposures: number[] = counts.map(() => 1), from = 2022) =>
  counts.map((count, i) => ({ fiscalYear: from + i, count, exposure: exposures[i]! }));

describe("poissonTrend", () => {
  it("fits a doubling exactly and finds it significant with large counts", () => {
    // years −1, 0, 1 with counts 100, 200, 400: the fit is exact, b = ln 2 = 0.693147, μ = (100, 200, 400);
    // information I = Σμ[1 t; t t²] = [700 300; 300 500], det = 350,000 − 90,000 = 260,000,
    // Var(b) = 700 ÷ 260,000 = 0.0026923, SE = 0.051887, z = 13.36 > 1.96: 増加
    const t = poissonTrend(series([100, 200, 400]))!;
    expect(t.slope).toBeCloseTo(Math.LN2, 8);
    expect(t.standardError).toBeCloseTo(0.051887, 5);
    expect(t.yearlyRatio).toBeCloseTo(2, 8);
    expect(t.direction).toBe("increasing");
  });
  it("does not call a doubling of small counts a trend", () => {
    // counts 2, 4, 8: I = [14 6; 6 10], det = 140 − 36 = 104, Var(b) = 14 ÷ 104 = 0.13462,
    // SE = 0.36690, z = 0.693147 ÷ 0.36690 = 1.889 < 1.96: 変化なし
    const t = poissonTrend(series([2, 4, 8]))!;
    expect(t.standardError).toBeCloseTo(0.3669, 4);
    expect(t.direction).toBe("noChange");
    // counts 5, 10, 20: I = [35 15; 15 25], Var(b) = 35 ÷ 650, SE = 0.23205, z = 2.987: 増加
    expect(poissonTrend(series([5, 10, 20]))!.direction).toBe("increasing");
  });
  it("finds a decrease, and takes the population offset into account", () => {
    expect(poissonTrend(series([400, 200, 100]))!.direction).toBe("decreasing");
    // the counts double because the person-months double: the rate is flat, b = 0
    const flat = poissonTrend(series([100, 200, 400], [1_000, 2_000, 4_000]))!;
    expect(flat.slope).toBeCloseTo(0, 8);
    expect(flat.direction).toBe("noChange");
  });
  it("uses the last five years only, and needs three with an exposure and a count", () => {
    // 2018–2019 fell sharply; 2020–2024 are flat at 50
    const t = poissonTrend(series([500, 300, 50, 50, 50, 50, 50], undefined, 2018))!;
    expect(t.years).toEqual({ from: 2020, to: 2024, count: 5 });
    expect(t.direction).toBe("noChange");
    expect(poissonTrend(series([10, 20]))).toBeNull();
    expect(poissonTrend(series([10, 20, 30], [1, 0, 0]))).toBeNull();
    expect(poissonTrend(series([0, 0, 0]))).toBeNull();
    // counts only in the last year: the slope's estimate runs off to infinity, so no judgement
    expect(poissonTrend(series([0, 0, 5]))).toBeNull();
  });
});
