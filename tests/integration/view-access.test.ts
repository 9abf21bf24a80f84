import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as submissionsLoader } from "../../app/routes/prefectures.$code_.submissions";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as compareLoader } from "../../app/routes/compare";
import { seedDemo } from "../../seeds/demo";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";

let handle: DatabaseHandle;
const base = "http://localhost";
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
const routes: Record<string, { loader: Loader; path: string; params: Record<string, string> }> = {
  national: { loader: nationalLoader as Loader, path: "/?fy=2021", params: {} },
  ownPrefecture: { loader: prefectureLoader as Loader, path: "/prefectures/31?fy=2021", params: { code: "31" } },
  otherPrefecture: { loader: prefectureLoader as Loader, path: "/prefectures/13?fy=2021", params: { code: "13" } },
  ownSubmissions: { loader: submissionsLoader as Loader, path: "/prefectures/31/submissions", params: { code: "31" } },
  otherSubmissions: { loader: submissionsLoader as Loader, path: "/prefectures/13/submissions", params: { code: "13" } },
  ownBody: { loader: municipalityLoader as Loader, path: "/municipalities/312011?fy=2021", params: { code: "312011" } },
  bodyInPrefecture: { loader: municipalityLoader as Loader, path: "/municipalities/312029?fy=2021", params: { code: "312029" } },
  bodyElsewhere: { loader: municipalityLoader as Loader, path: "/municipalities/131016?fy=2021", params: { code: "131016" } },
  compare: { loader: compareLoader as Loader, path: "/compare?prefectures=31,13", params: {} },
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
};

async function statusOf(route: (typeof routes)[string], loginId: string | null): Promise<{ status: number; data?: unknown }> {
  try {
    const data = await route.loader({
      request: new Request(`${base}${route.path}`, { headers: loginId ? { Cookie: cookies[loginId]! } : {} }),
      params: route.params,
      context: {},
    });
    return { status: 200, data };
  } catch (error) {
    return { status: (error as Response).status };
  }
}

describe("views by role", () => {
  for (const [name, route] of Object.entries(routes)) {
    it(`${name}: ${route.path}`, async () => {
      expect((await statusOf(route, null)).status).toBe(302);
      for (const [loginId, want] of Object.entries(expected[name]!)) {
        const result = await statusOf(route, loginId);
        expect(result.status, `${loginId} ${route.path}`).toBe(want === "agg" ? 200 : want);
        if (route.loader === (prefectureLoader as Loader) && result.status === 200) {
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
});
