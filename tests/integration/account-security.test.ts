import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { action as loginAction } from "../../app/routes/login";
import { loader as indexLoader } from "../../app/routes/_index";
import { action as passwordAction, loader as passwordLoader } from "../../app/routes/account.password";
import { action as usersAction, loader as usersLoader } from "../../app/routes/admin.users";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { demoPassword } from "../../seeds/demo-users";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";
import { routeTestDatabase } from "../setup/route-database";

const ctx = routeTestDatabase(["mhlw", "tottori-pref", "tokyo-pref"]);
const { cookies } = ctx;

const login = (loginId: string, password: string, clientAddress: string, cookie?: string) =>
  callRoute(loginAction, { url: "/login", form: { loginId, password }, clientAddress, cookie });
const formError = (r: { data: unknown }) => (r.data as { formError: string }).formError;
const ageFailures = (loginId: string) => ctx.handle.db.execute(sql`update audit_log set at = at - interval '16 minutes' where target = ${loginId}`);

describe("login throttling", () => {
  it("locks a login id after 5 failures in 15 minutes, even against the right password, and lets it in again later", async () => {
    for (let i = 0; i < 5; i++) expect((await login("tottori-city", "wrong", "192.0.2.10")).status).toBe(401);
    const locked = await login("tottori-city", demoPassword, "192.0.2.11");
    expect(locked.status).toBe(429);
    expect(formError(locked)).toBe("ログインに続けて失敗したため、しばらくログインできません。15分ほどたってから、もう一度お試しください。");
    // the client is not locked for other accounts
    expect((await login("mhlw", demoPassword, "192.0.2.10")).status).toBe(302);
    const [audit] = await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from audit_log where action = 'login.locked' and target = 'tottori-city'`);
    expect(audit!.n).toBe(1);
    await ageFailures("tottori-city");
    expect((await login("tottori-city", demoPassword, "192.0.2.10")).status).toBe(302);
  });

  it("counts an account's failures only since its last successful login", async () => {
    for (let i = 0; i < 4; i++) await login("tottori-pref", "wrong", "192.0.2.20");
    expect((await login("tottori-pref", demoPassword, "192.0.2.20")).status).toBe(302);
    for (let i = 0; i < 4; i++) await login("tottori-pref", "wrong", "192.0.2.20");
    expect((await login("tottori-pref", demoPassword, "192.0.2.20")).status).toBe(302);
  });

  it("locks a client address after 20 failures across login ids", async () => {
    for (let i = 0; i < 20; i++) expect((await login(`guess${i}`, "wrong", "198.51.100.7")).status).toBe(401);
    expect((await login("tokyo-pref", demoPassword, "198.51.100.7")).status).toBe(429);
    expect((await login("tokyo-pref", demoPassword, "198.51.100.8")).status).toBe(302);
  });
});

describe("sessions at login", () => {
  it("ends the session a browser still carried when it logs in again", async () => {
    const first = (await login("mhlw", demoPassword, "192.0.2.30")).cookie!;
    expect((await callRoute(indexLoader, { url: "/", cookie: first })).status).not.toBe(302);
    const second = (await login("mhlw", demoPassword, "192.0.2.30", first)).cookie!;
    expect(second).not.toBe(first);
    expect((await callRoute(indexLoader, { url: "/", cookie: first })).location).toMatch(/^\/login/);
  });
});

describe("accounts", () => {
  const temporary = "kari-pass-2026-x";
  const chosen = "mori-no-komichi-7";

  it("lets a prefecture open an account for its municipality; the account must choose its own password first", async () => {
    const created = await callRoute(usersAction, {
      url: "/admin/users",
      cookie: cookies["tottori-pref"],
      form: { intent: "create", loginId: "yonago-city", displayName: "米子市 福祉課", role: "municipality", localGovernmentCode: "312029", password: temporary, passwordConfirm: temporary },
    });
    expect(created.status).toBe(302);
    const session = (await login("yonago-city", temporary, "192.0.2.40")).cookie!;
    // every page sends it to the password page until it has changed the password
    expect((await callRoute(indexLoader, { url: "/", cookie: session })).location).toBe("/account/password");
    expect((await callRoute(passwordLoader, { url: "/account/password", cookie: session })).data).toMatchObject({ mustChangePassword: true });
    const wrong = await callRoute(passwordAction, { url: "/account/password", cookie: session, form: { currentPassword: "nope", password: chosen, passwordConfirm: chosen } });
    expect(wrong.status).toBe(400);
    expect((wrong.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ currentPassword: ["現在のパスワードが正しくありません"] });
    const weak = await callRoute(passwordAction, { url: "/account/password", cookie: session, form: { currentPassword: temporary, password: "yonago-city-2026", passwordConfirm: "yonago-city-2026" } });
    expect((weak.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ password: ["ログインIDを含むパスワードは使えません"] });
    const changed = await callRoute(passwordAction, { url: "/account/password", cookie: session, form: { currentPassword: temporary, password: chosen, passwordConfirm: chosen } });
    expect(changed).toMatchObject({ status: 302, location: "/account/password?changed" });
    // the old session ended with the change; the new cookie works everywhere
    expect((await callRoute(indexLoader, { url: "/", cookie: session })).location).toMatch(/^\/login/);
    // logged in: the page answers, saying the database holds no statistics
    const page = await callRoute(indexLoader, { url: "/?fy=2021", cookie: changed.cookie! });
    expect([page.status, (page.data as { period: { hasData: boolean } }).period.hasData]).toEqual([200, false]);
  });

  it("refuses accounts outside the administrator's scope", async () => {
    const form = (extra: Record<string, string>) => ({ intent: "create", loginId: "x-user", displayName: "x", password: temporary, passwordConfirm: temporary, ...extra });
    const post = (loginId: string, fields: Record<string, string>) => callRoute(usersAction, { url: "/admin/users", cookie: cookies[loginId], form: fields });
    expect((await post("tottori-pref", form({ role: "prefecture", prefectureCode: "31" }))).status).toBe(403);
    expect((await post("tottori-pref", form({ role: "municipality", localGovernmentCode: "131016" }))).status).toBe(403);
    expect((await post("tottori-pref", form({ role: "municipality", localGovernmentCode: "310000" }))).status).toBe(403);
    expect((await post("mhlw", form({ role: "municipality", localGovernmentCode: "312029" }))).status).toBe(403);
    const taken = await post("mhlw", form({ role: "prefecture", prefectureCode: "31", loginId: "tottori-pref" }));
    expect((taken.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ loginId: ["このログインIDは既に使われています"] });
    expect((await post("mhlw", form({ role: "prefecture", prefectureCode: "31", loginId: "tottori-pref-2" }))).status).toBe(302);
    const cityId = async (loginId: string) => (await queryRows<{ id: number }>(ctx.handle.db, sql`select id from users where login_id = ${loginId}`))[0]!.id;
    // Tokyo cannot deactivate 鳥取県's municipality account; nobody may deactivate themselves
    expect((await post("tokyo-pref", { intent: "deactivate", id: String(await cityId("yonago-city")) })).status).toBe(403);
    expect((await post("tottori-pref", { intent: "deactivate", id: String(await cityId("tottori-pref")) })).status).toBe(403);
    expect((await callRoute(usersLoader, { url: "/admin/users", cookie: (await demoSessionCookies(["tottori-city"]))["tottori-city"] })).status).toBe(403);
  });

  it("logs a deactivated account out at once and keeps it out", async () => {
    const session = (await login("yonago-city", chosen, "192.0.2.41")).cookie!;
    const id = (await queryRows<{ id: number }>(ctx.handle.db, sql`select id from users where login_id = 'yonago-city'`))[0]!.id;
    expect((await callRoute(usersAction, { url: "/admin/users", cookie: cookies["tottori-pref"], form: { intent: "deactivate", id: String(id) } })).status).toBe(302);
    expect((await callRoute(indexLoader, { url: "/", cookie: session })).location).toMatch(/^\/login/);
    expect((await login("yonago-city", chosen, "192.0.2.41")).status).toBe(401);
  });

  it("shows the audit log in full to MHLW and to a prefecture only what its accounts did", async () => {
    const actions = async (loginId: string) =>
      ((await callRoute(auditLoader, { url: "/admin/audit", cookie: cookies[loginId] })).data as { entries: { loginId: string | null; action: string }[] }).entries;
    const all = await actions("mhlw");
    expect(all.map((e) => e.action)).toEqual(expect.arrayContaining(["user.create", "user.deactivate", "password.change", "login.locked", "login.failed"]));
    const tottori = await actions("tottori-pref");
    expect(new Set(tottori.map((e) => e.loginId))).toEqual(new Set(["tottori-pref", "tottori-city", "yonago-city"]));
    expect(tottori.some((e) => e.action === "user.deactivate")).toBe(true);
    const tokyo = await actions("tokyo-pref");
    expect(tokyo.every((e) => e.loginId === "tokyo-pref")).toBe(true);
    const filtered = (await callRoute(auditLoader, { url: "/admin/audit?category=user", cookie: cookies.mhlw })).data as { entries: { action: string }[] };
    expect(new Set(filtered.entries.map((e) => e.action))).toEqual(new Set(["user.create", "user.deactivate"]));
  });
});
