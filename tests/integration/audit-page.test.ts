import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { loader } from "../../app/routes/admin.audit";
import { loader as downloadLoader } from "../../app/routes/admin.audit.download";
import { auditCsvChunks } from "../../app/server/pages/audit-log.server";
import { action as supervisionAction } from "../../app/routes/prefectures.$code_.supervision";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";
import { auditActionGroups, auditActionLabels } from "../../app/server/audit/labels";

let handle: DatabaseHandle;
let cookies: Record<string, string>;

type Entry = { time: string; actor: string; actionLabel: string; sentence: (string | { text: string; href: string })[]; client: string; action: string; loginId: string | null };
const sentenceText = (e: Entry) => e.sentence.map((s) => (typeof s === "string" ? s : s.text)).join("");

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  cookies = await demoSessionCookies(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]);
  const created = await callRoute(supervisionAction, {
    url: "/prefectures/31/supervision",
    params: { code: "31" },
    cookie: cookies["tottori-pref"],
    clientAddress: "::ffff:127.0.0.1",
    form: { intent: "create", localGovernmentCode: "312011", contactedOn: "2026-12-01", form: "phone_email", content: "電話で相談", responder: "担当" },
  });
  expect(created.status).toBe(302);
  // a fixed instant, and an account whose name a spreadsheet would read as a formula
  await handle.db.execute(sql`insert into audit_log (at, user_id, action, target, client_address)
    values ('2026-12-02T05:05:09Z', (select id from users where login_id = 'tokyo-pref'), 'password.change', 'tokyo-pref', '2001:db8:85a3::8a2e:370:7334')`);
  await handle.db.execute(sql`insert into users (login_id, display_name, role, prefecture_code, password_hash) values ('tokyo-evil', '=HYPERLINK("http://x")', 'prefecture', '13', 'x')`);
  await handle.db.execute(sql`insert into audit_log (user_id, action, target) values ((select id from users where login_id = 'tokyo-evil'), 'login.succeeded', 'tokyo-evil')`);
});
afterAll(async () => {
  await handle.close();
});

const page = async (loginId: string, query = "") => {
  const result = await callRoute(loader, { url: `/admin/audit${query}`, cookie: cookies[loginId] });
  return { status: result.status, data: result.data as { entries: Entry[]; users: { loginId: string; name: string }[] } | null };
};
const csv = async (loginId: string, query = "") => {
  const response = await downloadLoader({ request: new Request(`http://localhost/admin/audit/download${query}`, { headers: { Cookie: cookies[loginId]! } }), params: {}, context: {} }).catch((e: unknown) => e as Response);
  return response as Response;
};

describe("audit log page", () => {
  it("shows each entry as a Japanese sentence with links, Japan time and a readable address", async () => {
    const { data } = await page("mhlw", "?action=supervision.create");
    expect(data!.entries).toHaveLength(1);
    const entry = data!.entries[0]!;
    expect(sentenceText(entry)).toBe("鳥取県 福祉保健課（デモ）（tottori-pref）が 鳥取市 のスーパーバイズ記録（2026年12月1日・電話・メール）を追加しました");
    expect(entry.sentence.filter((s) => typeof s !== "string")).toEqual([
      { text: "鳥取市", href: "/municipalities/312011" },
      { text: "スーパーバイズ記録", href: "/prefectures/31/supervision" },
    ]);
    expect(entry.client).toBe("127.0.0.1");
    expect(entry.actionLabel).toBe("スーパーバイズの記録");
    expect(entry.time).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/);
  });

  it("writes the stored instant in Japan time (UTC 05:05:09 is 14:05:09) and keeps IPv6 addresses whole", async () => {
    const { data } = await page("mhlw", "?action=password.change&loginId=tokyo-pref");
    expect(data!.entries.map((e) => [e.time, sentenceText(e), e.client])).toEqual([
      ["2026年12月2日 14:05:09", "東京都 生活福祉部（デモ）（tokyo-pref）がパスワードを変更しました", "2001:db8:85a3::8a2e:370:7334"],
    ]);
  });

  it("filters by a single action and by user, and offers every action by its label in its category", async () => {
    const logins = (await page("mhlw", "?action=login.succeeded")).data!.entries;
    expect(new Set(logins.map((e) => e.action))).toEqual(new Set(["login.succeeded"]));
    expect(logins.map((e) => e.loginId).sort()).toEqual(["mhlw", "tokyo-evil", "tokyo-pref", "tottori-city", "tottori-pref"]);
    const city = (await page("mhlw", "?loginId=tottori-city")).data!.entries;
    expect(city.map((e) => [e.loginId, e.action])).toEqual([["tottori-city", "login.succeeded"]]);
    const filtered = await callRoute(loader, { url: "/admin/audit?category=&action=login.succeeded&loginId=mhlw&from=&to=", cookie: cookies.mhlw });
    expect((filtered.data as { downloadHref: string }).downloadHref).toBe("/admin/audit/download?action=login.succeeded&loginId=mhlw");
    const combined = (await page("mhlw", "?category=login&action=supervision.create")).data!.entries;
    expect(combined).toEqual([]);
    expect(auditActionGroups.find((g) => g.id === "record")!.actions).toContainEqual({ value: "supervision.create", label: "スーパーバイズの記録" });
    expect(auditActionGroups.flatMap((g) => g.actions)).toHaveLength(Object.keys(auditActionLabels).length);
  });

  it("ignores an unknown action or category instead of failing", async () => {
    const { status, data } = await page("mhlw", "?action=drop.table&category=nope");
    expect(status).toBe(200);
    expect(data!.entries.length).toBe(8);
  });

  it("suggests the login ids of the accounts in scope for the user filter", async () => {
    expect((await page("tokyo-pref")).data!.users).toEqual([
      { loginId: "tokyo-evil", name: '=HYPERLINK("http://x")' },
      { loginId: "tokyo-pref", name: "東京都 生活福祉部（デモ）" },
    ]);
    expect((await page("mhlw")).data!.users.map((u) => u.loginId)).toEqual(["mhlw", "tokyo-evil", "tokyo-pref", "tottori-city", "tottori-pref"]);
  });

  it("keeps a prefecture to its own accounts", async () => {
    const tokyo = (await page("tokyo-pref")).data!.entries;
    expect(new Set(tokyo.map((e) => e.loginId))).toEqual(new Set(["tokyo-pref", "tokyo-evil"]));
    expect((await page("tottori-city")).status).toBe(403);
  });
});

describe("audit log CSV", () => {
  it("downloads the filtered list as UTF-8 with a BOM, sentences in Japanese, formulas neutralised", async () => {
    const response = await csv("mhlw", "?loginId=tokyo-evil");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("filename*=UTF-8''%E6%93%8D%E4%BD%9C%E5%B1%A5%E6%AD%B4.csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe("日時（日本時間）,利用者,ログインID,操作,内容,接続元");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2},"'=HYPERLINK\(""http:\/\/x""\)",tokyo-evil,ログイン,"'=HYPERLINK\(""http:\/\/x""\)（tokyo-evil）がログインしました",－$/);
    expect(lines[2]).toBe("");
  });

  it("applies the same scope and filters as the page", async () => {
    const text = async (loginId: string, query: string) => new TextDecoder().decode(await (await csv(loginId, query)).arrayBuffer());
    const tokyo = await text("tokyo-pref", "?action=supervision.create");
    expect(tokyo.split("\r\n")).toHaveLength(2);
    const mhlw = await text("mhlw", "?action=supervision.create");
    expect(mhlw).toContain("鳥取県 福祉保健課（デモ）（tottori-pref）が 鳥取市 のスーパーバイズ記録（2026年12月1日・電話・メール）を追加しました,127.0.0.1");
    expect((await csv("tottori-city")).status).toBe(403);
    const anonymous = await downloadLoader({ request: new Request("http://localhost/admin/audit/download"), params: {}, context: {} }).catch((e: unknown) => e as Response);
    expect([anonymous.status, anonymous.headers.get("Location")]).toEqual([302, "/login?redirectTo=%2Fadmin%2Faudit%2Fdownload"]);
    const rows = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log`);
    expect((await text("mhlw", "")).split("\r\n")).toHaveLength(rows[0]!.n + 2);
  });

  it("reads the log as it was when the download began, page after page, even while new entries arrive", async () => {
    const chunks = auditCsvChunks(handle.db, { prefectureCode: null }, { action: "login.succeeded" }, 2);
    const lines: string[] = [];
    const next = async () => {
      const chunk = await chunks.next();
      if (!chunk.done) lines.push(...chunk.value.split("\r\n").filter((l) => l !== ""));
      return chunk.done;
    };
    await next(); // the header
    await next(); // the two newest logins
    await handle.db.execute(sql`insert into audit_log (user_id, action, target) values ((select id from users where login_id = 'mhlw'), 'login.succeeded', 'mhlw')`);
    while (!(await next()));
    expect(lines).toHaveLength(1 + 5);
    expect(new Set(lines).size).toBe(6);
    expect(lines.slice(1).map((l) => l.split(",")[2]).sort()).toEqual(["mhlw", "tokyo-evil", "tokyo-pref", "tottori-city", "tottori-pref"]);
  });
});
