import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { monthlySeries, statisticsFiscalYears, totalsByBody, totalsByPrefecture } from "../../db/queries/support-statistics";
import { localGovernments, monthlySupportStatistics, populations } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { perHundredThousandPerMonth } from "../../app/domain/statistics";
import { createTestDatabase } from "../setup/database";
import { month } from "../setup/monthly";

let handle: DatabaseHandle;
const successor = `31206${checkDigit("31206")}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  const body = (code: string, name: string, kind: string, hasWelfareOffice: boolean, extra = {}) => ({ code, prefectureCode: "31", name, kind, hasWelfareOffice, ...extra });
  await handle.db.insert(localGovernments).values([
    body("312011", "鳥取市", "core_city", true),
    body("312029", "米子市", "city", true),
    body("312037", "倉吉市", "city", true, { validTo: "2021-10-01", successorCode: successor }),
    body(successor, "新倉吉市", "city", true, { validFrom: "2021-10-01" }),
    body("313289", "智頭町", "town", false),
  ]);
  await handle.db.insert(populations).values([
    { localGovernmentCode: "312011", asOf: "2021-01-01", population: 200_000 },
    { localGovernmentCode: "312011", asOf: "2022-01-01", population: 190_000 },
    { localGovernmentCode: "312029", asOf: "2020-01-01", population: 150_000 },
  ]);
  const rows = [
    // 鳥取市: April–December 2021 without May and June (7 months) and January–March 2022 (3): 20 each
    ...[4, 7, 8, 9, 10, 11, 12].map((m) => month("312011", 2021, m, 20)),
    ...[1, 2, 3].map((m) => month("312011", 2022, m, 20)),
    // 米子市: all twelve months of FY2021, 15 each
    ...[4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => month("312029", 2021, m, 15)),
    ...[1, 2, 3].map((m) => month("312029", 2022, m, 15)),
    // 倉吉市 until its merger (no population recorded): April–September, 5 each
    ...[4, 5, 6, 7, 8, 9].map((m) => month("312037", 2021, m, 5)),
    // the successor from October: not an implementing body on 1 April 2021, so not in FY2021
    ...[10, 11, 12].map((m) => month(successor, 2021, m, 7)),
    // 智頭町 runs no welfare office: never counted
    month("313289", 2021, 4, 99),
    // FY2020 (March 2021) must not leak into FY2021
    month("312011", 2021, 3, 1000),
  ];
  await handle.db.insert(monthlySupportStatistics).values(rows);
});
afterAll(async () => {
  await handle.close();
});

describe("support statistics aggregation", () => {
  it("totals a prefecture over the implementing bodies of the year, months missing not zero", async () => {
    const rows = await totalsByPrefecture(handle.db, 2021);
    const tottori = rows.find((r) => r.prefectureCode === "31")!;
    // bodies: 鳥取県, 鳥取市, 米子市, 倉吉市 (on 1 April 2021) = 4; submitted months 10 + 12 + 6 = 28
    expect(tottori).toMatchObject({ bodies: 4, expectedMonths: 48, submittedMonths: 28, newConsultations: 200 + 180 + 30 });
    // population-months: 鳥取市 7 × 200,000 + 3 × 190,000 (in force from 1 January 2022) = 1,970,000;
    // 米子市 12 × 150,000 = 1,800,000; 倉吉市 has no population and stays out of per-capita figures
    expect(tottori.populationMonths).toBe(3_770_000);
    expect(tottori.perCapita.newConsultations).toBe(380);
    expect(perHundredThousandPerMonth(tottori.perCapita.newConsultations, tottori.populationMonths)).toBeCloseTo(10.0796, 4);
    const nation = rows.find((r) => r.prefectureCode === null)!;
    // 47 prefectures + 3 cities; the successor and 智頭町 are not counted
    expect(nation).toMatchObject({ bodies: 50, expectedMonths: 600, submittedMonths: 28, newConsultations: 410 });
  });

  it("gives each body its coverage and per-population figure", async () => {
    const bodies = await totalsByBody(handle.db, 2021, { prefectureCode: "31" });
    expect(bodies.map((b) => [b.code, b.submittedMonths, b.newConsultations])).toEqual([
      ["310000", 0, 0],
      ["312011", 10, 200],
      ["312029", 12, 180],
      ["312037", 6, 30],
    ]);
    const tottoriCity = bodies.find((b) => b.code === "312011")!;
    // 200 / 1,970,000 × 100,000
    expect(perHundredThousandPerMonth(tottoriCity.perCapita.newConsultations, tottoriCity.populationMonths)).toBeCloseTo(10.1523, 4);
    expect(tottoriCity.population).toBe(200_000);
    // FY2022: the successor replaces 倉吉市
    const next = await totalsByBody(handle.db, 2022, { prefectureCode: "31" });
    expect(next.map((b) => b.code)).toEqual(["310000", "312011", "312029", successor]);
  });

  it("puts January in the previous fiscal year in the monthly series", async () => {
    const series = await monthlySeries(handle.db, { bodyCode: "312011" }, { withPopulation: true });
    expect(series[1]!.populationMonths).toBe(200_000);
    expect(series.at(-1)!.populationMonths).toBe(190_000);
    expect(series.map((p) => [p.year, p.month, p.fiscalYear, p.newConsultations])).toEqual([
      [2021, 3, 2020, 1000],
      ...[4, 7, 8, 9, 10, 11, 12].map((m) => [2021, m, 2021, 20]),
      [2022, 1, 2021, 20],
      [2022, 2, 2021, 20],
      [2022, 3, 2021, 20],
    ]);
  });

  it("lists each fiscal year with statistics once, newest first", async () => {
    // FY2020 only through March 2021; every other row is FY2021
    expect(await statisticsFiscalYears(handle.db)).toEqual([2021, 2020]);
  });
});
