import { describe, expect, it } from "vitest";
import { chooseFiscalYear, periodOf, pickFiscalYear, withMonthsDue } from "./fiscal-year-policy";

describe("one fiscal-year policy for every page", () => {
  const figures = { kind: "figures", yearsWithData: [2025, 2024, 2023] } as const;

  it("offers every year from the first with data to the current one, and opens on the latest with data", () => {
    const offered = [2026, 2025, 2024, 2023];
    expect(chooseFiscalYear(figures, 2024, "2026-12-02")).toEqual({ fiscalYear: 2024, fiscalYears: offered, hasData: true });
    expect(chooseFiscalYear(figures, undefined, "2026-12-02")).toEqual({ fiscalYear: 2025, fiscalYears: offered, hasData: true });
  });

  it("shows the current year without data when asked for, never refusing it", () => {
    expect(chooseFiscalYear(figures, 2026, "2026-12-02")).toEqual({ fiscalYear: 2026, fiscalYears: [2026, 2025, 2024, 2023], hasData: false });
  });

  it("falls back to the latest year with data for a year before the first or after the current one", () => {
    expect(chooseFiscalYear(figures, 2019, "2026-12-02")).toMatchObject({ fiscalYear: 2025, hasData: true });
    expect(chooseFiscalYear(figures, 2027, "2026-12-02")).toMatchObject({ fiscalYear: 2025, hasData: true });
  });

  it("counts the current year in Japan time across the April boundary", () => {
    expect(chooseFiscalYear(figures, 2026, "2026-03-31")).toEqual({ fiscalYear: 2025, fiscalYears: [2025, 2024, 2023], hasData: true });
    expect(chooseFiscalYear(figures, 2026, "2026-04-01")).toEqual({ fiscalYear: 2026, fiscalYears: [2026, 2025, 2024, 2023], hasData: false });
    // a gap between years with data is offered too
    expect(chooseFiscalYear({ kind: "figures", yearsWithData: [2026, 2022] }, undefined, "2026-04-01")).toEqual({ fiscalYear: 2026, fiscalYears: [2026, 2025, 2024, 2023, 2022], hasData: true });
  });

  it("offers the current year alone when nothing has data", () => {
    expect(chooseFiscalYear({ kind: "figures", yearsWithData: [] }, 2025, "2026-12-02")).toEqual({ fiscalYear: 2026, fiscalYears: [2026], hasData: false });
  });

  it("marks the period shown: partial while the year is not over, the current year for the selector", () => {
    const period = periodOf(chooseFiscalYear(figures, 2026, "2026-12-02"), "2026-12-02");
    expect(period).toEqual({ fiscalYear: 2026, label: "令和8年度（4〜11月分）", hasData: false, monthsDue: 8, current: { fiscalYear: 2026, label: "令和8年度（4〜11月分）" } });
    expect(periodOf(chooseFiscalYear(figures, undefined, "2026-04-01"), "2026-04-01")).toEqual({
      fiscalYear: 2025,
      label: "令和7年度",
      hasData: true,
      monthsDue: 12,
      current: { fiscalYear: 2026, label: "令和8年度（締めた月はまだありません）" },
    });
  });

  it("expects body-months of the months due only", () => {
    expect(withMonthsDue({ bodies: 19, expectedMonths: 19 * 12 }, 2026, "2026-12-02")).toEqual({ bodies: 19, expectedMonths: 152 });
    expect(withMonthsDue({ expectedMonths: 12 }, 2026, "2026-04-01")).toEqual({ expectedMonths: 0 });
    expect(withMonthsDue({ expectedMonths: 12 }, 2025, "2026-04-01")).toEqual({ expectedMonths: 12 });
  });

  it("offers record pages the current fiscal year, counted in Japan time across the April boundary", () => {
    const records = { kind: "records", yearsWithData: [2025, 2024] } as const;
    expect(chooseFiscalYear(records, undefined, "2026-03-31")).toEqual({ fiscalYear: 2025, fiscalYears: [2025, 2024], hasData: true });
    expect(chooseFiscalYear(records, undefined, "2026-04-01")).toEqual({ fiscalYear: 2025, fiscalYears: [2026, 2025, 2024], hasData: true });
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [2026, 2025] }, undefined, "2026-04-01")).toEqual({ fiscalYear: 2026, fiscalYears: [2026, 2025], hasData: true });
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [] }, undefined, "2026-12-02")).toEqual({ fiscalYear: 2026, fiscalYears: [2026], hasData: false });
  });

  it("opens a record page on a year without records when asked, to record its first", () => {
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [2025] }, 2019, "2026-12-02")).toEqual({ fiscalYear: 2019, fiscalYears: [2026, 2025, 2019], hasData: false });
  });

  it("lists the years a record page also offers up to the current one", () => {
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [2024], alsoOffered: [2027, 2023] }, undefined, "2026-12-02")).toEqual({
      fiscalYear: 2024,
      fiscalYears: [2026, 2024, 2023],
      hasData: true,
    });
  });

  it("picks a year among those offered, else the fallback", () => {
    expect(pickFiscalYear([2025, 2023], 2023, 2025)).toBe(2023);
    expect(pickFiscalYear([2025, 2023], 2024, 2025)).toBe(2025);
    expect(pickFiscalYear([], undefined, undefined)).toBeUndefined();
  });
});
