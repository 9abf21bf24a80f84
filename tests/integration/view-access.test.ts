import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as submissionsLoader } from "../../app/routes/prefectures.$code_.submissions";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as compareLoader } from "../../app/routes/compare";
import { loader as nationalSupervisionLoader } from "../../app/routes/supervision";
import { loader as nationalTrainingLoader } from "../../app/routes/training";
import { loader as nationalSupportLoader } from "../../app/routes/support";
import { loader as nationalJusouLoader } from "../../app/routes/jusou";
import { loader as nationalCooperationLoader } from "../../app/routes/cooperation";
import { loader as supervisionLoader } from "../../app/routes/prefectures.$code_.supervision";
import { loader as trainingLoader } from "../../app/routes/prefectures.$code_.training";
import { loader as supportLoader } from "../../app/routes/prefectures.$code_.support";
import { loader as jusouLoader } from "../../app/routes/prefectures.$code_.jusou";
import { loader as cooperationLoader } from "../../app/routes/prefectures.$code_.cooperation";
import { seedDemo } from "../../seeds/demo";
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

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
// detail: the page has a body-by-body table (`bodies`), null for those who see aggregates only
const routes: Record<string, { loader: Loader; path: string; params: Record<string, string>; detail?: true }> = {
  national: { loader: nationalLoader as Loader, path: "/?fy=2021", params: {} },
  ownPrefecture: { loader: prefectureLoader as Loader, path: "/prefectures/31?fy=2021", params: { code: "31" }, detail: true },
  otherPrefecture: { loader: prefectureLoader as Loader, path: "/prefectures/13?fy=2021", params: { code: "13" }, detail: true },
  ownSubmissions: { loader: submissionsLoader as Loader, path: "/prefectures/31/submissions", params: { code: "31" } },
  otherSubmissions: { loader: submissionsLoader as Loader, path: "/prefectures/13/submissions", params: { code: "13" } },
  ownBody: { loader: municipalityLoader as Loader, path: "/municipalities/312011?fy=2021", params: { code: "312011" } },
  bodyInPrefecture: { loader: municipalityLoader as Loader, path: "/municipalities/312029?fy=2021", params: { code: "312029" } },
  bodyElsewhere: { loader: municipalityLoader as Loader, path: "/municipalities/131016?fy=2021", params: { code: "131016" } },
  compare: { loader: compareLoader as Loader, path: "/compare?prefectures=31,13", params: {} },
  nationalSupervision: { loader: nationalSupervisionLoader as Loader, path: "/supervision?fy=2025", params: {} },
  nationalTraining: { loader: nationalTrainingLoader as Loader, path: "/training?fy=2025", params: {} },
  nationalSupport: { loader: nationalSupportLoader as Loader, path: "/support", params: {} },
  nationalJusou: { loader: nationalJusouLoader as Loader, path: "/jusou", params: {} },
  nationalCooperation: { loader: nationalCooperationLoader as Loader, path: "/cooperation", params: {} },
  ownSupervision: { loader: supervisionLoader as Loader, path: "/prefectures/31/supervision?fy=2025", params: { code: "31" } },
  otherSupervision: { loader: supervisionLoader as Loader, path: "/prefectures/13/supervision?fy=2025", params: { code: "13" } },
  ownTraining: { loader: trainingLoader as Loader, path: "/prefectures/31/training?fy=2025", params: { code: "31" }, detail: true },
  otherTraining: { loader: trainingLoader as Loader, path: "/prefectures/13/training?fy=2025", params: { code: "13" }, detail: true },
  ownSupport: { loader: supportLoader as Loader, path: "/prefectures/31/support", params: { code: "31" } },
  otherSupport: { loader: supportLoader as Loader, path: "/prefectures/13/support", params: { code: "13" } },
  ownJusou: { loader: jusouLoader as Loader, path: "/prefectures/31/jusou", params: { code: "31" } },
  otherJusou: { loader: jusouLoader as Loader, path: "/prefectures/13/jusou", params: { code: "13" } },
  ownCooperation: { loader: cooperationLoader as Loader, path: "/prefectures/31/cooperation", params: { code: "31" }, detail: true },
  otherCooperation: { loader: cooperationLoader as Loader, path: "/prefectures/13/cooperation", params: { code: "13" }, detail: true },
  unknownPrefecture: { loader: trainingLoader as Loader, path: "/prefectures/48/training", params: { code: "48" } },
};

// Expected HTTP status per role; "agg" = 200 with aggregates only (no body-by-body table).
const expected: Record<string, Record<string, number | "agg">> = {
  //                  mhlw  tottori-pref  tottori-city
  national: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  ownPrefecture: { mhlw: 200, "tottori-pref": 200, "tottori-city": "agg" },
  otherPrefecture: { mhlw: 200, "tottori-pref": "agg", "tottori-city": "agg" },
  ownSubmissions: { mhlw: 200, "tottori-pref": 200, "tottori-city": 403 },
  otherSubmissions: { mhlw: 200, "tottori-pref": 403, "tottori-city": 403 },
  ownBody: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  bodyInPrefecture: { mhlw: 200, "tottori-pref": 200, "tottori-city": 403 },
  bodyElsewhere: { mhlw: 200, "tottori-pref": 403, "tottori-city": 403 },
  compare: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  nationalSupervision: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  nationalTraining: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  nationalSupport: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  nationalJusou: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  nationalCooperation: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  // a prefecture's work records: every prefecture (exchange between prefectures) and its own municipalities
  ownSupervision: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  otherSupervision: { mhlw: 200, "tottori-pref": 200, "tottori-city": 403 },
  ownTraining: { mhlw: 200, "tottori-pref": 200, "tottori-city": "agg" },
  otherTraining: { mhlw: 200, "tottori-pref": "agg", "tottori-city": 403 },
  ownSupport: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  otherSupport: { mhlw: 200, "tottori-pref": 200, "tottori-city": 403 },
  // 重層 statuses are published by name: everyone
  ownJusou: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  otherJusou: { mhlw: 200, "tottori-pref": 200, "tottori-city": 200 },
  ownCooperation: { mhlw: 200, "tottori-pref": 200, "tottori-city": "agg" },
  otherCooperation: { mhlw: 200, "tottori-pref": "agg", "tottori-city": "agg" },
  unknownPrefecture: { mhlw: 404, "tottori-pref": 404, "tottori-city": 404 },
};

const statusOf = (route: (typeof routes)[string], loginId: string | null) =>
  callRoute(route.loader, { url: route.path, params: route.params, cookie: loginId ? cookies[loginId] : undefined });

describe("views by role", () => {
  for (const [name, route] of Object.entries(routes)) {
    it(`${name}: ${route.path}`, async () => {
      expect((await statusOf(route, null)).status).toBe(302);
      for (const [loginId, want] of Object.entries(expected[name]!)) {
        const result = await statusOf(route, loginId);
        expect(result.status, `${loginId} ${route.path}`).toBe(want === "agg" ? 200 : want);
        if (want === "agg") expect(route.detail, `${name}: "agg" needs a body table to hide`).toBe(true);
        if (route.detail && result.status === 200) {
          const detail = (result.data as { bodies: unknown[] | null }).bodies;
          expect(detail === null, `${loginId} ${route.path} body table`).toBe(want === "agg");
        }
      }
    });
  }
});

describe("figures traced to the data", () => {
  it("shows the national FY2021 total that the demo calibration fixes (555,779 new consultations)", async () => {
    const result = (await statusOf(routes.national!, "mhlw")).data as { national: { newConsultations: number; submittedMonths: number; expectedMonths: number } };
    expect(result.national.newConsultations).toBe(555_779);
    expect(result.national.expectedMonths).toBe(862 * 12);
  });

  it("ranks the prefecture and lists 鳥取県 itself first among its bodies", async () => {
    const result = (await statusOf(routes.ownPrefecture!, "tottori-pref")).data as { rank: number; rankedOf: number; bodies: { code: string }[] };
    expect(result.rankedOf).toBe(47);
    expect(result.rank).toBeGreaterThanOrEqual(1);
    expect(result.bodies.map((b) => b.code)).toEqual(["310000", "312011", "312029", "312037", "312045"]);
  });

  it("shows the published 重層 counts the demo dataset is calibrated to (42, 134, 189, 346, 473)", async () => {
    const result = (await statusOf(routes.nationalJusou!, "mhlw")).data as { fiscalYear: number; timeline: { fiscalYear: number; status: string; count: number }[]; byPrefecture: { prefectureCode: string | null; implementing: number }[] };
    const implementing = Object.fromEntries(result.timeline.filter((t) => t.status === "implementing").map((t) => [t.fiscalYear, t.count]));
    expect(implementing).toEqual({ 2021: 42, 2022: 134, 2023: 189, 2024: 346, 2025: 473 });
    expect(result.fiscalYear).toBe(2025);
    expect(result.byPrefecture.find((r) => r.prefectureCode === null)!.implementing).toBe(473);
    // the prefectures add up to the nation
    expect(result.byPrefecture.filter((r) => r.prefectureCode !== null).reduce((s, r) => s + r.implementing, 0)).toBe(473);
  });

  it("compares the 11 items between the first and the latest year as the demo data holds them (share × 47 prefectures, rounded)", async () => {
    const result = (await statusOf(routes.nationalSupport!, "tottori-city")).data as {
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
