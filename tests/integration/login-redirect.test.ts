import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { createDemoUsers, demoPassword } from "../../seeds/demo-users";
import { createTestDatabase } from "../setup/database";
import { callRoute } from "../setup/routes";
import { demoSessionCookies } from "../setup/login";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await createDemoUsers(handle.db);
});
afterAll(async () => {
  await handle.close();
});

/** Where a browser on http://localhost/login goes with this Location header. */
const origin = "http://localhost";
const destination = (location: string | null) => new URL(location!, `${origin}/login`);

// what a crafted link puts in ?redirectTo= arrives decoded in the hidden field, so these are the raw values
const hostile = ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/.//evil.example", " //evil.example", "https:evil.example", "javascript:alert(1)", "/\r\nSet-Cookie: x=1", "/\0"];

describe("login redirect", () => {
  it("sends the browser only to a path of our own origin, whatever redirectTo holds", async () => {
    for (const redirectTo of hostile) {
      const result = await callRoute(loginAction, { url: "/login", form: { loginId: "mhlw", password: demoPassword, redirectTo } });
      expect(result.status, JSON.stringify(redirectTo)).toBe(302);
      expect(destination(result.location).origin, JSON.stringify(redirectTo)).toBe(origin);
      expect(result.location, JSON.stringify(redirectTo)).toMatch(/^\/(?![/\\])/);
    }
  });

  it("keeps an ordinary path with its query", async () => {
    const result = await callRoute(loginAction, { url: "/login", form: { loginId: "mhlw", password: demoPassword, redirectTo: "/prefectures/31/supervision?fy=2025" } });
    expect(result.location).toBe("/prefectures/31/supervision?fy=2025");
  });

  it("sends a signed-in visitor of the login page to a same-origin path too", async () => {
    const { mhlw } = await demoSessionCookies(["mhlw"]);
    const result = await callRoute(loginLoader, { url: `/login?redirectTo=${encodeURIComponent("/\t/evil.example")}`, cookie: mhlw });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/");
  });

  it("lands each role on its own view when no page was asked for (or only the site root)", async () => {
    const landings = { mhlw: "/", "tottori-pref": "/prefectures/31", "tokyo-pref": "/prefectures/13", "tottori-city": "/municipalities/312011" };
    for (const [loginId, landing] of Object.entries(landings)) {
      const forms: Record<string, string>[] = [{ loginId, password: demoPassword }, { loginId, password: demoPassword, redirectTo: "" }, { loginId, password: demoPassword, redirectTo: "/" }];
      for (const form of forms) {
        const result = await callRoute(loginAction, { url: "/login", form });
        expect(result.location, JSON.stringify(form)).toBe(landing);
      }
    }
    const { "tottori-city": city } = await demoSessionCookies(["tottori-city"]);
    expect((await callRoute(loginLoader, { url: "/login", cookie: city })).location).toBe("/municipalities/312011");
  });

  it("keeps the page a prefecture official or municipal staff was sent away from", async () => {
    const result = await callRoute(loginAction, { url: "/login", form: { loginId: "tottori-city", password: demoPassword, redirectTo: "/uploads" } });
    expect(result.location).toBe("/uploads");
  });
});
