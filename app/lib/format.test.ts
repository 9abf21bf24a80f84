import { describe, expect, it } from "vitest";
import { formatDateJa, formatNumber, formatPercent, ratio } from "./format";

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
});
