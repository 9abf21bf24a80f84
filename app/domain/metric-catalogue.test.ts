import { describe, expect, it } from "vitest";
import { catalogueLabel, monthlyMetrics, perPopulationMetrics, targetValueMetrics } from "./metric-catalogue";
import { comparableMetricLabels, comparableMetrics, formatMetric } from "./metrics";

describe("lists derived from the metric catalogue", () => {
  // prefixes: a metric added later comes after these and leaves them as they are
  it("keeps MHLW's column order and the per-population and 目安値 subsets", () => {
    expect(monthlyMetrics.slice(0, 7)).toEqual([
      "newConsultations",
      "plansCreated",
      "employmentSupportTargets",
      "employed",
      "increasedIncome",
      "housingBenefitDecisions",
      "referralsToPublicAssistance",
    ]);
    expect(perPopulationMetrics.slice(0, 4)).toEqual(["newConsultations", "plansCreated", "employmentSupportTargets", "referralsToPublicAssistance"]);
    expect(targetValueMetrics.slice(0, 3)).toEqual(["newConsultations", "plansCreated", "employmentSupportTargets"]);
  });

  it("offers maps, rankings and comparisons the per-10万人 figures and 就労・増収率, in the catalogue's order", () => {
    expect(comparableMetrics.slice(0, 5)).toEqual(["newConsultations", "plansCreated", "employmentSupportTargets", "employmentOrIncomeRate", "referralsToPublicAssistance"]);
    expect(comparableMetricLabels.newConsultations).toBe("新規相談受付件数（人口10万人あたり月平均）");
    expect(comparableMetricLabels.employmentOrIncomeRate).toBe("就労・増収率");
    expect(formatMetric("newConsultations", 12.345)).toBe("12.3");
    expect(formatMetric("referralsToPublicAssistance", 1.234)).toBe("1.23");
    expect(formatMetric("employmentOrIncomeRate", 0.6912)).toBe("69.1%");
    expect(formatMetric("plansCreated", null)).toBe("－");
  });
});

describe("catalogueLabel", () => {
  it("names a key's count or its derived figure, falling back to the figure the key has", () => {
    expect(catalogueLabel("newConsultations")).toBe("新規相談受付件数");
    expect(catalogueLabel("newConsultations", "derived")).toBe("新規相談受付件数（人口10万人あたり月平均）");
    expect(catalogueLabel("newConsultations", "derived", "short")).toBe("新規相談/10万人");
    expect(catalogueLabel("employed", "derived")).toBe("就労者数");
    expect(catalogueLabel("employmentOrIncomeRate")).toBe("就労・増収率");
    expect(catalogueLabel("housingBenefitDecisions", "count", "short")).toBe("住居確保給付金");
  });
});
