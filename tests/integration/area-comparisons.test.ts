import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { localGovernments, monthlySupportStatistics, populations } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { loadNationalOverview, nationalOverviewParams } from "../../app/routes/_index.server";
import { comparisonQuery, loadComparison } from "../../app/routes/compare.server";
import { PrefectureMapCard } from "../../app/components/cards/PrefectureMapCard";
import { createTestDatabase } from "../setup/database";
import { month } from "../setup/monthly";

// Prefectures labelled against the nation on the national map and /compare (issue 17, ADR 024), with
// hand-built data for FY2021: 鳥取県 = one city of 500,000 with 80 consultations and 1 referral a month,
// 島根県 = one city of 200,000 with 50 and 4, 岡山県 = one village of 3,000 with 3 consultations in the year.
let handle: DatabaseHandle;
const code = (five: string) => `${five}${checkDigit(five)}`;
const tottori = code("31201");
const shimane = code("32201");
const village = code("33999");
const today = "2026-12-02";
const fiscalYear2021 = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => ({ y: m >= 4 ? 2021 : 2022, m }));

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values([
    { code: tottori, prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true },
    { code: shimane, prefectureCode: "32", name: "松江市", kind: "core_city", hasWelfareOffice: true },
    { code: village, prefectureCode: "33", name: "試験村", kind: "village", hasWelfareOffice: true },
  ]);
  await handle.db.insert(populations).values([
    { localGovernmentCode: tottori, asOf: "2021-01-01", population: 500_000 },
    { localGovernmentCode: shimane, asOf: "2021-01-01", population: 200_000 },
    { localGovernmentCode: village, asOf: "2021-01-01", population: 3_000 },
  ]);
  await handle.db.insert(monthlySupportStatistics).values([
    ...fiscalYear2021.map(({ y, m }) => ({ ...month(tottori, y, m, 80), referralsToPublicAssistance: 1 })),
    ...fiscalYear2021.map(({ y, m }) => ({ ...month(shimane, y, m, 50), referralsToPublicAssistance: 4 })),
    ...fiscalYear2021.map(({ y, m }) => month(village, y, m, [4, 7, 10].includes(m) ? 1 : 0)),
  ]);
});
afterAll(async () => {
  await handle.close();
});

const overview = (metric: string) => loadNationalOverview(handle.db, nationalOverviewParams.parse({ fy: "2021", metric }), today);

describe("prefectures against the nation (national map)", () => {
  it("labels 鳥取県 悪い and 島根県 良い with their intervals, and the village's prefecture 同程度", async () => {
    const data = await overview("newConsultations");
    // nation: (960 + 600 + 3) × 100,000 ÷ (6,000,000 + 2,400,000 + 36,000) = 1,563 ÷ 84.36 = 18.528
    expect(data.nationalMetric).toBeCloseTo(18.528, 3);
    const tile = (c: string) => data.tiles.find((t) => t.code === c)!;
    // 鳥取県: 960 ÷ 60 = 16.0; Byar 95%: 960 (1 − 1/8,640 − 1.96/(3√960))³ = 900.2 → 15.00, 961 (1 − 1/8,649 + 1.96/(3√961))³ = 1,022.7 → 17.05 < 18.53
    expect(tile("31").value).toBeCloseTo(16, 9);
    expect(tile("31").ci95!.lower).toBeCloseTo(15.004, 2);
    expect(tile("31").ci95!.upper).toBeCloseTo(17.045, 2);
    expect(tile("31").label).toBe("worse");
    // 島根県: 600 ÷ 24 = 25.0; Byar 95%: 552.9 → 23.04, 650.0 → 27.08 > 18.53
    expect(tile("32").value).toBeCloseTo(25, 9);
    expect(tile("32").ci95!.lower).toBeCloseTo(23.04, 2);
    expect(tile("32").ci95!.upper).toBeCloseTo(27.08, 2);
    expect(tile("32").label).toBe("better");
    // 岡山県 (the village only): 3 ÷ 0.36 = 8.33, exact 95% 1.72–24.35 holds 18.53: below the nation by chance
    expect(tile("33").value).toBeCloseTo(8.333, 3);
    expect(tile("33").label).toBe("similar");
    // a prefecture without bodies has no figure
    expect(tile("13")).toMatchObject({ value: null, ci95: null, label: "notCompared" });
  });

  it("says higher / lower where the catalogue gives no good direction (生活保護へのつなぎ件数)", async () => {
    const data = await overview("referralsToPublicAssistance");
    // nation 60 ÷ 84.36 = 0.711; 鳥取県 12 ÷ 60 = 0.20 (Byar 0.103–0.349); 島根県 48 ÷ 24 = 2.00 (1.475–2.652)
    expect(data.nationalMetric).toBeCloseTo(0.7112, 4);
    expect(data.tiles.find((t) => t.code === "31")).toMatchObject({ label: "lower" });
    expect(data.tiles.find((t) => t.code === "31")!.ci95!.upper).toBeCloseTo(0.3494, 3);
    expect(data.tiles.find((t) => t.code === "32")).toMatchObject({ label: "higher" });
  });

  it("renders the label's words and the interval in the map card (tile names and table)", async () => {
    const data = JSON.parse(JSON.stringify(await overview("newConsultations"))) as Awaited<ReturnType<typeof overview>>;
    const html = renderToString(
      createElement(StaticRouter, { location: "/" }, createElement(PrefectureMapCard, { fiscalYear: 2021, metric: "newConsultations", tiles: data.tiles, nationalValue: data.nationalMetric, dataDate: null })),
    );
    expect(html).toContain("鳥取 16.0（鳥取県、新規相談受付件数（人口10万人あたり月平均）、全国と比べて悪い）");
    expect(html).toContain("島根 25.0（島根県、新規相談受付件数（人口10万人あたり月平均）、全国と比べて良い）");
    expect(html).toContain("15.0–17.0");
    // the badge: symbol, hidden comparator and text, linking to the definition's comparisons
    expect(html).toMatch(/<a (?=[^>]*class="comparison comparison--worse")[^>]*href="\/indicators\/newConsultations#comparisons"[^>]*><span aria-hidden="true">▼<\/span><span class="visually-hidden">全国(<!-- -->)?と比べて<\/span>悪い<\/a>/);
    // the value column's header links to the definition
    expect(html).toMatch(/<th scope="col" class="num" aria-sort="none"><a (?=[^>]*class="metric-label")[^>]*href="\/indicators\/newConsultations"[^>]*>新規相談受付件数（人口10万人あたり月平均）<span/);
  });
});

describe("prefectures against the nation (/compare)", () => {
  it("draws the nation beside the chosen prefectures and labels each year's figure against it", async () => {
    const data = await loadComparison(handle.db, comparisonQuery(new URL("http://x/compare?prefectures=31&prefectures=32")), { id: 1, role: "mhlw", prefectureCode: null, localGovernmentCode: null }, today);
    expect(data.series.map((s) => s.key)).toEqual(["p31", "p32", "nation"]);
    const fy2021 = data.rows.find((r) => r.fiscalYear === 2021) as Record<string, number>;
    expect(fy2021.nation).toBeCloseTo(18.528, 3);
    expect(data.comparisons.p31![2021]).toMatchObject({ label: "worse", benchmark: fy2021.nation });
    expect(data.comparisons.p31![2021]!.ci95!.upper).toBeCloseTo(17.045, 2);
    expect(data.comparisons.p32![2021]).toMatchObject({ label: "better" });
    expect(data.comparisons.p32![2021]!.ci95!.lower).toBeCloseTo(23.04, 2);
  });
});
