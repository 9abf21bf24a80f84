import { describe, expect, it } from "vitest";
import { perHundredThousandInterval } from "./confidence-intervals";
import { compareFigure, compareWithBenchmark, compareWithTarget, comparisonLabelStyles, comparisonTestText, positionOf } from "./comparisons";

describe("compareWithBenchmark", () => {
  const interval = { lower: 10, upper: 20 };
  it("follows the catalogue's polarity", () => {
    // benchmark 25 is above the upper limit 20: the figure is significantly below
    expect(compareWithBenchmark(interval, 25, "higher")).toBe("worse");
    expect(compareWithBenchmark(interval, 25, "lower")).toBe("better");
    expect(compareWithBenchmark(interval, 25, "none")).toBe("lower");
    // benchmark 5 is below the lower limit 10: significantly above
    expect(compareWithBenchmark(interval, 5, "higher")).toBe("better");
    expect(compareWithBenchmark(interval, 5, "lower")).toBe("worse");
    expect(compareWithBenchmark(interval, 5, "none")).toBe("higher");
  });
  it("is 同程度 when the interval holds the benchmark, limits included", () => {
    expect(compareWithBenchmark(interval, 15, "higher")).toBe("similar");
    expect(compareWithBenchmark(interval, 20, "higher")).toBe("similar");
    expect(compareWithBenchmark(interval, 10, "none")).toBe("similar");
  });
  it("does not compare without a figure or a benchmark", () => {
    expect(compareWithBenchmark(null, 15, "higher")).toBe("notCompared");
    expect(compareWithBenchmark(interval, null, "higher")).toBe("notCompared");
    expect(positionOf(interval, Number.NaN)).toBeNull();
  });
});

describe("compareWithTarget: the acceptance cases of issue 17", () => {
  it("labels a village of 3,000 with 3 consultations a year 同程度, where the old flag said 目安値未満", () => {
    // 3 × 100,000 ÷ (12 × 3,000) = 8.33 per 10万人 per month, below the 目安値 of 20 (the old flag);
    // exact 95% limits of 3 are 0.6187–8.7673, ×100,000 ÷ 36,000 = 1.72–24.35: the interval holds 20
    const ci = perHundredThousandInterval(3, 36_000)!;
    expect((3 * 100_000) / 36_000).toBeLessThan(20);
    expect(compareWithTarget(ci, 20, "higher")).toBe("similar");
  });
  it("labels a city of 500,000 significantly below 悪い", () => {
    // 960 consultations in 12 months: 960 × 100,000 ÷ 6,000,000 = 16.0 per 10万人 per month;
    // Byar's upper limit of 960 ≈ 961 × (1 − 1/8,649 + 1.96/(3√961))³ = 961 × 1.0209597³ = 1022.7 → 17.04 < 20
    const ci = perHundredThousandInterval(960, 6_000_000)!;
    expect(ci.upper).toBeCloseTo(17.05, 1);
    expect(compareWithTarget(ci, 20, "higher")).toBe("worse");
  });
});

describe("label styles", () => {
  it("give every label a text and a symbol besides its colour", () => {
    for (const style of Object.values(comparisonLabelStyles)) {
      expect(style.text.length).toBeGreaterThan(0);
      expect(style.symbol.length).toBeGreaterThan(0);
      expect(style.color).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
  it("say what the test was", () => {
    expect(comparisonTestText("target")).toContain("目安値（固定値）が95%信頼区間の外にあるとき");
    expect(comparisonTestText("nation", "99.8")).toContain("全国の値が99.8%信頼区間");
    expect(comparisonTestText(["nation", "prefecture", "peers", "target"])).toContain("全国・都道府県・類似団体の値や目安値（固定値）が95%信頼区間の外にあるとき");
  });
});

describe("compareFigure", () => {
  it("labels one figure against each benchmark given", () => {
    const figure = { value: 15, ci95: { lower: 12, upper: 18 }, ci998: { lower: 10, upper: 21 } };
    // nation 20 > 18: below → 悪い; target 16 within 12–18 → 同程度; prefecture not given → no label
    const compared = compareFigure(figure, { nation: 20, target: 16 }, "higher");
    expect(compared.labels).toEqual({ nation: "worse", target: "similar" });
  });
});
