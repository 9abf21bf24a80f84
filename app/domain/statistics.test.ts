import { describe, expect, it } from "vitest";
import { changeFrom, coverageLabel, employmentOrIncomeRate, perHundredThousandPerMonth } from "./statistics";

describe("derived statistics", () => {
  it("computes per 10万人 per month over the submitted months only", () => {
    // 10 months submitted, 300 consultations, population 50,000 each month:
    // 300 / (10 × 50,000) × 100,000 = 60 per 10万人 per month (not 300/12/50,000×1e5 = 50)
    expect(perHundredThousandPerMonth(300, 10 * 50_000)).toBe(60);
    expect(perHundredThousandPerMonth(5, 0)).toBeNull();
  });
  it("computes 就労・増収率 as domain.md defines it", () => {
    // (24,995) / 57,720 for FY2022 split as 19,500 + 5,495
    expect(employmentOrIncomeRate({ employed: 19_500, increasedIncome: 5_495, employmentSupportTargets: 57_720 })).toBeCloseTo(0.43304, 5);
    expect(employmentOrIncomeRate({ employed: 1, increasedIncome: 0, employmentSupportTargets: 0 })).toBeNull();
  });
  it("compares with the previous year and labels coverage", () => {
    expect(changeFrom(555_779, 786_163)).toBeCloseTo(-0.29305, 5);
    expect(changeFrom(1, 0)).toBeNull();
    expect(coverageLabel(10, 12)).toBe("12か月中10か月提出");
  });
});
