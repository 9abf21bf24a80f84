import { describe, expect, it } from "vitest";
import { formatDateJa, formatDateTimeJa, formatNumber, formatOneDecimal, formatPercent, niceAxisMax, ratio } from "./format";

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
  });
});
