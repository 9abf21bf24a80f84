import { describe, expect, it } from "vitest";
import { checkPeriod, checkRowRules, lastLongClosedFiscalYear, monthOfRow, rowRules, validationRules } from "./validation-rules";

// Every row rule with a row that breaks it and one that keeps it (values as the cells parse them).
const monthly = { yearMonth: null, fiscalYear: 2021, month: 4, employmentSupportTargets: 10, employed: 6, increasedIncome: 4 };
const staff = { assigned: 5, nationalTrainingCompleted: 4, prefectureTrainingCompleted: 3, certified: 3 };
const optional = { program: "employment_preparation", implemented: "yes", deliveryForm: "consigned", implementationMethod: "single", integratedDelivery: "integrated" };
// 鳥取市's survey row: two practices and one issue chosen
const survey = { practiceMutualUnderstanding: true, practiceCaseSharing: true, practiceNoneNeeded: false, issueNoIssue: false, issueNoHandover: true };
const meeting = { established: "yes", jusouSupportMeeting: "yes", multiAgencyMeeting: "no" };
const cases: Record<string, { breaks: Record<string, unknown>; keeps: Record<string, unknown> }> = {
  "monthly.fiscal-year-given": { breaks: { ...monthly, fiscalYear: null }, keeps: { ...monthly, fiscalYear: null, yearMonth: { year: 2022, month: 1 } } },
  "monthly.month-given": { breaks: { ...monthly, month: null }, keeps: monthly },
  "monthly.year-month-in-fiscal-year": { breaks: { ...monthly, yearMonth: { year: 2022, month: 4 }, month: null }, keeps: { ...monthly, yearMonth: { year: 2022, month: 3 }, month: null } },
  "monthly.year-month-month": { breaks: { ...monthly, yearMonth: { year: 2021, month: 5 } }, keeps: { ...monthly, yearMonth: { year: 2021, month: 4 } } },
  // 6 + 4 = 10 is within 10; 6 + 5 = 11 is not
  "monthly.employed-within-targets": { breaks: { ...monthly, increasedIncome: 5 }, keeps: monthly },
  "staff.certified-within-assigned": { breaks: { ...staff, certified: 6, nationalTrainingCompleted: 6, prefectureTrainingCompleted: 6 }, keeps: staff },
  "staff.national-training-within-assigned": { breaks: { ...staff, nationalTrainingCompleted: 6 }, keeps: { ...staff, nationalTrainingCompleted: 5 } },
  "staff.certified-within-both-trainings": { breaks: { ...staff, prefectureTrainingCompleted: 2 }, keeps: staff },
  "optional.delivery-form-when-implemented": { breaks: { ...optional, deliveryForm: null }, keeps: optional },
  "optional.method-when-implemented": { breaks: { ...optional, implementationMethod: null }, keeps: optional },
  "optional.no-delivery-form-when-not-implemented": {
    breaks: { ...optional, implemented: "no", implementationMethod: null, integratedDelivery: null },
    keeps: { ...optional, implemented: "no", deliveryForm: null, implementationMethod: null, integratedDelivery: null },
  },
  "optional.no-method-when-not-implemented": {
    breaks: { ...optional, implemented: "no", deliveryForm: null, integratedDelivery: null },
    keeps: { ...optional, implemented: "no", deliveryForm: null, implementationMethod: null, integratedDelivery: null },
  },
  "optional.integrated-delivery-programs": { breaks: { ...optional, program: "temporary_living" }, keeps: { ...optional, program: "temporary_living", integratedDelivery: null } },
  "optional.integrated-delivery-when-implemented": { breaks: { ...optional, integratedDelivery: "recipients_only" }, keeps: optional },
  "optional.integrated-delivery-when-not-implemented": {
    breaks: { ...optional, implemented: "no", deliveryForm: null, implementationMethod: null },
    keeps: { ...optional, implemented: "no", deliveryForm: null, implementationMethod: null, integratedDelivery: "recipients_only" },
  },
  "cooperation-survey.practices-answered": {
    breaks: { ...survey, practiceMutualUnderstanding: false, practiceCaseSharing: false },
    keeps: { ...survey, practiceMutualUnderstanding: false, practiceCaseSharing: false, practiceNoneNeeded: true },
  },
  "cooperation-survey.practices-none-alone": { breaks: { ...survey, practiceNoneNeeded: true }, keeps: survey },
  "cooperation-survey.issues-answered": { breaks: { ...survey, issueNoHandover: false }, keeps: { ...survey, issueNoHandover: false, issueNoIssue: true } },
  "cooperation-survey.issues-none-alone": { breaks: { ...survey, issueNoIssue: true }, keeps: survey },
  "support-meeting.jusou-meetings-need-answer": {
    breaks: { ...meeting, multiAgencyMeeting: null },
    keeps: { ...meeting, jusouSupportMeeting: null, multiAgencyMeeting: null },
  },
};

describe("the rules module", () => {
  it("gives every rule a unique id, a Japanese message and a severity", () => {
    expect(new Set(validationRules.map((r) => r.id)).size).toBe(validationRules.length);
    for (const rule of validationRules) {
      expect(rule.message).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(["error", "warning"]).toContain(rule.severity);
    }
  });

  it("has a case for every row rule", () => {
    expect(Object.keys(cases).sort()).toEqual(rowRules.map((r) => r.id).sort());
  });

  for (const rule of rowRules) {
    it(`${rule.id}: breaks only on the row that breaks it`, () => {
      const { breaks, keeps } = cases[rule.id]!;
      expect(rule.violated(breaks)).toBe(true);
      expect(rule.violated(keeps)).toBe(false);
      const found = checkRowRules(rule.dataset, breaks);
      expect(found[rule.severity === "error" ? "errors" : "warnings"]).toContainEqual({ column: rule.column, message: rule.messageFor?.(breaks) ?? rule.message });
    });
  }

  it("names the fiscal year of a 年月 that contradicts the 年度", () => {
    expect(checkRowRules("monthly_support", { ...monthly, yearMonth: { year: 2022, month: 4 }, month: null }).errors).toEqual([
      { column: "fiscalYear", message: "年月（2022年4月）は2022年度です" },
    ]);
  });

  it("keeps the staff-training rule 修了証 ≤ 配置 a warning", () => {
    expect(checkRowRules("staff_training", { ...staff, certified: 6, nationalTrainingCompleted: 6, prefectureTrainingCompleted: 6 })).toEqual({
      errors: [],
      warnings: [
        { column: "certified", message: "修了証取得者数が配置人数を上回っています" },
        { column: "nationalTrainingCompleted", message: "国研修（前期）修了者数が配置人数を上回っています" },
      ],
    });
  });
});

describe("period rules", () => {
  const today = "2026-12-02";

  it("refuses a month after the current one, in Japan's calendar", () => {
    expect(checkPeriod("monthly_support", { yearMonth: { year: 2026, month: 12 }, fiscalYear: null, month: null }, today)).toBeNull();
    expect(checkPeriod("monthly_support", { yearMonth: { year: 2027, month: 2 }, fiscalYear: null, month: null }, today)).toEqual({
      column: "yearMonth",
      message: "2027年2月はまだ来ていません（今日は2026年12月2日）。未来の月のデータは登録できません",
    });
    // 年度 2026 and 月 1 is January 2027
    expect(checkPeriod("monthly_support", { yearMonth: null, fiscalYear: 2026, month: 1 }, today)?.column).toBe("month");
    expect(checkPeriod("monthly_support", { yearMonth: null, fiscalYear: 2026, month: 1 }, "2027-01-01")).toBeNull();
  });

  it("refuses a fiscal year after the current one, but not 目安値 set ahead", () => {
    expect(checkPeriod("staff_training", { fiscalYear: 2026 }, today)).toBeNull();
    expect(checkPeriod("staff_training", { fiscalYear: 2027 }, today)?.message).toBe("2027年度はまだ始まっていません（今年度は2026年度）。未来の年度のデータは登録できません");
    expect(checkPeriod("staff_training", { fiscalYear: 2027 }, "2027-04-01")).toBeNull();
    expect(checkPeriod("target_values", { fiscalYear: 2030 }, today)).toBeNull();
  });

  it("finds the latest fiscal year closed more than N months ago", () => {
    // FY2025 closed on 31 March 2026: six months later is September; from October it is long closed
    expect(lastLongClosedFiscalYear({ today: "2026-12-02", closedFiscalYearMonths: 6 })).toBe(2025);
    expect(lastLongClosedFiscalYear({ today: "2026-10-01", closedFiscalYearMonths: 6 })).toBe(2025);
    expect(lastLongClosedFiscalYear({ today: "2026-09-30", closedFiscalYearMonths: 6 })).toBe(2024);
    expect(lastLongClosedFiscalYear({ today: "2026-04-01", closedFiscalYearMonths: 0 })).toBe(2025);
    expect(lastLongClosedFiscalYear({ today: "2026-12-02", closedFiscalYearMonths: 24 })).toBe(2023);
  });

  it("reads a monthly row's month from 年月, or from 年度 and 月", () => {
    expect(monthOfRow({ yearMonth: { year: 2022, month: 1 } })).toEqual({ year: 2022, month: 1 });
    expect(monthOfRow({ yearMonth: null, fiscalYear: 2021, month: 1 })).toEqual({ year: 2022, month: 1 });
    expect(monthOfRow({ yearMonth: null, fiscalYear: 2021, month: null })).toBeNull();
  });
});
