import { describe, expect, it } from "vitest";
import { formatCount, formatDateJa, formatDateTimeJa, formatDecimal, formatMonthJa, formatNumber, formatOneDecimal, formatPercent, formattersFor, isDateStyle, niceAxisMax, ratio } from "./format";

describe("format", () => {
  it("formats numbers and shares the Japanese way", () => {
    expect(formatNumber(786163)).toBe("786,163");
    expect(formatPercent(595 / 862)).toBe("69.0%");
    expect(formatPercent(null)).toBe("－");
    expect(ratio(1, 0)).toBeNull();
  });
  it("shows dates in Japan time", () => {
    // 2026-11-22T16:00Z is already 23 November in Tokyo
    expect(formatDateJa("2026-11-22T16:00:00Z")).toBe("2026年11月23日");
  });
  it("rounds an axis up to four round steps", () => {
    expect(niceAxisMax(1.38)).toBe(2);
    expect(niceAxisMax(0.9)).toBe(1);
    expect(niceAxisMax(31)).toBe(40);
    expect(niceAxisMax(0)).toBe(1);
    // counts: whole steps only
    expect(niceAxisMax(5, { integer: true })).toBe(8);
    expect(niceAxisMax(9, { integer: true })).toBe(12);
    expect(niceAxisMax(3, { integer: true })).toBe(4);
    expect(niceAxisMax(1, { integer: true })).toBe(4);
    expect(niceAxisMax(0, { integer: true })).toBe(4);
  });
});

describe("formatDateTimeJa", () => {
  it("gives date and time in Japan time, whatever the server's zone", () => {
    expect(formatDateTimeJa("2026-12-02T05:05:00Z")).toBe("2026年12月2日 14:05");
    expect(formatDateTimeJa("2026-12-01T15:30:00Z")).toBe("2026年12月2日 0:30");
  });
});

describe("formatDateTimeJa with seconds (the audit log)", () => {
  it("writes the instant in Japan time, Japanese form", () => {
    expect(formatDateTimeJa("2026-12-02T05:05:09Z", { seconds: true })).toBe("2026年12月2日 14:05:09");
    expect(formatDateTimeJa("2026-12-01T15:00:00.123Z", { seconds: true })).toBe("2026年12月2日 00:00:00");
    expect(formatDateTimeJa("2026-12-31T23:59:59+09:00", { seconds: true })).toBe("2026年12月31日 23:59:59");
  });
  it("leaves what is not a time as it is", () => {
    expect(formatDateTimeJa("yesterday", { seconds: true })).toBe("yesterday");
  });
});

describe("formatOneDecimal", () => {
  it("rounds to one decimal with the unit, and shows 「－」 for a missing value", () => {
    // 822 ÷ 175 = 4.697… → 4.7
    expect(formatOneDecimal(822 / 175, "件")).toBe("4.7件");
    expect(formatOneDecimal(null, "件")).toBe("－");
    // separators as every number has them: 1234.56 → 1,234.6
    expect(formatOneDecimal(1234.56, "件")).toBe("1,234.6件");
  });
});

describe("Japanese dates and numbers by the user's setting (西暦／和暦)", () => {
  it("writes a date in 西暦 or 和暦 from ICU's Japanese calendar", () => {
    expect(formatDateJa("2026-02-20", "western")).toBe("2026年2月20日");
    // 2026 is 令和8年 (令和 began 2019-05-01: 2026 − 2019 + 1 = 8)
    expect(formatDateJa("2026-02-20", "japanese")).toBe("令和8年2月20日");
    // ICU gives 令和1 for the first year; we write 元年. The day before was 平成31年.
    expect(formatDateJa("2019-05-01", "japanese")).toBe("令和元年5月1日");
    expect(formatDateJa("2019-04-30", "japanese")).toBe("平成31年4月30日");
    // 15:30Z on 2026-03-31 is already 1 April in Tokyo
    expect(formatDateJa("2026-03-31T15:30:00Z", "japanese")).toBe("令和8年4月1日");
    expect(formatDateJa("not a date", "japanese")).toBe("not a date");
  });
  it("writes months as 2025年4月 or 令和7年4月, never 2025-04", () => {
    expect(formatMonthJa("2025-04")).toBe("2025年4月");
    expect(formatMonthJa({ year: 2025, month: 4 }, "japanese")).toBe("令和7年4月");
    expect(formatMonthJa("2019-05", "japanese")).toBe("令和元年5月");
    expect(formatMonthJa("2019-04", "japanese")).toBe("平成31年4月");
    expect(formatMonthJa("2025-13")).toBe("2025-13");
  });
  it("binds the formatters to one style, times included", () => {
    const japanese = formattersFor("japanese");
    // 05:05Z is 14:05 in Tokyo
    expect(japanese.dateTime("2026-12-02T05:05:09Z", { seconds: true })).toBe("令和8年12月2日 14:05:09");
    expect(formattersFor("western").dateTime("2026-12-02T05:05:09Z")).toBe("2026年12月2日 14:05");
    expect(japanese.month("2026-11")).toBe("令和8年11月");
  });
  it("puts separators in every number", () => {
    expect(formatCount(181239)).toBe("181,239");
    expect(formatCount(null)).toBe("－");
    expect(formatDecimal(1234.56)).toBe("1,234.6");
    expect(formatDecimal(12.04, 2)).toBe("12.04");
    expect(formatDecimal(Number.NaN)).toBe("－");
  });
  it("knows its two styles", () => {
    expect(isDateStyle("japanese")).toBe(true);
    expect(isDateStyle("wareki")).toBe(false);
  });
});
