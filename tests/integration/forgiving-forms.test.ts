import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { supervisionContacts } from "../../db/schema";
import { action as supervisionAction, loader as supervisionLoader } from "../../app/routes/prefectures.$code_.supervision";
import { loader as supervisionDownload } from "../../app/routes/prefectures.$code_.supervision.download";
import { action as trainingAction, loader as trainingLoader } from "../../app/routes/prefectures.$code_.training";
import { action as supportAction, loader as supportLoader } from "../../app/routes/prefectures.$code_.support";
import { action as usersAction, loader as usersLoader } from "../../app/routes/admin.users";
import { callRoute } from "../setup/routes";
import { routeTestDatabase } from "../setup/route-database";

const ctx = routeTestDatabase(["mhlw", "tottori-pref"]);
const { cookies } = ctx;

const count = async (table: string) => (await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
const lastAudit = async (action: string) =>
  (await queryRows<{ target: string; detail: Record<string, unknown> }>(ctx.handle.db, sql`select target, detail from audit_log where action = ${action} order by id desc limit 1`))[0];

describe("supervision form: post/redirect/get, duplicates, confirmed deletion", () => {
  const url = "/prefectures/31/supervision?fy=2026";
  const post = (form: Record<string, string>, at = url) => callRoute(supervisionAction, { url: at, params: { code: "31" }, cookie: cookies["tottori-pref"], form });
  const view = async (at: string) => (await callRoute(supervisionLoader, { url: at, params: { code: "31" }, cookie: cookies["tottori-pref"] })).data as Record<string, unknown>;
  const contact = { intent: "create", localGovernmentCode: "312045", contactedOn: "2026-06-01", form: "visit", content: "初回訪問", responder: "担当" };

  it("redirects to the same view with ?saved=created, and the page then says 記録しました", async () => {
    expect(await post(contact)).toMatchObject({ status: 302, location: "/prefectures/31/supervision?fy=2026&saved=created" });
    expect((await view("/prefectures/31/supervision?fy=2026&saved=created")).savedMessage).toBe("記録しました");
    expect((await view(url)).savedMessage).toBeUndefined();
  });

  it("refuses the same contact twice with a Japanese message (400, not 500), keeping one row", async () => {
    const again = await post(contact);
    expect(again.status).toBe(400);
    expect((again.data as { formError: string }).formError).toBe("同じ自治体・実施日・形態・内容の記録がすでにあります");
    expect(await count("supervision_contacts")).toBe(1);
  });

  it("asks for confirmation before deleting, and audits the deleted record with its content", async () => {
    const [row] = await queryRows<{ id: number }>(ctx.handle.db, sql`select id from supervision_contacts`);
    const id = String(row!.id);
    // a one-click post (old page, script) does not delete: it goes to the confirmation step
    expect(await post({ intent: "delete", id })).toMatchObject({ status: 302, location: `/prefectures/31/supervision?fy=2026&confirm=${id}#confirm-step` });
    expect(await count("supervision_contacts")).toBe(1);
    expect((await view(`/prefectures/31/supervision?fy=2026&confirm=${id}`)).confirming).toMatchObject({ id: Number(id), contactedOn: "2026-06-01", content: "初回訪問" });
    expect(await post({ intent: "delete", id, confirmed: "yes" }, `/prefectures/31/supervision?fy=2026&confirm=${id}`)).toMatchObject({
      status: 302,
      location: "/prefectures/31/supervision?fy=2026&saved=deleted",
    });
    expect(await count("supervision_contacts")).toBe(0);
    expect(await lastAudit("supervision.delete")).toMatchObject({ target: id, detail: { contactedOn: "2026-06-01", content: "初回訪問", localGovernmentCode: "312045" } });
  });

  it("pages the log 50 at a time, keeping the filter", async () => {
    // 120 contacts with 312045 on consecutive days from 2025-04-01, and 3 with another body that the filter leaves out
    const day = (n: number) => new Date(Date.UTC(2025, 3, 1 + n)).toISOString().slice(0, 10);
    await ctx.handle.db.insert(supervisionContacts).values([
      ...Array.from({ length: 120 }, (_, i) => ({ prefectureCode: "31", localGovernmentCode: "312045", contactedOn: day(i), form: "phone_email", content: `連絡${i}` })),
      ...Array.from({ length: 3 }, (_, i) => ({ prefectureCode: "31", localGovernmentCode: "312011", contactedOn: day(i), form: "phone_email", content: `他${i}` })),
    ]);
    const second = await view("/prefectures/31/supervision?fy=2025&body=312045&page=2");
    const contacts = second.contacts as { contactedOn: string }[];
    // newest first: page 2 holds the 51st to the 100th newest, i.e. days 69 down to 20
    expect(contacts).toHaveLength(50);
    expect(contacts[0]!.contactedOn).toBe(day(69));
    expect(contacts[49]!.contactedOn).toBe(day(20));
    expect(second.paging).toEqual({ page: 2, pages: 3, total: 120, perPage: 50 });
    const last = await view("/prefectures/31/supervision?fy=2025&body=312045&page=3");
    expect((last.contacts as unknown[]).length).toBe(20);
    // a page past the end shows the last page, not an empty table
    expect((await view("/prefectures/31/supervision?fy=2025&body=312045&page=9")).paging).toEqual({ page: 3, pages: 3, total: 120, perPage: 50 });
  });

  it("downloads the whole filtered log as CSV, not the page on screen", async () => {
    const page = await view("/prefectures/31/supervision?fy=2025&body=312045&page=2");
    expect(page.downloadHref).toBe("/prefectures/31/supervision/download?body=312045");
    const response = (await supervisionDownload({
      request: new Request("http://localhost/prefectures/31/supervision/download?body=312045", { headers: { Cookie: cookies["tottori-pref"]! } }),
      params: { code: "31" },
      context: {},
    })) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    // the header and the 120 contacts with 境港市 (312045), newest first; the other body's 3 are filtered out
    expect(lines).toHaveLength(1 + 120);
    expect(lines[0]).toBe("実施日,自治体コード,対象自治体,形態,内容,対応者");
    expect(lines[1]).toBe(`${new Date(Date.UTC(2025, 3, 1 + 119)).toISOString().slice(0, 10)},312045,境港市,電話・メール,連絡119,`);
    // an anonymous request goes to the login page
    const anonymous = await callRoute(supervisionDownload, { url: "/prefectures/31/supervision/download", params: { code: "31" } });
    expect(anonymous.status).toBe(302);
  });
});

describe("training form: every error at once, duplicates, confirmed deletion", () => {
  const url = "/prefectures/31/training?fy=2025";
  const post = (form: Record<string, string>) => callRoute(trainingAction, { url, params: { code: "31" }, cookie: cookies["tottori-pref"], form });
  const session = { intent: "create", heldOn: "2025-10-20", title: "人材養成研修（後期）", kind: "latter_term", hours: "10.5", "participants.312011.consultant": "2" };

  it("shows the 10.5-hour rule together with the other field errors", async () => {
    const result = await post({ intent: "create", heldOn: "", title: "", kind: "latter_term", hours: "6", "participants.312011.consultant": "二" });
    expect(result.status).toBe(400);
    expect((result.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      heldOn: ["開催日を入力してください"],
      title: ["研修名を入力してください"],
      hours: ["後期研修は10.5時間以上必要です（入力は6時間）"],
      "participants.312011.consultant": ["参加人数は0〜999の整数で入力してください"],
    });
  });

  it("redirects with ?saved=created and refuses the same session twice (one row)", async () => {
    expect(await post(session)).toMatchObject({ status: 302, location: "/prefectures/31/training?fy=2025&saved=created" });
    const page = (await callRoute(trainingLoader, { url: `${url}&saved=created`, params: { code: "31" }, cookie: cookies["tottori-pref"] })).data as { savedMessage?: string };
    expect(page.savedMessage).toBe("記録しました");
    const again = await post(session);
    expect(again.status).toBe(400);
    expect((again.data as { formError: string }).formError).toBe("同じ開催日・研修名・種別の研修がすでに記録されています");
    expect(await count("training_sessions")).toBe(1);
  });

  it("asks for confirmation before deleting, and audits the session with its participants", async () => {
    const [row] = await queryRows<{ id: number }>(ctx.handle.db, sql`select id from training_sessions`);
    const id = String(row!.id);
    expect(await post({ intent: "delete", id })).toMatchObject({ status: 302, location: `/prefectures/31/training?fy=2025&confirm=${id}#confirm-step` });
    expect(await count("training_sessions")).toBe(1);
    const page = (await callRoute(trainingLoader, { url: `${url}&confirm=${id}`, params: { code: "31" }, cookie: cookies["tottori-pref"] })).data as { confirming: unknown };
    expect(page.confirming).toMatchObject({ id: Number(id), title: "人材養成研修（後期）", heldOn: "2025-10-20" });
    expect(await post({ intent: "delete", id, confirmed: "yes" })).toMatchObject({ status: 302, location: "/prefectures/31/training?fy=2025&saved=deleted" });
    expect(await count("training_sessions")).toBe(0);
    expect(await lastAudit("training_session.delete")).toMatchObject({
      target: id,
      detail: { title: "人材養成研修（後期）", heldOn: "2025-10-20", participants: [{ localGovernmentCode: "312011", role: "consultant", participants: 2 }] },
    });
  });
});

describe("support answers and accounts: post/redirect/get with a message", () => {
  it("saves the support answers and says so", async () => {
    const saved = await callRoute(supportAction, { url: "/prefectures/31/support", params: { code: "31" }, cookie: cookies["tottori-pref"], form: { fiscalYear: "2025", prefecture_training: "yes" } });
    expect(saved).toMatchObject({ status: 302, location: "/prefectures/31/support?fy=2025&saved=updated" });
    const page = (await callRoute(supportLoader, { url: saved.location!, params: { code: "31" }, cookie: cookies["tottori-pref"] })).data as { savedMessage?: string };
    expect(page.savedMessage).toBe("回答を保存しました");
  });

  it("creates an account, redirects with ?saved=created and names it", async () => {
    const password = "kari-pass-2026-x";
    const created = await callRoute(usersAction, {
      url: "/admin/users",
      cookie: cookies["tottori-pref"],
      form: { intent: "create", loginId: "yonago.city_1", displayName: "米子市 福祉課", role: "municipality", localGovernmentCode: "312029", password, passwordConfirm: password },
    });
    expect(created).toMatchObject({ status: 302, location: "/admin/users?saved=created" });
    const page = (await callRoute(usersLoader, { url: created.location!, cookie: cookies["tottori-pref"] })).data as { savedMessage?: string };
    expect(page.savedMessage).toBe("アカウントを作成しました");
  });
});
