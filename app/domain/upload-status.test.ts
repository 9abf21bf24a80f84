import { describe, expect, it } from "vitest";
import { explanationNeededFor } from "./upload-status";

describe("explanationNeededFor", () => {
  it("names what needs an explanation: flagged values, changes to long-closed fiscal years, or both", () => {
    expect(explanationNeededFor({ flagged: 2 })).toBe("これまでの値から大きく外れた値が2件");
    expect(explanationNeededFor({ flagged: 0, closedFiscalYearChanges: 3 })).toBe("締めてから期間の過ぎた年度の登録済みの数値を変える行が3件");
    expect(explanationNeededFor({ flagged: 1, closedFiscalYearChanges: 1 })).toBe("これまでの値から大きく外れた値が1件、締めてから期間の過ぎた年度の登録済みの数値を変える行が1件");
  });

  it("is null when nothing does, and for uploads counted before these counts existed", () => {
    expect(explanationNeededFor({ flagged: 0, closedFiscalYearChanges: 0 })).toBeNull();
    expect(explanationNeededFor({})).toBeNull();
    expect(explanationNeededFor(null)).toBeNull();
  });
});
