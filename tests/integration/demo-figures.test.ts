import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as nationalSupportLoader } from "../../app/routes/support";
import { loader as nationalJusouLoader } from "../../app/routes/jusou";
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

// The demo dataset is calibrated to published figures; these pages must show them as published.
const routes = {
  national: { loader: nationalLoader, path: "/?fy=2021", params: {} },
  ownPrefecture: { loader: prefectureLoader, path: "/prefectures/31?fy=2021", params: { code: "31" } },
  nationalJusou: { loader: nationalJusouLoader, path: "/jusou", params: {} },
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
