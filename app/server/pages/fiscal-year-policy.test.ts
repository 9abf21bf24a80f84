import { describe, expect, it } from "vitest";
import { chooseFiscalYear, pickFiscalYear } from "./fiscal-year-policy";

describe("one fiscal-year policy for every page", () => {
  const figures = { kind: "figures", yearsWithData: [2025, 2024, 2023] } as const;

  it("shows figures of the year asked for if it has data, else of the latest year with data", () => {
    expect(chooseFiscalYear(figures, 2024, "2026-12-02")).toEqual({ fiscalYear: 2024, fiscalYears: [2025, 2024, 2023] });
    expect(chooseFiscalYear(figures, undefined, "2026-12-02")).toEqual({ fiscalYear: 2025, fiscalYears: [2025, 2024, 2023] });
    expect(chooseFiscalYear(figures, 2019, "2026-12-02")).toEqual({ fiscalYear: 2025, fiscalYears: [2025, 2024, 2023] });
    expect(chooseFiscalYear(figures, 2026, "2026-12-02")).toEqual({ fiscalYear: 2025, fiscalYears: [2025, 2024, 2023] });
  });

  it("has nothing to show for figures without data", () => {
    expect(chooseFiscalYear({ kind: "figures", yearsWithData: [] }, 2025, "2026-12-02")).toBeNull();
  });

  it("offers record pages the current fiscal year, counted in Japan time across the April boundary", () => {
    const records = { kind: "records", yearsWithData: [2025, 2024] } as const;
    expect(chooseFiscalYear(records, undefined, "2026-03-31")).toEqual({ fiscalYear: 2025, fiscalYears: [2025, 2024] });
    expect(chooseFiscalYear(records, undefined, "2026-04-01")).toEqual({ fiscalYear: 2025, fiscalYears: [2026, 2025, 2024] });
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [2026, 2025] }, undefined, "2026-04-01")).toEqual({ fiscalYear: 2026, fiscalYears: [2026, 2025] });
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [] }, undefined, "2026-12-02")).toEqual({ fiscalYear: 2026, fiscalYears: [2026] });
  });

  it("opens a record page on a year without records when asked, to record its first", () => {
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [2025] }, 2019, "2026-12-02")).toEqual({ fiscalYear: 2019, fiscalYears: [2026, 2025, 2019] });
  });

  it("lists the years a record page also offers up to the current one", () => {
    expect(chooseFiscalYear({ kind: "records", yearsWithData: [2024], alsoOffered: [2027, 2023] }, undefined, "2026-12-02")).toEqual({
      fiscalYear: 2024,
      fiscalYears: [2026, 2024, 2023],
    });
  });

  it("picks a year among those offered, else the fallback", () => {
    expect(pickFiscalYear([2025, 2023], 2023, 2025)).toBe(2023);
    expect(pickFiscalYear([2025, 2023], 2024, 2025)).toBe(2025);
    expect(pickFiscalYear([], undefined, undefined)).toBeUndefined();
  });
});
