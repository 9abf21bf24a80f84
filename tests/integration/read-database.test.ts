import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { loader as prefectureListLoader } from "../../app/routes/prefectures._index";
import { loader as supervisionLoader } from "../../app/routes/prefectures.$code_.supervision";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";

// DATABASE_READ_URL: aggregate pages read the replica, while sessions (and pages people open right
// after writing) stay on the primary. Two databases with different contents tell which one answered.
let primary: DatabaseHandle;
let replica: DatabaseHandle;
let cookie: string;

beforeAll(async () => {
  primary = await createTestDatabase();
  replica = await createTestDatabase();
  await loadSampleBodiesAndUsers(primary.db);
  await ensurePrefectures(replica.db); // the 47 prefectures as bodies, no municipalities, no users
  installDatabaseHandle(primary, replica);
  cookie = (await demoSessionCookies(["mhlw"])).mhlw!;
});
afterAll(async () => {
  installDatabaseHandle(primary);
  await replica.close();
  await primary.close();
});

describe("the read database", () => {
  it("answers the aggregate pages, with the session checked on the primary", async () => {
    const result = await callRoute(prefectureListLoader, { url: "/prefectures", cookie });
    expect(result.status).toBe(200);
    const tottori = (result.data as { prefectures: { code: string; implementingBodies: number }[] }).prefectures.find((p) => p.code === "31");
    // the replica has only 鳥取県 itself; the primary also has its four cities and the towns with welfare offices
    expect(tottori?.implementingBodies).toBe(1);
  });

  it("is not used by pages that show what a user has just written", async () => {
    // the supervision log and its form: a contact just recorded must show at once
    const result = await callRoute(supervisionLoader, { url: "/prefectures/31/supervision", params: { code: "31" }, cookie });
    expect(result.status).toBe(200);
    // 鳥取市 exists only on the primary
    expect((result.data as { bodies: { code: string }[] }).bodies.map((b) => b.code)).toContain("312011");
  });

  it("falls back to the primary when no replica is configured", async () => {
    installDatabaseHandle(primary);
    const result = await callRoute(prefectureListLoader, { url: "/prefectures", cookie });
    const tottori = (result.data as { prefectures: { code: string; implementingBodies: number }[] }).prefectures.find((p) => p.code === "31");
    expect(tottori?.implementingBodies).toBeGreaterThan(1);
  });
});
