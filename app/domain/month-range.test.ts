import { describe, expect, it } from "vitest";
import { inMonthRange, monthRangeParams } from "./month-range";

describe("month range", () => {
  it("keeps months inside the range, both ends included", () => {
    const range = monthRangeParams.parse({ from: "2020-04", to: "2021-03" });
    expect(inMonthRange({ year: 2020, month: 4 }, range)).toBe(true);
    expect(inMonthRange({ year: 2021, month: 3 }, range)).toBe(true);
    expect(inMonthRange({ year: 2020, month: 3 }, range)).toBe(false);
    expect(inMonthRange({ year: 2021, month: 4 }, range)).toBe(false);
  });
  it("ignores malformed bounds", () => {
    expect(monthRangeParams.parse({ from: "2020-13", to: "x" })).toEqual({ from: undefined, to: undefined });
    expect(inMonthRange({ year: 2015, month: 4 }, {})).toBe(true);
  });
});
