import { execFileSync } from "node:child_process";
import { toSnakeCase } from "drizzle-orm/casing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { monthlySeries, totalsByBody, totalsByPrefecture } from "../../db/queries/support-statistics";
import { localGovernments, monthlySupportStatistics, populations } from "../../db/schema";
import { byMetric, monthlyMetricCatalogue, monthlyMetrics, perPopulationMetrics } from "../../app/domain/metric-catalogue";
import { createTestDatabase } from "../setup/database";

// Every metric of the catalogue reaches every total: the monthly rows (read directly), the
// trigger-kept fiscal-year totals (ADR 011) and monthly prefecture totals (ADR 014). A metric added to
// the catalogue and the schema whose migration forgot the totals' refresh functions fails here.

let handle: DatabaseHandle;
/** a distinct count per metric: 11, 12, 13, … */
const counts = byMetric(monthlyMetrics, (m) => 11 + monthlyMetrics.indexOf(m));

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values({ code: "312011", prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true });
  await handle.db.insert(populations).values({ localGovernmentCode: "312011", asOf: "2022-04-01", population: 100_000 });
  await handle.db.insert(monthlySupportStatistics).values({ localGovernmentCode: "312011", year: 2022, month: 4, fiscalYear: 2022, ...counts });
});

afterAll(async () => {
  await handle.close();
});

const perCapita = byMetric(perPopulationMetrics, (m) => counts[m]);

async function expectEveryTotal() {
  const body = (await totalsByBody(handle.db, 2022)).find((t) => t.code === "312011");
  expect(body).toMatchObject({ ...counts, perCapita, populationMonths: 100_000, submittedMonths: 1 });
  const nation = (await totalsByPrefecture(handle.db, 2022)).find((t) => t.prefectureCode === null);
  expect(nation).toMatchObject({ ...counts, perCapita, populationMonths: 100_000, submittedMonths: 1 });
  const [point] = await monthlySeries(handle.db);
  expect(point).toMatchObject({ year: 2022, month: 4, ...counts, submittedMonths: 1 });
}

describe("the metric catalogue", () => {
  it("names each metric's SQL column as drizzle's casing names its key", () => {
    for (const m of monthlyMetricCatalogue) expect(m.column).toBe(toSnakeCase(m.key));
  });

  it("carries every metric through the monthly rows and both trigger-kept totals", async () => {
    await expectEveryTotal();
  });

  it("prints refresh functions for the totals that keep every metric (scripts/metric-totals-sql.ts)", async () => {
    const printed = execFileSync("npx", ["tsx", "scripts/metric-totals-sql.ts"], { encoding: "utf8" });
    for (const statement of printed.split("--> statement-breakpoint")) if (statement.trim()) await handle.db.execute(sql.raw(statement));
    await handle.db.update(monthlySupportStatistics).set({ fiscalYear: 2022 });
    await expectEveryTotal();
  });
});
