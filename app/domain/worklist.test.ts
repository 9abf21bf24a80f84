import { describe, expect, it } from "vitest";
import { buildWorklist, worklistRuleLabel, type WorklistFact, type WorklistMark } from "./worklist";

const late: WorklistFact = { rule: "late_report", code: "312029", name: "米子市", facts: { months: ["2026-09", "2026-10"] } };
const program: WorklistFact = { rule: "program_not_implemented", code: "310000", name: "鳥取県", facts: { program: "household_budget", fiscalYear: 2026 } };
const markOf = (over: Partial<WorklistMark>): WorklistMark => ({ rule: "late_report", code: "312029", subject: "", cause: "2026-09,2026-10", fiscalYear: 2026, why: "", note: "督促済", resolvedAt: "2026-12-01T10:00:00+09:00", resolvedBy: "担当", ...over });
const at = { prefectureCode: "31", fiscalYear: 2026 };

describe("buildWorklist", () => {
  it("orders items by rule, then body, and names a prefecture's own body its 郡部", () => {
    const items = buildWorklist([program, late], [], at);
    expect(items.map((i) => [i.rule, i.name])).toEqual([
      ["late_report", "米子市"],
      ["program_not_implemented", "鳥取県（郡部）"],
    ]);
    expect(items[1]).toMatchObject({ subject: "household_budget", cause: "2026", why: "令和8年度（2026）に家計改善支援事業（努力義務）を実施していません" });
  });

  it("keeps a mark only for the same cause within the same fiscal year", () => {
    expect(buildWorklist([late], [markOf({})], at)[0]!.resolved).toEqual({ note: "督促済", resolvedAt: "2026-12-01T10:00:00+09:00", resolvedBy: "担当" });
    // another late month since the mark: a new cause
    expect(buildWorklist([late], [markOf({ cause: "2026-09" })], at)[0]!.resolved).toBeNull();
    // the same cause marked in the previous fiscal year does not carry over
    expect(buildWorklist([late], [markOf({ fiscalYear: 2025 })], at)[0]!.resolved).toBeNull();
    // a mark of another body or rule does not hold
    expect(buildWorklist([late], [markOf({ code: "312011" }), markOf({ rule: "returned_report" })], at)[0]!.resolved).toBeNull();
  });

  it("says a run of three or more late months as a range", () => {
    const fact = (months: string[]): WorklistFact => ({ ...late, facts: { months } });
    expect(buildWorklist([fact(["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"])], [], at)[0]!.why).toBe("2026年4月分〜2026年10月分（7か月）が提出期限を過ぎても未提出です");
    // two in a row stay listed; a gap (June) splits the runs; December–February runs across the calendar year
    expect(buildWorklist([fact(["2026-04", "2026-05", "2026-07", "2026-12", "2027-01", "2027-02"])], [], at)[0]!.why).toBe("2026年4月分・2026年5月分・2026年7月分・2026年12月分〜2027年2月分（6か月）が提出期限を過ぎても未提出です");
  });

  it("labels a stored rule it no longer knows as stored", () => {
    expect(worklistRuleLabel("certificate_gap")).toBe("修了証の不足");
    expect(worklistRuleLabel("old_rule")).toBe("old_rule");
  });
});
