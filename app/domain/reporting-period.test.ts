import { describe, expect, it } from "vitest";
import { expectedBodyMonths, fiscalYearPeriodLabel, missingMonths, missingMonthsSentence, monthsDue, monthsPastDeadline } from "./reporting-period";

describe("months due: a month is due once it has ended", () => {
  it("on 1 April no month of the new fiscal year is due, and every month of the last one is", () => {
    expect(monthsDue(2026, "2026-04-01")).toEqual([]);
    expect(monthsDue(2025, "2026-04-01")).toHaveLength(12);
    expect(monthsDue(2025, "2026-03-31").at(-1)).toEqual({ year: 2026, month: 2 });
    expect(monthsDue(2025, "2026-03-31")).toHaveLength(11);
  });

  it("on 2 December 2026 April–November 2026 are due, December–March are not", () => {
    const due = monthsDue(2026, "2026-12-02");
    expect(due).toHaveLength(8);
    expect(due[0]).toEqual({ year: 2026, month: 4 });
    expect(due.at(-1)).toEqual({ year: 2026, month: 11 });
    expect(monthsDue(2026, "2027-01-01").at(-1)).toEqual({ year: 2026, month: 12 });
    expect(monthsDue(2027, "2026-12-02")).toEqual([]);
  });

  it("counts as missing only the months past their deadline that were not submitted", () => {
    // submitted April–September 2026 and (wrongly early) December: October is missing; November is due on 10 December
    const submitted = [4, 5, 6, 7, 8, 9, 12].map((month) => ({ year: 2026, month }));
    expect(missingMonths(2026, "2026-12-02", submitted, 10)).toEqual([{ year: 2026, month: 10 }]);
    expect(missingMonths(2026, "2026-12-10", submitted, 10)).toEqual([{ year: 2026, month: 10 }]);
    expect(missingMonths(2026, "2026-12-11", submitted, 10)).toEqual([10, 11].map((month) => ({ year: 2026, month })));
    expect(missingMonths(2026, "2026-12-02", submitted, 1)).toEqual([10, 11].map((month) => ({ year: 2026, month })));
    expect(missingMonths(2026, "2026-05-10", [], 10)).toEqual([]);
    expect(missingMonths(2026, "2026-05-11", [], 10)).toEqual([{ year: 2026, month: 4 }]);
    // on 1 April March's figures are not yet due
    expect(missingMonths(2025, "2026-04-01", [{ year: 2026, month: 2 }], 10)).toHaveLength(10);
    expect(monthsPastDeadline(2025, "2026-04-11", 10)).toHaveLength(12);
  });

  it("expects bodies × months due", () => {
    expect(expectedBodyMonths(19, 2026, "2026-12-02")).toBe(19 * 8);
    expect(expectedBodyMonths(19, 2025, "2026-12-02")).toBe(19 * 12);
    expect(expectedBodyMonths(19, 2026, "2026-04-30")).toBe(0);
  });

  it("marks a fiscal year not yet over with the months due", () => {
    expect(fiscalYearPeriodLabel(2026, "2026-12-02")).toBe("令和8年度（4〜11月分）");
    expect(fiscalYearPeriodLabel(2026, "2027-03-15")).toBe("令和8年度（4〜2月分）");
    expect(fiscalYearPeriodLabel(2026, "2026-04-01")).toBe("令和8年度（締めた月はまだありません）");
    expect(fiscalYearPeriodLabel(2025, "2026-12-02")).toBe("令和7年度");
  });
});

describe("the sentence of missing months", () => {
  it("names only months due", () => {
    expect(missingMonthsSentence(7, [{ year: 2026, month: 10 }])).toBe("提出期限を過ぎた7か月のうち1か月分（2026年10月）が未提出です（0件としては数えません）。");
    expect(missingMonthsSentence(7, [])).toBe("提出期限を過ぎた7か月分はすべて提出済みです。");
    expect(missingMonthsSentence(12, [])).toBe("12か月すべて提出済みです。");
    expect(missingMonthsSentence(12, [{ year: 2026, month: 3 }])).toBe("12か月のうち1か月分（2026年3月）が未提出です（0件としては数えません）。");
    expect(missingMonthsSentence(0, [])).toBe("この年度に提出期限を過ぎた月はまだありません。");
  });
});
