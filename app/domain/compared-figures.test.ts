import { describe, expect, it } from "vitest";
import { areaFigure, bodyFunnel, comparedFigures, pooledTotals, type CountTotals } from "./compared-figures";

const totals = (newConsultations: number, populationMonths: number, rate: [number, number, number] = [0, 0, 0]): CountTotals => ({
  perCapita: { newConsultations, plansCreated: 0, employmentSupportTargets: 0, referralsToPublicAssistance: 0 },
  populationMonths,
  employed: rate[0],
  increasedIncome: rate[1],
  employmentSupportTargets: rate[2],
});

describe("compared figures", () => {
  it("pools a group: Σ counts ÷ Σ person-months, not the mean of the members' figures", () => {
    // 30 ÷ 120,000 and 10 ÷ 1,200,000: pooled 40 × 100,000 ÷ 1,320,000 = 3.03 (the mean of 25 and 0.83 would be 12.9)
    const pooled = pooledTotals([totals(30, 120_000), totals(10, 1_200_000)]);
    expect(pooled.perCapita.newConsultations).toBe(40);
    expect(pooled.populationMonths).toBe(1_320_000);
  });
  it("labels each figure against each benchmark and the 目安値", () => {
    // own: 960 × 100,000 ÷ 6,000,000 = 16.0 (95%: 15.0–17.05); nation 20 → 悪い; peers 16.5 → 同程度
    const figures = comparedFigures(totals(960, 6_000_000, [30, 10, 40]), { nation: totals(200, 1_000_000), peers: totals(165, 1_000_000) }, {
      newConsultations: 20,
      plansCreated: 10,
      employmentSupportTargets: 6,
    });
    expect(figures.newConsultations.labels).toEqual({ nation: "worse", peers: "similar", target: "worse" });
    // 就労・増収率 (30 + 10) ÷ 40 = 100%: no 目安値, and the nation has no 就労支援対象者 → not compared
    expect(figures.employmentOrIncomeRate.value).toBe(1);
    expect(figures.employmentOrIncomeRate.labels).toEqual({ nation: "notCompared", peers: "notCompared" });
  });
  it("puts bodies without a denominator out of the funnel", () => {
    const funnel = bodyFunnel("newConsultations", [
      { code: "a", name: "A", totals: totals(960, 6_000_000) },
      { code: "b", name: "B", totals: totals(0, 0) },
    ], totals(200, 1_000_000));
    expect(funnel.benchmark).toBe(20);
    // A's 99.8% upper limit: 961 × (1 − 1/8,649 + 3.0902/93)³ = 1,059.6 → 17.66 < 20: beyond the 99.8% funnel
    expect(funnel.points.map((p) => [p.code, p.label, p.zone])).toEqual([["a", "worse", "below998"]]);
  });
});

describe("areaFigure (the national map and /compare)", () => {
  it("labels an area against the nation's pooled figure with the catalogue's polarity", () => {
    // 960 × 100,000 ÷ 6,000,000 = 16.0, 95%: Byar 15.0–17.05; nation 200 ÷ 1,000,000 = 20 outside it → 悪い (higher is good)
    const worse = areaFigure("newConsultations", totals(960, 6_000_000), totals(200, 1_000_000));
    expect(worse.value).toBeCloseTo(16, 9);
    expect(worse.ci95!.upper).toBeCloseTo(17.05, 2);
    expect(worse).toMatchObject({ benchmark: 20, label: "worse" });
    // 3 ÷ 36,000 = 8.33, exact 95% 1.72–24.35 holds 20 → 同程度
    expect(areaFigure("newConsultations", totals(3, 36_000), totals(200, 1_000_000)).label).toBe("similar");
    // つなぎ件数 has no good direction: below the nation is 低い, not 悪い
    const referrals = (n: number, pm: number): CountTotals => ({ ...totals(0, pm), perCapita: { newConsultations: 0, plansCreated: 0, employmentSupportTargets: 0, referralsToPublicAssistance: n } });
    expect(areaFigure("referralsToPublicAssistance", referrals(960, 6_000_000), referrals(200, 1_000_000)).label).toBe("lower");
    expect(areaFigure("newConsultations", null, totals(200, 1_000_000))).toEqual({ value: null, ci95: null, benchmark: 20, label: "notCompared" });
  });
});
