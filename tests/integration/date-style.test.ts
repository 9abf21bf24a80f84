import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { action as accountAction, loader as accountLoader } from "../../app/routes/account._index";
import { loader as rootLoader } from "../../app/root";
import { describeAuditEntry, auditEntryText } from "../../app/server/audit/entry";
import type { AuditRow } from "../../db/queries/audit";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";

let handle: DatabaseHandle;
let cookies: Record<string, string>;

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  cookies = await demoSessionCookies(["mhlw", "tottori-pref", "tottori-city"]);
});
afterAll(async () => {
  await handle.close();
});

type RootData = { printedOn: string; scopeLabel: string | null; user: { dateStyle: string } | null };
const root = async (who: string) => (await callRoute(rootLoader, { url: "/", cookie: cookies[who] })).data as RootData;
const auditRows = () =>
  queryRows<AuditRow>(
    handle.db,
    sql`select a.id, a.at::text as at, u.login_id, u.display_name, a.action, a.target, a.detail, a.client_address
        from audit_log a left join users u on u.id = a.user_id where a.action = 'account.date_style' order by a.id`,
  );

describe("the user's date style (西暦／和暦)", () => {
  it("starts as 西暦 and is handed to every page by the root loader, with the scope a print speaks for", async () => {
    const pref = await root("tottori-pref");
    expect(pref.user?.dateStyle).toBe("western");
    expect(pref.scopeLabel).toBe("鳥取県 担当者");
    // TSUNAGU_TODAY of the test configuration
    expect(pref.printedOn).toBe("2026-12-02");
    expect((await root("mhlw")).scopeLabel).toBe("厚生労働省 担当者");
    expect((await root("tottori-city")).scopeLabel).toBe("鳥取市 担当者");
    expect((await callRoute(rootLoader, { url: "/" })).data).toMatchObject({ user: null, scopeLabel: null });
  });

  it("is set on the account page, stored on the user and audited with what it was and became", async () => {
    const saved = await callRoute(accountAction, { url: "/account", cookie: cookies["tottori-pref"], form: { dateStyle: "japanese" }, clientAddress: "::ffff:127.0.0.1" });
    expect(saved).toMatchObject({ status: 302, location: "/account?saved" });
    expect((await root("tottori-pref")).user?.dateStyle).toBe("japanese");
    expect(((await callRoute(accountLoader, { url: "/account?saved", cookie: cookies["tottori-pref"] })).data as { dateStyle: string; saved: boolean })).toMatchObject({ dateStyle: "japanese", saved: true });
    // others keep theirs
    expect((await root("mhlw")).user?.dateStyle).toBe("western");

    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ login_id: "tottori-pref", target: "tottori-pref", detail: { from: "western", to: "japanese" }, client_address: "::ffff:127.0.0.1" });
    const described = describeAuditEntry(rows[0]!, { bodies: {} });
    expect(auditEntryText(described.sentence)).toContain("日付の表示を和暦に変更しました");

    // the same choice again changes nothing and writes no entry
    expect((await callRoute(accountAction, { url: "/account", cookie: cookies["tottori-pref"], form: { dateStyle: "japanese" } })).status).toBe(302);
    expect(await auditRows()).toHaveLength(1);
  });

  it("refuses a style outside the two with a Japanese message and changes nothing", async () => {
    const refused = await callRoute(accountAction, { url: "/account", cookie: cookies["tottori-city"], form: { dateStyle: "meiji" } });
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ formError: "日付の表示は「西暦」か「和暦」を選んでください" });
    const missing = await callRoute(accountAction, { url: "/account", cookie: cookies["tottori-city"], form: {} });
    expect(missing.status).toBe(400);
    expect((await root("tottori-city")).user?.dateStyle).toBe("western");
  });
});
