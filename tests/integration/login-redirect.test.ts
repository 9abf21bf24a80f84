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
});
