import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { totalsByFiscalYear, totalsByFiscalYearAndArea } from "../../db/queries/support-statistics";
import { localGovernments, monthlySupportStatistics, populations } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { createTestDatabase } from "../setup/database";
import { month } from "../setup/monthly";

// The fiscal-year timelines read fiscal_year_body_totals, which triggers keep in step with the
// monthly rows and populations. Each case changes the source tables the way uploads, reverts and
// seeds do, and checks the timeline against figures worked out by hand.

let handle: DatabaseHandle;
const hachioji = `13201${checkDigit("13201")}`;

/** [fiscal year, scope, bodies×12, new consultations, submitted months, population-months, new consultations in months with a population] */
async function timeline(prefectureCode: string) {
  return (await totalsByFiscalYear(handle.db, prefectureCode)).map((t) => [
    t.fiscalYear,
    t.scope,
    t.expectedMonths,
    t.newConsultations,
    t.submittedMonths,
    t.populationMonths,
    t.perCapita.newConsultations,
  ]);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values([
    { code: "312011", prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true },
    { code: "312029", prefectureCode: "31", name: "米子市", kind: "city", hasWelfareOffice: true },
    { code: hachioji, prefectureCode: "13", name: "八王子市", kind: "core_city", hasWelfareOffice: true },
  ]);
  await handle.db.insert(populations).values([
    { localGovernmentCode: "312011", asOf: "2021-01-01", population: 200_000 },
    { localGovernmentCode: "312011", asOf: "2022-01-01", population: 190_000 },
    { localGovernmentCode: hachioji, asOf: "2020-01-01", population: 500_000 },
  ]);
  await handle.db.insert(monthlySupportStatistics).values([
    month("312011", 2021, 4, 10),
    month("312011", 2022, 1, 20),
    month("312029", 2021, 4, 5), // no population recorded
    month(hachioji, 2021, 4, 7),
    month("312011", 2022, 4, 3),
  ]);
});

afterAll(async () => {
  await handle.close();
});

describe("fiscal-year totals kept by triggers", () => {
  it("sums each fiscal year for the prefecture and the nation, with the population of each month's first day", async () => {
    expect(await timeline("31")).toEqual([
      // 鳥取市 10 (200,000) + 20 (190,000) and 米子市 5 (no population)
      [2021, "31", 24, 35, 3, 390_000, 30],
      // plus 八王子市 7 (500,000)
      [2021, "nation", 36, 42, 4, 890_000, 37],
      [2022, "31", 12, 3, 1, 190_000, 3],
      [2022, "nation", 12, 3, 1, 190_000, 3],
    ]);
    expect((await totalsByFiscalYearAndArea(handle.db, "block")).map((t) => [t.fiscalYear, t.area, t.newConsultations])).toEqual([
      [2021, "chugoku", 35],
      [2021, "kanto", 7],
      [2022, "chugoku", 3],
    ]);
  });

  it("follows changed, added and removed months", async () => {
    await handle.db
      .update(monthlySupportStatistics)
      .set({ newConsultations: 12 })
      .where(and(eq(monthlySupportStatistics.localGovernmentCode, "312011"), eq(monthlySupportStatistics.year, 2021), eq(monthlySupportStatistics.month, 4)));
    await handle.db.insert(monthlySupportStatistics).values(month("312029", 2021, 5, 6));
    await handle.db.delete(monthlySupportStatistics).where(eq(monthlySupportStatistics.localGovernmentCode, hachioji));
    expect(await timeline("31")).toEqual([
      [2021, "31", 24, 43, 4, 390_000, 32],
      [2021, "nation", 24, 43, 4, 390_000, 32],
      [2022, "31", 12, 3, 1, 190_000, 3],
      [2022, "nation", 12, 3, 1, 190_000, 3],
    ]);
  });

  it("follows population figures added later", async () => {
    await handle.db.insert(populations).values({ localGovernmentCode: "312029", asOf: "2021-01-01", population: 150_000 });
    // 米子市's April and May now count: +300,000 population-months and +11 consultations
    expect((await timeline("31"))[0]).toEqual([2021, "31", 24, 43, 4, 690_000, 43]);
  });

  it("is untouched by a transaction that rolls back", async () => {
    const before = await timeline("31");
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(monthlySupportStatistics).values(month("312011", 2021, 5, 1000));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await timeline("31")).toEqual(before);
  });

  it("empties with the monthly table", async () => {
    await handle.db.execute(sql`truncate monthly_support_statistics`);
    expect(await timeline("31")).toEqual([]);
  });
});
