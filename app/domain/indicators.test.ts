import { describe, expect, it } from "vitest";
import { indicatorEntries, indicatorEntry } from "./indicators";
import { indicatorPath, monthlyMetrics } from "./metric-catalogue";

describe("indicator pages' content", () => {
  it("has one entry per monthly metric and one for 就労・増収率, each fully described", () => {
    expect(indicatorEntries.map((e) => e.key)).toEqual([...monthlyMetrics, "employmentOrIncomeRate"]);
    for (const e of indicatorEntries) {
      for (const field of [e.label, e.definition, e.unit, e.formula, e.denominator, e.source]) expect(field.length).toBeGreaterThan(0);
    }
  });
  it("explains why 就労・増収率 can exceed 100% and uses the ratio interval for it", () => {
    const rate = indicatorEntry("employmentOrIncomeRate")!;
    expect(rate.explanation).toContain("100.7%");
    expect(rate.interval).toBe("ratio");
    expect(rate.formula).toBe("（就労者数 ＋ 増収者数）÷ 就労支援対象者数");
    expect(indicatorEntry("newConsultations")!.hasTargetValue).toBe(true);
    expect(indicatorEntry("housingBenefitDecisions")!.good).toBe("none");
    expect(indicatorEntry("nope")).toBeNull();
    expect(indicatorPath("newConsultations")).toBe("/indicators/newConsultations");
  });
});
