import { describe, expect, it } from "vitest";
import { expectedBodyMonths, fiscalYearPeriodLabel, missingMonths, missingMonthsSentence, monthsDue } from "./reporting-period";

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

  it("counts as missing only the months due that were not submitted", () => {
    // submitted April–October 2026 and (wrongly early) December: only November is missing
    const submitted = [4, 5, 6, 7, 8, 9, 10, 12].map((month) => ({ year: 2026, month }));
    expect(missingMonths(2026, "2026-12-02", submitted)).toEqual([{ year: 2026, month: 11 }]);
    expect(missingMonths(2026, "2026-04-01", [])).toEqual([]);
    expect(missingMonths(2025, "2026-04-01", [{ year: 2026, month: 3 }])).toHaveLength(11);
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
    expect(missingMonthsSentence(8, [{ year: 2026, month: 11 }])).toBe("締めた8か月のうち1か月分（2026年11月）が未提出です（0件としては数えません）。");
    expect(missingMonthsSentence(8, [])).toBe("締めた8か月分はすべて提出済みです。");
    expect(missingMonthsSentence(12, [])).toBe("12か月すべて提出済みです。");
    expect(missingMonthsSentence(12, [{ year: 2026, month: 3 }])).toBe("12か月のうち1か月分（2026年3月）が未提出です（0件としては数えません）。");
    expect(missingMonthsSentence(0, [])).toBe("この年度に締めた月はまだありません。");
  });
});
