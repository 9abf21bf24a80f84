import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, installDatabaseHandle, type DatabaseHandle } from "../../db";
import { sessions } from "../../db/schema";
import { getOptionalUser, requireRole, requireUser } from "../../app/server/auth/session.server";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { loader as indexLoader } from "../../app/routes/_index";
import { createDemoUsers, demoPassword } from "../../seeds/demo-users";
import { createTestDatabase } from "../setup/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await createDemoUsers(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const base = "http://localhost";
function loginRequest(fields: Record<string, string>) {
  return new Request(`${base}/login`, { method: "POST", body: new URLSearchParams(fields) });
}
function withCookie(path: string, cookie: string, init: RequestInit = {}) {
  return new Request(`${base}${path}`, { ...init, headers: { Cookie: cookie } });
}
async function logIn(loginId: string): Promise<string> {
  const response = (await loginAction({ request: loginRequest({ loginId, password: demoPassword }), params: {}, context: {} })) as Response;
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}

describe("login", () => {
  it("logs each demo role in with an httpOnly, SameSite=Lax session cookie", async () => {
    for (const [loginId, role] of [
      ["mhlw", "mhlw"],
      ["tottori-pref", "prefecture"],
      ["tottori-city", "municipality"],
    ] as const) {
      const response = (await loginAction({
        request: loginRequest({ loginId, password: demoPassword, redirectTo: "/prefectures" }),
        params: {},
        context: {},
      })) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/prefectures");
      const setCookie = response.headers.get("Set-Cookie")!;
      expect(setCookie).toMatch(/^__session=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      const user = await getOptionalUser(withCookie("/", setCookie.split(";")[0]!));
      expect(user?.role).toBe(role);
    }
  });

  it("refuses a wrong password in Japanese, sets no cookie and audits the attempt", async () => {
    const result = (await loginAction({ request: loginRequest({ loginId: "mhlw", password: "wrong" }), params: {}, context: {} })) as unknown as {
      data: { formError: string };
      init: { status: number; headers?: HeadersInit };
    };
    expect(result.init.status).toBe(401);
    expect(result.data.formError).toBe("ログインIDまたはパスワードが正しくありません。");
    expect(new Headers(result.init.headers).get("Set-Cookie")).toBeNull();
    const [failed] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from audit_log where action = 'login.failed' and target = 'mhlw'`,
    );
    expect(failed!.n).toBe(1);
  });

  it("answers an unknown login id exactly like a wrong password", async () => {
    const result = (await loginAction({ request: loginRequest({ loginId: "nobody", password: "x" }), params: {}, context: {} })) as unknown as {
      data: { formError: string };
      init: { status: number };
    };
    expect(result.init.status).toBe(401);
    expect(result.data.formError).toBe("ログインIDまたはパスワードが正しくありません。");
  });

  it("reports empty fields per field", async () => {
    const result = (await loginAction({ request: loginRequest({ loginId: "", password: "" }), params: {}, context: {} })) as unknown as {
      data: { fieldErrors: Record<string, string[]> };
      init: { status: number };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({ loginId: ["ログインIDを入力してください"], password: ["パスワードを入力してください"] });
  });

  it("never redirects off-site after login", async () => {
    const response = (await loginAction({
      request: loginRequest({ loginId: "mhlw", password: demoPassword, redirectTo: "//evil.example/" }),
      params: {},
      context: {},
    })) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });

  it("sends a logged-in user away from the login page", async () => {
    const cookie = await logIn("mhlw");
    await expect(loginLoader({ request: withCookie("/login", cookie), params: {}, context: {} })).rejects.toMatchObject({ status: 302 });
  });
});

describe("sessions", () => {
  it("sends anonymous visitors to the login page, remembering where they were going", async () => {
    const thrown = await indexLoader({ request: new Request(`${base}/?fy=2021`), params: {}, context: {} }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2F%3Ffy%3D2021");
  });

  it("ends the session on the server at logout, so the old cookie stops working", async () => {
    const cookie = await logIn("tottori-pref");
    expect((await requireUser(withCookie("/", cookie))).loginId).toBe("tottori-pref");
    const response = (await logoutAction({ request: withCookie("/logout", cookie, { method: "POST" }), params: {}, context: {} })) as Response;
    expect(response.headers.get("Location")).toBe("/login");
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    await expect(requireUser(withCookie("/", cookie))).rejects.toMatchObject({ status: 302 });
  });

  it("gives every login a new session id", async () => {
    const first = await logIn("mhlw");
    const second = await logIn("mhlw");
    expect(first).not.toBe(second);
  });

  it("rejects expired sessions and forged cookies", async () => {
    const cookie = await logIn("tottori-city");
    await handle.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(sql`true`);
    await expect(requireUser(withCookie("/", cookie))).rejects.toMatchObject({ status: 302 });
    await expect(requireUser(withCookie("/", "__session=forged"))).rejects.toMatchObject({ status: 302 });
  });

  it("refuses a role that is not allowed with 403", async () => {
    const cookie = await logIn("tottori-city");
    await expect(requireRole(withCookie("/", cookie), ["mhlw"])).rejects.toMatchObject({ status: 403 });
    const mhlw = await logIn("mhlw");
    expect((await requireRole(withCookie("/", mhlw), ["mhlw"])).role).toBe("mhlw");
    const rows = await handle.db.select().from(sessions).where(eq(sessions.userId, 1));
    expect(rows.length).toBeGreaterThan(0);
  });
});
