import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { action as loginAction } from "../../app/routes/login";
import { action as passwordAction } from "../../app/routes/account.password";
import { demoPassword } from "../../seeds/demo-users";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const chosen = "kawa-no-nagare-2026";
const changePassword = (cookie: string, currentPassword: string, clientAddress: string) =>
  callRoute(passwordAction, { url: "/account/password", cookie, clientAddress, form: { currentPassword, password: chosen, passwordConfirm: chosen } });
const login = (loginId: string, password: string, clientAddress: string) => callRoute(loginAction, { url: "/login", form: { loginId, password }, clientAddress });
const formError = (r: { data: unknown }) => (r.data as { formError?: string }).formError;
const auditCount = async (action: string, loginId: string) =>
  (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action = ${action} and target = ${loginId}`))[0]!.n;

describe("current-password check on /account/password", () => {
  it("counts wrong current passwords like failed logins: after 5 in 15 minutes it refuses even the right one, and login too", async () => {
    const { "tottori-city": session } = await demoSessionCookies(["tottori-city"]);
    for (let i = 0; i < 5; i++) expect((await changePassword(session!, `wrong-${i}`, "192.0.2.30")).status).toBe(400);
    expect(await auditCount("password.change_failed", "tottori-city")).toBe(5);

    const locked = await changePassword(session!, demoPassword, "192.0.2.31");
    expect(locked.status).toBe(429);
    expect(formError(locked)).toBe("パスワードの確認に続けて失敗したため、しばらく変更できません。15分ほどたってから、もう一度お試しください。");
    expect(await auditCount("password.change", "tottori-city")).toBe(0);
    expect(await auditCount("login.locked", "tottori-city")).toBe(1);
    // the same count locks the login id
    expect((await login("tottori-city", demoPassword, "192.0.2.32")).status).toBe(429);

    await handle.db.execute(sql`update audit_log set at = at - interval '16 minutes' where target = 'tottori-city'`);
    expect(await changePassword(session!, demoPassword, "192.0.2.30")).toMatchObject({ status: 302, location: "/account/password?changed" });
  });

  it("counts failed logins towards the password page's limit as well", async () => {
    const { "tottori-pref": session } = await demoSessionCookies(["tottori-pref"]);
    for (let i = 0; i < 4; i++) expect((await login("tottori-pref", "wrong", "192.0.2.40")).status).toBe(401);
    expect((await changePassword(session!, "wrong", "192.0.2.41")).status).toBe(400);
    expect((await changePassword(session!, demoPassword, "192.0.2.41")).status).toBe(429);
  });
});
