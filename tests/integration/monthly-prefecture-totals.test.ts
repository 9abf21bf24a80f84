import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { monthlySeries } from "../../db/queries/support-statistics";
import { localGovernments, monthlySupportStatistics } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { createTestDatabase } from "../setup/database";
import { month } from "../setup/monthly";

// The national monthly series reads monthly_prefecture_totals, which triggers keep in step with the
// monthly rows and with which bodies count (ADR 014). Each case changes the source tables the way
// uploads, reverts and master-list imports do, and checks the series against figures worked out by hand.

let handle: DatabaseHandle;
const hachioji = `13201${checkDigit("13201")}`;
const chizu = "313289"; // 智頭町: no welfare office, its months do not count

/** [year, month, fiscal year, new consultations, plans created, submitted months] */
async function series(prefectureCode?: string) {
  return (await monthlySeries(handle.db, prefectureCode ? { prefectureCode } : {})).map((p) => [
    p.year,
    p.month,
    p.fiscalYear,
    p.newConsultations,
    p.plansCreated,
    p.submittedMonths,
  ]);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values([
    { code: "312011", prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true },
    { code: "312029", prefectureCode: "31", name: "米子市", kind: "city", hasWelfareOffice: true },
    { code: chizu, prefectureCode: "31", name: "智頭町", kind: "town", hasWelfareOffice: false },
    { code: hachioji, prefectureCode: "13", name: "八王子市", kind: "core_city", hasWelfareOffice: true },
  ]);
  await handle.db.insert(monthlySupportStatistics).values([
    month("312011", 2022, 3, 10),
    month("312011", 2022, 4, 20),
    month("312029", 2022, 4, 5),
    month(chizu, 2022, 4, 99),
    month(hachioji, 2022, 4, 7),
    month(hachioji, 2023, 1, 8),
  ]);
});

afterAll(async () => {
  await handle.close();
});

describe("monthly prefecture totals kept by triggers", () => {
  it("sums each month over the bodies that run a welfare office, for the nation and for a prefecture", async () => {
    // plans created are 1 per submitted month (the fixture's fixed value)
    expect(await series()).toEqual([
      [2022, 3, 2021, 10, 1, 1],
      // 鳥取市 20 + 米子市 5 + 八王子市 7; 智頭町's 99 left out
      [2022, 4, 2022, 32, 3, 3],
      [2023, 1, 2022, 8, 1, 1],
    ]);
    expect(await series("31")).toEqual([
      [2022, 3, 2021, 10, 1, 1],
      [2022, 4, 2022, 25, 2, 2],
    ]);
  });

  it("gives the same series as summing the monthly rows directly", async () => {
    const direct = await monthlySeries(handle.db, {}, { withPopulation: true });
    expect(await series()).toEqual(direct.map((p) => [p.year, p.month, p.fiscalYear, p.newConsultations, p.plansCreated, p.submittedMonths]));
  });

  it("follows changed, added and removed months", async () => {
    await handle.db
      .update(monthlySupportStatistics)
      .set({ newConsultations: 21 })
      .where(and(eq(monthlySupportStatistics.localGovernmentCode, "312011"), eq(monthlySupportStatistics.year, 2022), eq(monthlySupportStatistics.month, 4)));
    await handle.db.insert(monthlySupportStatistics).values(month("312029", 2022, 5, 6));
    await handle.db.delete(monthlySupportStatistics).where(eq(monthlySupportStatistics.localGovernmentCode, hachioji));
    expect(await series()).toEqual([
      [2022, 3, 2021, 10, 1, 1],
      [2022, 4, 2022, 26, 2, 2],
      [2022, 5, 2022, 6, 1, 1],
    ]);
  });

  it("counts a town's months once it opens a welfare office, and drops them when it closes it", async () => {
    await handle.db.update(localGovernments).set({ hasWelfareOffice: true }).where(eq(localGovernments.code, chizu));
    expect((await series("31"))[1]).toEqual([2022, 4, 2022, 26 + 99, 3, 3]);
    // a change that does not decide who counts (a closing date) leaves the totals as they are
    await handle.db.update(localGovernments).set({ validTo: "2030-04-01" }).where(eq(localGovernments.code, chizu));
    expect((await series("31"))[1]).toEqual([2022, 4, 2022, 125, 3, 3]);
    await handle.db.update(localGovernments).set({ hasWelfareOffice: false, validTo: null }).where(eq(localGovernments.code, chizu));
    expect((await series("31"))[1]).toEqual([2022, 4, 2022, 26, 2, 2]);
  });

  it("is untouched by a transaction that rolls back", async () => {
    const before = await series();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(monthlySupportStatistics).values(month("312011", 2022, 6, 1000));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await series()).toEqual(before);
  });

  it("empties with the monthly table", async () => {
    await handle.db.execute(sql`truncate monthly_support_statistics`);
    expect(await series()).toEqual([]);
  });
});
