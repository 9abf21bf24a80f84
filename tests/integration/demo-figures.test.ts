import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as nationalSupportLoader } from "../../app/routes/support";
import { loader as nationalJusouLoader } from "../../app/routes/jusou";
import { loader as nationalCooperationLoader } from "../../app/routes/cooperation";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as prefectureCooperationLoader } from "../../app/routes/prefectures.$code_.cooperation";
import { loader as prefectureJusouLoader } from "../../app/routes/prefectures.$code_.jusou";
import { action as newUploadAction } from "../../app/routes/uploads.new.$dataset";
import { loader as uploadLoader } from "../../app/routes/uploads.$uploadId";
import { queryRows } from "../../db/client";
import { jusouSourceListFile, seedDemo } from "../../seeds/demo";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await seedDemo(handle.db);
  Object.assign(cookies, await demoSessionCookies(["mhlw", "tottori-pref", "tottori-city"]));
});
afterAll(async () => {
  await handle.close();
});

// The demo dataset is calibrated to published figures; these pages must show them as published.
const routes = {
  national: { loader: nationalLoader, path: "/?fy=2021", params: {} },
  ownPrefecture: { loader: prefectureLoader, path: "/prefectures/31?fy=2021", params: { code: "31" } },
  nationalJusou: { loader: nationalJusouLoader, path: "/jusou", params: {} },
  nationalJusou2022: { loader: nationalJusouLoader, path: "/jusou?fy=2022", params: {} },
  nationalSupport: { loader: nationalSupportLoader, path: "/support", params: {} },
};
const open = (route: keyof typeof routes, loginId: string) => callRoute(routes[route].loader, { url: routes[route].path, params: routes[route].params, cookie: cookies[loginId] });

describe("figures traced to the data", () => {
  it("shows the national FY2021 total that the demo calibration fixes (555,779 new consultations)", async () => {
    const result = (await open("national", "mhlw")).data as { national: { newConsultations: number; submittedMonths: number; expectedMonths: number } };
    expect(result.national.newConsultations).toBe(555_779);
    expect(result.national.expectedMonths).toBe(862 * 12);
  });

  it("ranks the prefecture and lists 鳥取県 itself first among its bodies", async () => {
    const result = (await open("ownPrefecture", "tottori-pref")).data as { rank: number; rankedOf: number; bodies: { code: string }[] };
    expect(result.rankedOf).toBe(47);
    expect(result.rank).toBeGreaterThanOrEqual(1);
    expect(result.bodies.map((b) => b.code)).toEqual(["310000", "312011", "312029", "312037", "312045"]);
  });

  it("shows the published 重層 counts the demo dataset is calibrated to (42, 134, 189, 346, 473)", async () => {
    const result = (await open("nationalJusou", "mhlw")).data as { fiscalYear: number; timeline: { fiscalYear: number; status: string; count: number }[]; byPrefecture: { prefectureCode: string | null; implementing: number }[] };
    const implementing = Object.fromEntries(result.timeline.filter((t) => t.status === "implementing").map((t) => [t.fiscalYear, t.count]));
    expect(implementing).toEqual({ 2021: 42, 2022: 134, 2023: 189, 2024: 346, 2025: 473 });
    expect(result.fiscalYear).toBe(2025);
    expect(result.byPrefecture.find((r) => r.prefectureCode === null)!.implementing).toBe(473);
    // the prefectures add up to the nation
    expect(result.byPrefecture.filter((r) => r.prefectureCode !== null).reduce((s, r) => s + r.implementing, 0)).toBe(473);
  });

  it("compares the 11 items between the first and the latest year as the demo data holds them (share × 47 prefectures, rounded)", async () => {
    const result = (await open("nationalSupport", "tottori-city")).data as {
      comparison: { from: number; to: number; shares: { fiscalYear: number; item: string; respondents: number; implementing: number }[] };
    };
    expect([result.comparison.from, result.comparison.to]).toEqual([2015, 2025]);
    const of = (fy: number, item: string) => result.comparison.shares.find((s) => s.fiscalYear === fy && s.item === item);
    // 71.8% → 74.4% of 47: 34 → 35; 53.8% → 76.9%: 25 → 36; 10.3% → 12.8%: 5 → 6; 5.1% → 5.1%: 2 → 2
    expect([of(2015, "prefecture_training"), of(2025, "prefecture_training")]).toMatchObject([{ respondents: 47, implementing: 34 }, { respondents: 47, implementing: 35 }]);
    expect([of(2015, "promote_optional_programs")!.implementing, of(2025, "promote_optional_programs")!.implementing]).toEqual([25, 36]);
    expect([of(2015, "supervision_for_staff")!.implementing, of(2025, "supervision_for_staff")!.implementing]).toEqual([5, 6]);
    expect([of(2015, "work_training_advisor")!.implementing, of(2025, "work_training_advisor")!.implementing]).toEqual([2, 2]);
  });
});

describe("the demo is the source documents where they speak", () => {
  it("holds every local government of the country: 1,741 municipalities (+6 uncounted), 175 wards, 47 prefectures", async () => {
    const [counts] = await queryRows<{ prefectures: number; municipalities: number; unadministered: number; wards: number; implementing: number }>(
      handle.db,
      sql`select count(*) filter (where kind = 'prefecture')::int as prefectures,
                 count(*) filter (where kind not in ('prefecture', 'ward') and administered)::int as municipalities,
                 count(*) filter (where not administered)::int as unadministered,
                 count(*) filter (where kind = 'ward')::int as wards,
                 count(*) filter (where has_welfare_office)::int as implementing
          from local_governments where valid_to is null`,
    );
    expect(counts).toEqual({ prefectures: 47, municipalities: 1741, unadministered: 6, wards: 175, implementing: 862 });
    // a 重層 status for every municipality and fiscal year FY2015–FY2025, none for the unadministered villages
    const [jusou] = await queryRows<{ n: number; bodies: number; unadministered: number }>(
      handle.db,
      sql`select count(*)::int as n, count(distinct j.local_government_code)::int as bodies,
                 count(*) filter (where not lg.administered)::int as unadministered
          from jusou_statuses j join local_governments lg on lg.code = j.local_government_code`,
    );
    expect(jusou).toEqual({ n: 1741 * 11, bodies: 1741, unadministered: 0 });
  });

  it("computes FY2022 重層 shares over all municipalities: 三重県 9 of its 29, the nation 134 of 1,741", async () => {
    const result = (await open("nationalJusou2022", "mhlw")).data as {
      byPrefecture: { prefectureCode: string | null; municipalities: number; implementing: number; transitionPreparation: number; notImplemented: number; notReported: number }[];
    };
    // 伊勢市 桑名市 名張市 亀山市 鳥羽市 いなべ市 志摩市 伊賀市 御浜町; 移行準備: 松阪市 鈴鹿市 紀宝町
    expect(result.byPrefecture.find((r) => r.prefectureCode === "24")).toMatchObject({
      municipalities: 29,
      implementing: 9,
      transitionPreparation: 3,
      notImplemented: 17,
      notReported: 0,
    });
    expect(result.byPrefecture.find((r) => r.prefectureCode === null)).toMatchObject({
      municipalities: 1741,
      implementing: 134,
      transitionPreparation: 229,
      notImplemented: 1741 - 134 - 229,
      notReported: 0,
    });
  });

  it("takes the source's FY2022 list uploaded by name as MHLW with no errors and no changes", async () => {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(jusouSourceListFile)], { type: "text/csv" }), "jusou-fy2022-source.csv");
    const staged = await callRoute(newUploadAction, { url: "/uploads/new/jusou", params: { dataset: "jusou" }, cookie: cookies.mhlw, form });
    expect(staged.status).toBe(302);
    const uploadId = staged.location!.split("/").pop()!;
    const preview = (await callRoute(uploadLoader, { url: `/uploads/${uploadId}`, params: { uploadId }, cookie: cookies.mhlw })).data as {
      upload: { status: string; counts: unknown };
      errors: unknown[];
      warnings: unknown[];
      changes: unknown[];
    };
    expect(preview.errors).toEqual([]);
    expect(preview.changes).toEqual([]);
    expect(preview.upload).toMatchObject({ status: "previewed", counts: { rows: 363, new: 0, changed: 0, unchanged: 363, errorRows: 0 } });
  });
});

describe("demo estimates said as such", () => {
  it("marks the cooperation figures of FY2020 as the source's and those of other years as the demo's estimates, on the national and the prefecture page", async () => {
    const figures = async (loader: unknown, path: string, params: Record<string, string>) =>
      ((await callRoute(loader, { url: path, params, cookie: cookies.mhlw })).data as { demoFigures: string | null }).demoFigures;
    expect(await figures(nationalCooperationLoader, "/cooperation?fy=2020", {})).toBe("source");
    expect(await figures(nationalCooperationLoader, "/cooperation?fy=2021", {})).toBe("estimate");
    expect(await figures(prefectureCooperationLoader, "/prefectures/31/cooperation?fy=2020", { code: "31" })).toBe("source");
    expect(await figures(prefectureCooperationLoader, "/prefectures/31/cooperation?fy=2025", { code: "31" })).toBe("estimate");
    // figures that are not the demo's say nothing of it
    await handle.db.execute(sql`update app_meta set value = 'false' where key = 'demo_dataset'`);
    try {
      expect(await figures(nationalCooperationLoader, "/cooperation?fy=2020", {})).toBeNull();
      expect(await figures(nationalCooperationLoader, "/cooperation?fy=2021", {})).toBeNull();
    } finally {
      await handle.db.execute(sql`update app_meta set value = 'true' where key = 'demo_dataset'`);
    }
  });
});

describe("one fiscal-year policy", () => {
  it("opens every page of figures on the latest year with data when the year asked for is out of range or is no year", async () => {
    const savedToday = process.env.TSUNAGU_TODAY;
    process.env.TSUNAGU_TODAY = "2026-12-02";
    try {
      await opensOnLatestYear();
    } finally {
      if (savedToday === undefined) delete process.env.TSUNAGU_TODAY;
      else process.env.TSUNAGU_TODAY = savedToday;
    }
  });
});

async function opensOnLatestYear() {
  const pages: [unknown, string, Record<string, string>][] = [
    [nationalLoader, "/", {}],
    [prefectureLoader, "/prefectures/31", { code: "31" }],
    [municipalityLoader, "/municipalities/312011", { code: "312011" }],
    [nationalJusouLoader, "/jusou", {}],
    [prefectureJusouLoader, "/prefectures/31/jusou", { code: "31" }],
    [nationalCooperationLoader, "/cooperation", {}],
    [prefectureCooperationLoader, "/prefectures/31/cooperation", { code: "31" }],
  ];
  for (const [loader, path, params] of pages) {
    const latest = (await callRoute(loader, { url: path, params, cookie: cookies.mhlw })).data as { fiscalYear: number; fiscalYears: number[] };
    // the demo data ends with FY2025; the current FY2026 is offered first, without data
    expect(latest.fiscalYear, path).toBe(2025);
    expect(latest.fiscalYears.slice(0, 2), path).toEqual([2026, 2025]);
    for (const fy of ["2014", "2099", "abc"]) {
      const result = await callRoute(loader, { url: `${path}?fy=${fy}`, params, cookie: cookies.mhlw });
      expect(result.status, `${path}?fy=${fy}`).toBe(200);
      expect((result.data as { fiscalYear: number }).fiscalYear, `${path}?fy=${fy}`).toBe(latest.fiscalYear);
    }
    const current = await callRoute(loader, { url: `${path}?fy=2026`, params, cookie: cookies.mhlw });
    expect([current.status, (current.data as { fiscalYear: number }).fiscalYear], `${path}?fy=2026`).toEqual([200, 2026]);
    const earlier = latest.fiscalYears.at(-1)!;
    expect(((await callRoute(loader, { url: `${path}?fy=${earlier}`, params, cookie: cookies.mhlw })).data as { fiscalYear: number }).fiscalYear, path).toBe(earlier);
  }
}
