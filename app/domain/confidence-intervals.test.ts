import { describe, expect, it } from "vitest";
import {
  perHundredThousandFigure,
  perHundredThousandInterval,
  poissonInterval,
  poissonRatioInterval,
  ratioFigure,
  wilsonInterval,
  zOf,
} from "./confidence-intervals";

describe("z of the two levels", () => {
  it("is 1.96 at 95% and 3.09 at 99.8% (standard normal table)", () => {
    expect(zOf("95")).toBeCloseTo(1.959964, 5);
    expect(zOf("99.8")).toBeCloseTo(3.090232, 5);
  });
});

describe("poissonInterval", () => {
  it("is exact below 10 (PHE Technical Guide: Confidence intervals, exact Poisson limits from the chi-square)", () => {
    // x = 3: lower = χ²(0.025; 6) ÷ 2 = 1.2373 ÷ 2 = 0.6187, upper = χ²(0.975; 8) ÷ 2 = 17.5345 ÷ 2 = 8.7673
    // (the published exact 95% limits of 3 events, e.g. the PHE guide's table of Poisson limits)
    const ci = poissonInterval(3);
    expect(ci.lower).toBeCloseTo(0.6187, 4);
    expect(ci.upper).toBeCloseTo(8.7673, 4);
    // x = 0: lower 0, upper = χ²(0.975; 2) ÷ 2 = −ln(0.025) = 3.6889
    expect(poissonInterval(0)).toEqual({ lower: 0, upper: expect.closeTo(3.6889, 4) });
    // x = 0 at 99.8%: upper = −ln(0.001) = 6.9078
    expect(poissonInterval(0, "99.8").upper).toBeCloseTo(6.9078, 4);
  });
  it("uses Byar's method from 10 up (Breslow & Day 1987; PHE Technical Guide worked example)", () => {
    // x = 100, z = 1.959964:
    // lower = 100 × (1 − 1/900 − 1.959964/(3 × 10))³ = 100 × 0.933557³ = 81.364
    // upper = 101 × (1 − 1/909 + 1.959964/(3 × √101))³ = 101 × 1.063908³ = 121.627
    // (exact limits are 81.37 and 121.63: Byar's is close from 10 up)
    const ci = poissonInterval(100);
    expect(ci.lower).toBeCloseTo(81.364, 2);
    expect(ci.upper).toBeCloseTo(121.627, 2);
    // x = 10 is the first count by Byar's: lower = 10 × (1 − 1/90 − 1.959964/(3√10))³ = 10 × 0.782288³ = 4.7874
    expect(poissonInterval(10).lower).toBeCloseTo(4.7874, 3);
  });
  it("gives the same exact limits from its cache, and exact limits for a non-integer expected count", () => {
    expect(poissonInterval(3)).toEqual(poissonInterval(3));
    // λ = 0.5: upper = χ²(0.975; 3) ÷ 2 = 9.3484 ÷ 2 = 4.6742
    expect(poissonInterval(0.5).upper).toBeCloseTo(4.6742, 3);
  });
  it("is wider at 99.8% and refuses negative counts", () => {
    const narrow = poissonInterval(50, "95");
    const wide = poissonInterval(50, "99.8");
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
    expect(() => poissonInterval(-1)).toThrow(RangeError);
  });
});

describe("perHundredThousandInterval", () => {
  it("scales the count's limits by 100,000 ÷ populationMonths", () => {
    // a village of 3,000 with 3 consultations in 12 months: 3 × 100,000 ÷ 36,000 = 8.33 per 10万人 per month,
    // limits 0.6187 and 8.7673 × 100,000 ÷ 36,000 = 1.72 and 24.35
    const f = perHundredThousandFigure(3, 12 * 3_000);
    expect(f.value).toBeCloseTo(8.333, 3);
    expect(f.ci95!.lower).toBeCloseTo(1.7185, 3);
    expect(f.ci95!.upper).toBeCloseTo(24.354, 2);
    expect(perHundredThousandInterval(3, 0)).toBeNull();
  });
});

describe("wilsonInterval", () => {
  it("matches Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score)", () => {
    // 81/263: 0.2553–0.3662; 15/148: 0.0624–0.1605; 0/20: 0–0.1611; 1/29: 0.0061–0.1718
    // hand check of 81/263: p = 0.30798, z² = 3.8415; (162 + 3.8415 ∓ 1.96 × √(3.8415 + 4 × 81 × 0.69202)) ÷ (2 × 266.8415)
    //   = (165.8415 ∓ 1.96 × 15.0997) ÷ 533.683 = 0.2553 and 0.3662
    expect(wilsonInterval(81, 263)).toEqual({ lower: expect.closeTo(0.2553, 4), upper: expect.closeTo(0.3662, 4) });
    expect(wilsonInterval(15, 148)).toEqual({ lower: expect.closeTo(0.0624, 4), upper: expect.closeTo(0.1605, 4) });
    expect(wilsonInterval(0, 20)).toEqual({ lower: 0, upper: expect.closeTo(0.1611, 4) });
    expect(wilsonInterval(1, 29)).toEqual({ lower: expect.closeTo(0.0061, 4), upper: expect.closeTo(0.1718, 4) });
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("poissonRatioInterval (就労・増収率)", () => {
  it("is hand-computable for 1 ÷ 1", () => {
    // π = 1/2 of n = 2, Wilson: (2 + 3.8415 ∓ 1.96 × √(3.8415 + 4 × 1 × 0.5)) ÷ (2 × 5.8415)
    //   = (5.8415 ∓ 4.7371) ÷ 11.683 = 0.094531 and 0.905469; R = π ÷ (1 − π) = 0.10440 and 9.5786
    // (symmetric on the log scale: the limits multiply to 1)
    const ci = poissonRatioInterval(1, 1)!;
    expect(ci.lower).toBeCloseTo(0.1044, 4);
    expect(ci.upper).toBeCloseTo(9.5786, 3);
    expect(ci.lower * ci.upper).toBeCloseTo(1, 10);
  });
  it("holds the published FY2015 national figure of 100.7% with a narrow interval above 99%", () => {
    // (21,465 + 6,946) ÷ 28,207 = 28,411 ÷ 28,207 = 1.00723; π = 28,411 ÷ 56,618 = 0.50180,
    // (with n this large Wilson's limits are the normal ones to four decimals)
    // its standard error √(π(1 − π)/56,618) = 0.002101, so π ∈ 0.5018 ± 0.00412 and R ∈ 0.9907–1.0240
    const f = ratioFigure(21_465 + 6_946, 28_207);
    expect(f.value).toBeCloseTo(1.00723, 5);
    expect(f.ci95!.lower).toBeCloseTo(0.9907, 3);
    expect(f.ci95!.upper).toBeCloseTo(1.024, 3);
    expect(f.ci998!.lower).toBeLessThan(f.ci95!.lower);
  });
  it("has a lower limit of 0 without a numerator and no figure without a denominator", () => {
    expect(poissonRatioInterval(0, 10)!.lower).toBe(0);
    expect(poissonRatioInterval(5, 0)).toBeNull();
  });
});
