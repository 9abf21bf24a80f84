import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { trainingSessions } from "../../db/schema";
import { action as trainingAction, loader as trainingLoader } from "../../app/routes/prefectures.$code_.training";
import { action as supportAction, loader as supportLoader } from "../../app/routes/prefectures.$code_.support";
import { callRoute } from "../setup/routes";
import { routeTestDatabase } from "../setup/route-database";

const ctx = routeTestDatabase(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]);
const { cookies } = ctx;

const count = async (table: string) => (await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
const auditActions = async () => (await queryRows<{ action: string }>(ctx.handle.db, sql`select action from audit_log where action not like 'login.%' and action <> 'master.import' order by id`)).map((r) => r.action);

describe("training sessions by role", () => {
  const post = (loginId: string, form: Record<string, string>) => callRoute(trainingAction, { url: "/prefectures/31/training?fy=2025", params: { code: "31" }, cookie: cookies[loginId], form });
  const latterTerm = {
    intent: "create",
    heldOn: "2025-10-20",
    title: "人材養成研修（後期）",
    kind: "latter_term",
    hours: "10.5",
    "participants.312011.consultant": "2",
    "participants.312029.chief_consultant": "1",
  };

  it("records a 後期研修 with its participants for the prefecture's own official only", async () => {
    const created = await post("tottori-pref", latterTerm);
    expect(created).toMatchObject({ status: 302, location: "/prefectures/31/training?fy=2025&saved=created" });
    for (const other of ["tokyo-pref", "mhlw", "tottori-city"]) expect((await post(other, latterTerm)).status, other).toBe(403);
    expect(await count("training_sessions")).toBe(1);
    const participants = await queryRows<{ local_government_code: string; role: string; participants: number }>(
      ctx.handle.db,
      sql`select local_government_code, role, participants from training_session_participants order by local_government_code`,
    );
    expect(participants).toEqual([
      { local_government_code: "312011", role: "consultant", participants: 2 },
      { local_government_code: "312029", role: "chief_consultant", participants: 1 },
    ]);
  });

  it("shows the session and the 後期 participants on the page, and the write actions only to the prefecture", async () => {
    const view = async (loginId: string) =>
      (await callRoute(trainingLoader, { url: "/prefectures/31/training?fy=2025", params: { code: "31" }, cookie: cookies[loginId] })).data as {
        canRecord: boolean;
        sessions: { title: string; participants: number }[];
        bodies: { code: string; recordedLatterTerm: number }[] | null;
      };
    const own = await view("tottori-pref");
    expect(own.canRecord).toBe(true);
    expect(own.sessions.map((s) => [s.title, s.participants])).toEqual([["人材養成研修（後期）", 3]]);
    expect(own.bodies!.find((b) => b.code === "312011")!.recordedLatterTerm).toBe(2);
    const other = await view("tokyo-pref");
    expect(other.canRecord).toBe(false);
    expect(other.bodies).toBeNull(); // another prefecture reads the sessions, not the body-by-body figures
    expect((await view("mhlw")).canRecord).toBe(false);
  });

  it("answers a 後期研修 under 10.5 hours and bad fields with 400 and Japanese messages, writing nothing", async () => {
    const result = await post("tottori-pref", { ...latterTerm, hours: "6", title: "", "participants.312011.consultant": "二" });
    expect(result.status).toBe(400);
    expect((result.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      title: ["研修名を入力してください"],
      hours: ["後期研修は10.5時間以上必要です（入力は6時間）"],
      "participants.312011.consultant": ["参加人数は0〜999の整数で入力してください"],
    });
    const short = await post("tottori-pref", { ...latterTerm, hours: "6" });
    expect((short.data as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({ hours: ["後期研修は10.5時間以上必要です（入力は6時間）"] });
    expect(await count("training_sessions")).toBe(1);
  });

  it("refuses participants from another prefecture and another prefecture's session, writing nothing", async () => {
    const foreign = await post("tottori-pref", { ...latterTerm, "participants.131016.consultant": "1" });
    expect(foreign.status).toBe(403);
    expect((foreign.data as { formError: string }).formError).toBe("参加者はこの都道府県の実施主体から入力してください");
    const [tokyoSession] = await ctx.handle.db
      .insert(trainingSessions)
      .values({ prefectureCode: "13", heldOn: "2025-10-01", fiscalYear: 2025, title: "東京都の研修", kind: "other", hours: 2 })
      .returning();
    expect((await post("tottori-pref", { ...latterTerm, intent: "update", id: String(tokyoSession!.id) })).status).toBe(403);
    expect((await post("tottori-pref", { intent: "delete", id: String(tokyoSession!.id), confirmed: "yes" })).status).toBe(403);
    expect(await count("training_sessions")).toBe(2);
    expect(await count("training_session_participants")).toBe(2);
  });

  it("edits and deletes its own session, and audits every change", async () => {
    const [own] = await queryRows<{ id: number }>(ctx.handle.db, sql`select id from training_sessions where prefecture_code = '31'`);
    const updated = await post("tottori-pref", { ...latterTerm, intent: "update", id: String(own!.id), hours: "12", "participants.312029.chief_consultant": "" });
    expect(updated.status).toBe(302);
    const [row] = await queryRows<{ hours: string; n: number }>(
      ctx.handle.db,
      sql`select s.hours, (select count(*)::int from training_session_participants p where p.session_id = s.id) as n from training_sessions s where s.id = ${own!.id}`,
    );
    expect([Number(row!.hours), row!.n]).toEqual([12, 1]);
    expect((await post("tottori-pref", { intent: "delete", id: String(own!.id), confirmed: "yes" })).status).toBe(302);
    expect(await auditActions()).toEqual(["training_session.create", "training_session.update", "training_session.delete"]);
  });
});

describe("prefecture support answers by role", () => {
  const post = (loginId: string, form: Record<string, string>) => callRoute(supportAction, { url: "/prefectures/31/support", params: { code: "31" }, cookie: cookies[loginId], form });

  it("saves the prefecture's answers for a year, refuses everyone else, and validates the year", async () => {
    const answers = { fiscalYear: "2025", prefecture_training: "yes", supervision_for_staff: "yes" };
    expect(await post("tottori-pref", answers)).toMatchObject({ status: 302, location: "/prefectures/31/support?fy=2025&saved=updated" });
    for (const other of ["tokyo-pref", "mhlw", "tottori-city"]) expect((await post(other, answers)).status, other).toBe(403);
    const bad = await post("tottori-pref", { fiscalYear: "1999" });
    expect(bad.status).toBe(400);
    expect((bad.data as { fieldErrors: Record<string, string[]> }).fieldErrors.fiscalYear).toEqual(["年度は平成27年度から今年度までの間で選んでください"]);
    const rows = await queryRows<{ prefecture_code: string; n: number; yes: number }>(
      ctx.handle.db,
      sql`select prefecture_code, count(*)::int as n, count(*) filter (where implemented)::int as yes from prefecture_support_activities group by prefecture_code`,
    );
    expect(rows).toEqual([{ prefecture_code: "31", n: 12, yes: 2 }]);
    const page = (await callRoute(supportLoader, { url: "/prefectures/31/support?fy=2025", params: { code: "31" }, cookie: cookies["tokyo-pref"] })).data as {
      canRecord: boolean;
      nationalShares: { item: string; respondents: number; implementing: number }[];
    };
    expect(page.canRecord).toBe(false);
    expect(page.nationalShares.find((s) => s.item === "supervision_for_staff")).toMatchObject({ respondents: 1, implementing: 1 });
  });
});
