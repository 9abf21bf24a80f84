import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { peerBodies } from "../../db/queries/bodies";
import { fiscalYearTotalsByBody, monthlySeries, totalsByBody } from "../../db/queries/support-statistics";
import { localGovernments, monthlySupportStatistics, populations, targetValues } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { loadPrefecture } from "../../app/server/pages/prefecture-page.server";
import { loadNationalFunnel } from "../../app/routes/compare_.funnel.server";
import { createTestDatabase } from "../setup/database";
import { month } from "../setup/monthly";

// Issue 17's acceptance with hand-built data: a village of 3,000 with 3 consultations in FY2021 and a
// city of 500,000 with 960, against the 目安値 of 20 per 10万人 per month.
let handle: DatabaseHandle;
const code = (five: string) => `${five}${checkDigit(five)}`;
const village = code("31999");
const city = "312011";
const towns = ["31401", "31402", "31403", "31404", "31405", "31406", "31407"].map(code);
const today = "2026-12-02";

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  const body = (c: string, name: string, kind: string) => ({ code: c, prefectureCode: "31", name, kind, hasWelfareOffice: true });
  await handle.db.insert(localGovernments).values([
    body(city, "鳥取市", "core_city"),
    body(village, "試験村", "village"),
    ...towns.map((c, i) => body(c, `試験町${i + 1}`, "town")),
  ]);
  await handle.db.insert(populations).values([
    { localGovernmentCode: city, asOf: "2021-01-01", population: 500_000 },
    { localGovernmentCode: village, asOf: "2021-01-01", population: 3_000 },
    // towns of 1,000 … 40,000 people: the village's peers are the 5 nearest on a log scale
    ...towns.map((c, i) => ({ localGovernmentCode: c, asOf: "2021-01-01", population: [1_000, 2_000, 4_000, 6_000, 10_000, 20_000, 40_000][i]! })),
  ]);
  await handle.db.insert(targetValues).values({ fiscalYear: 2021, newConsultations: 20, plansCreated: 10, employmentSupportTargets: 6 });
  const fiscalYear2021 = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => ({ y: m >= 4 ? 2021 : 2022, m }));
  await handle.db.insert(monthlySupportStatistics).values([
    // 鳥取市: 80 a month = 960 in the year
    ...fiscalYear2021.map(({ y, m }) => month(city, y, m, 80)),
    // 試験村: 1 in April, July and October, 0 otherwise = 3
    ...fiscalYear2021.map(({ y, m }) => month(village, y, m, [4, 7, 10].includes(m) ? 1 : 0)),
    ...towns.flatMap((c) => fiscalYear2021.map(({ y, m }) => month(c, y, m, 2))),
  ]);
});
afterAll(async () => {
  await handle.close();
});

describe("labels against the 目安値 (issue 17 acceptance)", () => {
  it("labels the village 同程度 though its figure is below the 目安値, and the city 悪い with its interval", async () => {
    const data = (await loadPrefecture(handle.db, "31", { fy: 2021, metric: "newConsultations" }, today, true))!;
    const villageRow = data.bodies!.find((b) => b.code === village)!;
    const cityRow = data.bodies!.find((b) => b.code === city)!;
    // 試験村: 3 × 100,000 ÷ (12 × 3,000) = 8.33 < 20 (the old 「目安値未満」); exact limits of 3: 0.6187–8.7673 → 1.72–24.35
    const v = villageRow.compared.newConsultations;
    expect(v.value).toBeCloseTo(8.333, 3);
    expect(v.ci95!.lower).toBeCloseTo(1.7185, 3);
    expect(v.ci95!.upper).toBeCloseTo(24.354, 2);
    expect(v.labels.target).toBe("similar");
    // 鳥取市: 960 × 100,000 ÷ 6,000,000 = 16.0; Byar's upper limit 1022.7 ÷ 60 = 17.05 < 20: significantly below
    const c = cityRow.compared.newConsultations;
    expect(c.value).toBeCloseTo(16, 6);
    expect(c.ci95!.upper).toBeCloseTo(17.05, 1);
    expect(c.labels.target).toBe("worse");
  });
  it("compares with the nation and puts the bodies in the funnel around it", async () => {
    const data = await loadNationalFunnel(handle.db, { fy: 2021, metric: "newConsultations" }, today);
    // nation: (960 + 3 + 7 × 24) ÷ (6,000,000 + 36,000 + 12 × 83,000) × 100,000 = 1,131 ÷ 7,032,000 × 100,000 = 16.084
    expect(data.funnel.benchmark).toBeCloseTo(16.084, 3);
    expect(data.funnel.points).toHaveLength(9);
    const villagePoint = data.funnel.points.find((p) => p.code === village)!;
    expect(villagePoint.label).toBe("similar");
    expect(villagePoint.zone).toBe("within");
    expect(data.funnel.lines.length).toBeGreaterThan(2);
  });
});

describe("fiscalYearTotalsByBody and totalsByBody (read from the fiscal-year totals)", () => {
  it("give each body the totals of its monthly rows", async () => {
    const fromTotals = await fiscalYearTotalsByBody(handle.db, 2021);
    const byBody = await totalsByBody(handle.db, 2021);
    const pick = (t: { code: string; perCapita: object; populationMonths: number; submittedMonths: number; newConsultations: number }) => [t.code, t.perCapita, t.populationMonths, t.submittedMonths, t.newConsultations];
    expect(fromTotals.map(pick)).toEqual([...byBody].sort((a, b) => a.code.localeCompare(b.code)).map(pick));
    const fromMonths = await Promise.all(
      fromTotals.map(async (t) => {
        const months = (await monthlySeries(handle.db, { bodyCode: t.code }, { withPopulation: true })).filter((m) => m.fiscalYear === 2021);
        const sum = (f: (m: (typeof months)[number]) => number) => months.reduce((a, m) => a + f(m), 0);
        return [t.code, { newConsultations: sum((m) => m.perCapita.newConsultations) }, sum((m) => m.populationMonths), sum((m) => m.submittedMonths), sum((m) => m.newConsultations)];
      }),
    );
    expect(fromTotals.map((t) => [t.code, { newConsultations: t.perCapita.newConsultations }, t.populationMonths, t.submittedMonths, t.newConsultations])).toEqual(fromMonths);
    // 試験村: 3 consultations over 12 × 3,000 person-months
    expect(fromTotals.find((t) => t.code === village)).toMatchObject({ newConsultations: 3, populationMonths: 36_000, submittedMonths: 12 });
  });
});

describe("peer groups (same kind, nearest in population)", () => {
  it("takes the 5 towns and villages nearest on a log scale, ties by code", async () => {
    // |ln(p) − ln(3,000)|: 4,000 → 0.288, 2,000 → 0.405, 6,000 → 0.693, 1,000 → 1.099, 10,000 → 1.204; 20,000 → 1.897 is out,
    // and 鳥取市 (a core city) is never the village's peer
    const peers = (await peerBodies(handle.db, village, 2021, "31")).sameKind;
    expect(peers).toEqual([towns[2], towns[1], towns[3], towns[0], towns[4]]);
  });

  it("gives the city no same-kind peer but the 5 nearest bodies in its prefecture and nationally", async () => {
    // |ln(p) − ln(500,000)|: 40,000 → 2.526, 20,000 → 3.219, 10,000 → 3.912, 6,000 → 4.423, 4,000 → 4.828; 3,000 (the village) → 5.116 is out
    const nearest = [towns[6], towns[5], towns[4], towns[3], towns[2]];
    expect(await peerBodies(handle.db, city, 2021, "31")).toEqual({ inPrefecture: nearest, nationally: nearest, sameKind: [] });
    expect(await peerBodies(handle.db, city, 2021, "13")).toEqual({ inPrefecture: [], nationally: nearest, sameKind: [] });
  });
});
