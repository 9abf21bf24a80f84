import { describe, expect, it } from "vitest";
import { eraYear, fiscalYearOfDate, fiscalYearOfMonth, formatFiscalYear, monthsOfFiscalYear, recordFiscalYears, todayInJapan } from "./fiscal-year";

describe("fiscal years", () => {
  it("shows 和暦 with the western year", () => {
    expect(formatFiscalYear(2021)).toBe("令和3年度（2021）");
    expect(formatFiscalYear(2019)).toBe("令和元年度（2019）");
    expect(formatFiscalYear(2018)).toBe("平成30年度（2018）");
    expect(formatFiscalYear(2015)).toBe("平成27年度（2015）");
  });
  it("puts January to March in the previous fiscal year", () => {
    expect(fiscalYearOfMonth(2022, 1)).toBe(2021);
    expect(fiscalYearOfMonth(2022, 3)).toBe(2021);
    expect(fiscalYearOfMonth(2022, 4)).toBe(2022);
    expect(fiscalYearOfDate("2021-03-31")).toBe(2020);
    expect(fiscalYearOfDate("2021-04-01")).toBe(2021);
  });
  it("lists the months April to March", () => {
    const months = monthsOfFiscalYear(2021);
    expect(months[0]).toEqual({ year: 2021, month: 4 });
    expect(months[8]).toEqual({ year: 2021, month: 12 });
    expect(months[9]).toEqual({ year: 2022, month: 1 });
    expect(months[11]).toEqual({ year: 2022, month: 3 });
  });

  it("opens record pages on the latest year with records, never a future one", () => {
    expect(recordFiscalYears([2025, 2024, 2023], 2026)).toEqual({ fiscalYears: [2026, 2025, 2024, 2023], latest: 2025 });
    expect(recordFiscalYears([2026, 2025], 2026)).toEqual({ fiscalYears: [2026, 2025], latest: 2026 });
    expect(recordFiscalYears([2027, 2024], 2026)).toEqual({ fiscalYears: [2026, 2024], latest: 2024 });
    expect(recordFiscalYears([], 2026)).toEqual({ fiscalYears: [2026], latest: 2026 });
  });
  it("knows today's date in Japan", () => {
    expect(todayInJapan(new Date("2026-03-31T15:30:00Z"))).toBe("2026-04-01");
    expect(todayInJapan(new Date("2026-03-31T14:30:00Z"))).toBe("2026-03-31");
  });
});

describe("eraYear", () => {
  it("reads 令和 and 平成 years by name or letter, 元年 included, and refuses years an era never had", () => {
    expect(eraYear("令和", "8")).toBe(2026);
    expect(eraYear("R", "08")).toBe(2026);
    expect(eraYear("r", "元")).toBe(2019);
    expect(eraYear("平成", "31")).toBe(2019);
    expect(eraYear("H", "1")).toBe(1989);
    expect(eraYear("平成", "32")).toBeNull();
    expect(eraYear("令和", "0")).toBeNull();
    expect(eraYear("昭和", "60")).toBeNull();
  });
});
