import { describe, expect, it } from "vitest";
import { confirmedMonthMessage, isProvisional, parseReviewMonth } from "./review-states";
import { yearMonthKey } from "./reporting";

describe("review states", () => {
  it("names the confirmed month in the refusal", () => {
    expect(confirmedMonthMessage([{ year: 2026, month: 10 }])).toBe("2026年10月分は県が確認済みのため変更できません。県に再開を依頼してください");
    const many = [4, 5, 6, 7, 8, 9, 10].map((month) => ({ year: 2026, month }));
    expect(confirmedMonthMessage(many)).toBe("2026年4月分、2026年5月分、2026年6月分、2026年7月分、2026年8月分ほか2か月分は県が確認済みのため変更できません。県に再開を依頼してください");
  });
  it("marks submitted and returned months as provisional, confirmed and unrecorded ones not", () => {
    expect([isProvisional("submitted"), isProvisional("returned"), isProvisional("confirmed"), isProvisional(null)]).toEqual([true, true, false, false]);
  });
  it("reads and writes the month of the URL", () => {
    expect(parseReviewMonth("2026-10")).toEqual({ year: 2026, month: 10 });
    expect(parseReviewMonth("2026-13")).toBeNull();
    expect(parseReviewMonth("2026-1")).toBeNull();
    expect(yearMonthKey({ year: 2027, month: 3 })).toBe("2027-03");
  });
});
