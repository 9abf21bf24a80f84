import { describe, expect, it } from "vitest";
import { rowRules } from "../app/domain/validation-rules";
import { surveyAnswers } from "../app/domain/vocabulary";
import { generateCooperationSurveys, generatePublicAssistanceTransfers, readDemoSample } from "./demo";

describe("demo cooperation data", () => {
  const sample = readDemoSample();

  it("follows the source's FY2020 保護→困窮 figures: 536 respondents, 175 with cases (32.6%), 823 cases (4.7 on average)", () => {
    const fy2020 = generatePublicAssistanceTransfers(sample).filter((r) => r.fiscalYear === 2020);
    // 0.326 × 536 = 174.7 → 175 bodies; 4.7 × 175 = 822.5 → 823 cases (823 ÷ 175 = 4.703 → 4.7)
    expect(fy2020).toHaveLength(536);
    const having = fy2020.filter((r) => r.casesAfterDiscontinuation > 0);
    expect(having).toHaveLength(175);
    expect(having.reduce((s, r) => s + r.casesAfterDiscontinuation, 0)).toBe(823);
  });

  it("gives each survey answer its FY2020 share of the 536 respondents, every row passing the survey's row rules", () => {
    const fy2020 = generateCooperationSurveys(sample).filter((r) => r.fiscalYear === 2020);
    const count = (a: (typeof surveyAnswers)[number]) => fy2020.filter((r) => r[a]).length;
    // round(share × 536): 57.5% → 308, 49.6% → 266, 5.6% → 30, 38.8% → 208, 19.4% → 104, 5.2% → 28
    expect([count("practiceMutualUnderstanding"), count("practiceCaseSharing"), count("practiceNoneNeeded")]).toEqual([308, 266, 30]);
    expect([count("issueNoIssue"), count("issueRelationshipAfterTransition"), count("issueOther")]).toEqual([208, 104, 28]);
    const surveyRules = rowRules.filter((r) => r.dataset === "cooperation_survey");
    const broken = fy2020.filter((row) => surveyRules.some((rule) => rule.violated(row)));
    expect(broken).toEqual([]);
  });
});
