import { describe, expect, it } from "vitest";
import { monthlySupportStatistics, populations, targetValues } from "../../db/schema";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import type { WorklistItem } from "../../app/domain/worklist";
import { routeTestDatabase } from "../setup/route-database";
import { callRoute } from "../setup/routes";
import { month } from "../setup/monthly";

// The worklist's rule 「目安値・類似団体より有意に低い指標」 (ADR 024, 025) with hand-built FY2025 figures for
// 鳥取県 (today 2026-12-02; FY2026 has no figures, so FY2025 is the latest year with figures).
// Every month has plansCreated 1, employmentSupportTargets 4, employed 2, increasedIncome 1 (tests/setup/monthly.ts).
// 目安値 FY2025: newConsultations 20, plansCreated 1.0, employmentSupportTargets 4.0 (per 10万人 per month).
//
// - 鳥取市 (中核市, pop. 100,000): 10 consultations a month → 120 / 1,200,000 person-months = 10.0; Byar 95%
//   limits of 120 ≈ 99.5–143.5 → 8.3–12.0, all below 20: significantly below the 目安値. No other 中核市 has a
//   population here, so it has no peer group.
// - 倉吉市 (市, pop. 3,000): 5 consultations in April only → 5 / 36,000 = 13.9; exact limits of 5 are
//   1.62–11.67 → 4.5–32.4, which holds 20: 同程度 against the 目安値 (the village below it by chance). Its
//   peers 米子市 and 境港市 pool (1,200 + 240) / (1,800,000 + 360,000) = 66.7, above 32.4: worse than peers.
// - 米子市 (市, pop. 150,000): 100 a month → 66.7 (above 20). plansCreated 12 / 1,800,000 = 0.67, limits of 12
//   (exact: 6.20–20.96) → 0.34–1.16: holds 1.0 (同程度), but its peers 倉吉市 and 境港市 pool 24 / 396,000 =
//   6.06: worse than peers. employmentSupportTargets 48 → 2.67, Byar limits 35.4–63.6 → 1.97–3.54: below
//   the 目安値 4.0, and below its peers' 96 / 396,000 = 24.2: worse on both.
// - 境港市 (市, pop. 30,000): 20 a month → 240 / 360,000 = 66.7, limits 58.5–75.6 hold its peers' 1,205 /
//   1,836,000 = 65.6 (同程度); its plans and targets (3.3, 13.3) are above its peers' (1.3, 5.2): better.
// 就労・増収率 is (2 + 1) / 4 everywhere: never different from anyone's.

const ctx = routeTestDatabase(["tottori-pref"]);

async function seed() {
  const { db } = ctx.handle;
  const people = { "312011": 100_000, "312029": 150_000, "312037": 3_000, "312045": 30_000 } as const;
  // populations first: the fiscal-year totals take each month's population when the month is written
  await db.insert(populations).values(Object.entries(people).map(([code, population]) => ({ localGovernmentCode: code, asOf: "2025-04-01", population })));
  await db.insert(targetValues).values({ fiscalYear: 2025, newConsultations: 20, plansCreated: 1, employmentSupportTargets: 4 });
  const consultations = (code: string, m: number) => ({ "312011": 10, "312029": 100, "312037": m === 4 ? 5 : 0, "312045": 20 })[code]!;
  const months = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];
  await db.insert(monthlySupportStatistics).values(Object.keys(people).flatMap((code) => months.map((m) => month(code, m >= 4 ? 2025 : 2026, m, consultations(code, m)))));
}

describe("the worklist's significance rule", () => {
  it("lists bodies significantly below the 目安値 or worse than their peers, and not a small body below it by chance", async () => {
    await seed();
    const result = await callRoute(prefectureLoader, { url: "/prefectures/31", params: { code: "31" }, cookie: ctx.cookies["tottori-pref"] });
    const items = (result.data as { worklist: { open: WorklistItem[] } }).worklist.open.filter((i) => i.rule === "significantly_worse");
    expect(items.map((i) => [i.code, i.subject])).toEqual([
      ["312011", "newConsultations:target"],
      // within a body, by subject
      ["312029", "employmentSupportTargets:peers"],
      ["312029", "employmentSupportTargets:target"],
      ["312029", "plansCreated:peers"],
      ["312037", "newConsultations:peers"],
    ]);
    const tottori = items[0]!;
    expect(tottori.why).toBe("令和7年度（2025）の新規相談受付件数（人口10万人あたり月平均）は10.0（95%信頼区間 8.3〜12.0）で、目安値20.0を有意に下回っています");
    expect(tottori.href).toBe("/municipalities/312011?fy=2025#compared-figures");
    expect(tottori.cause).toBe("2025");
    expect(items.at(-1)!.why).toBe("令和7年度（2025）の新規相談受付件数（人口10万人あたり月平均）は13.9（95%信頼区間 4.5〜32.4）で、類似団体（同じ種類で人口の近い5団体）の66.7より有意に悪い値です");
  });
});
