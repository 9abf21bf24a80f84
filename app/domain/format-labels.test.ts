import { describe, expect, it } from "vitest";
import { formatFiscalYearShort, formatYearMonth } from "./format";

// kept apart from format.test.ts while other branches edit it; merge into it when convenient
describe("axis labels", () => {
  it("writes months and fiscal years the Japanese way, without zero padding", () => {
    expect(formatYearMonth(2025, 4)).toBe("2025年4月");
    expect(formatYearMonth(2026, 12)).toBe("2026年12月");
    expect(formatFiscalYearShort(2015)).toBe("2015年度");
  });
});
