import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { monthlyReviews, monthlySupportStatistics, optionalProgramStatuses, staffTraining, supervisionContacts, supportMeetingStatuses, uploads } from "../../db/schema";
import { action as prefectureAction, loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loadWorklist } from "../../app/server/worklist/worklist.server";
import { defaultWorklistSettings, type WorklistItem } from "../../app/domain/worklist";
import { routeTestDatabase } from "../setup/route-database";
import { callRoute } from "../setup/routes";
import { month } from "../setup/monthly";

// The prefecture's worklist (要フォロー, ADR 025) with hand-built data for 鳥取県 on 2026-12-02 (FY2026,
// due day 10: April–October are past their deadline, November is not yet), and the 対応済 mark.

const ctx = routeTestDatabase(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]);
const { cookies } = ctx;
const today = "2026-12-02";
const bodies = ["310000", "312011", "312029", "312037", "312045"];
const dueMonths = [4, 5, 6, 7, 8, 9, 10];

type Landing = { worklist: { fiscalYear: number; open: WorklistItem[]; resolved: WorklistItem[] } | null; worklistDone: boolean };
const landing = async (loginId: string, url = "/prefectures/31") => (await callRoute(prefectureLoader, { url, params: { code: "31" }, cookie: cookies[loginId] })).data as Landing;
const mark = (loginId: string, form: Record<string, string>) => callRoute(prefectureAction, { url: "/prefectures/31", params: { code: "31" }, cookie: cookies[loginId], form, clientAddress: "192.0.2.7" });
const row = (i: WorklistItem) => [i.rule, i.code, i.subject, i.cause];

async function seed() {
  const { db } = ctx.handle;
  // every body submits April–October, except 米子市 (312029), which misses September and October
  await db.insert(monthlySupportStatistics).values(bodies.flatMap((code) => dueMonths.filter((m) => code !== "312029" || m < 9).map((m) => month(code, 2026, m, 10))));
  // 鳥取市's October was returned and not submitted again; its September is confirmed (not an item)
  await db.insert(monthlyReviews).values([
    { localGovernmentCode: "312011", year: 2026, month: 10, state: "returned", comment: "前年同月の倍です" },
    { localGovernmentCode: "312011", year: 2026, month: 9, state: "confirmed" },
  ]);
  const [city] = await queryRows<{ id: number }>(db, sql`select id from users where login_id = 'tottori-city'`);
  const upload = (status: string, flagged: number, fileName: string) => ({
    dataset: "monthly_support", fileName, sizeBytes: 100, sha256: fileName, encoding: "utf-8", userId: city!.id, status,
    counts: { rows: 1, new: 1, changed: 0, unchanged: 0, errorRows: 0, warnings: flagged, flagged },
  });
  // only the previewed upload with flagged values awaits an explanation
  const inserted = await db.insert(uploads).values([upload("previewed", 2, "鳥取市_11月.csv"), upload("committed", 1, "鳥取市_9月.csv"), upload("previewed", 0, "鳥取市_8月.csv")]).returning({ id: uploads.id });
  // FY2026 statuses: 倉吉市 runs no 就労準備, 境港市 no 家計改善 and no 一時生活 (not 努力義務: not an item);
  // 鳥取市's 就労準備 was missing in FY2025 only (an older year: not an item)
  await db.insert(optionalProgramStatuses).values([
    { localGovernmentCode: "312037", fiscalYear: 2026, program: "employment_preparation", implemented: false },
    { localGovernmentCode: "312037", fiscalYear: 2026, program: "household_budget", implemented: true },
    { localGovernmentCode: "312045", fiscalYear: 2026, program: "household_budget", implemented: false },
    { localGovernmentCode: "312045", fiscalYear: 2026, program: "temporary_living", implemented: false },
    { localGovernmentCode: "312011", fiscalYear: 2026, program: "employment_preparation", implemented: true },
    { localGovernmentCode: "312011", fiscalYear: 2025, program: "employment_preparation", implemented: false },
  ]);
  // six months before 2026-12-02 is 2026-06-02: a contact after it keeps a body off the list
  const contact = (code: string, contactedOn: string) => ({ prefectureCode: "31", localGovernmentCode: code, contactedOn, form: "visit", content: code });
  await db.insert(supervisionContacts).values([contact("312011", "2026-10-01"), contact("312029", "2026-05-01"), contact("312037", "2026-06-03")]);
  const staff = (code: string, role: string, assigned: number, certified: number) => ({ localGovernmentCode: code, fiscalYear: 2026, role, assigned, nationalTrainingCompleted: 0, prefectureTrainingCompleted: 0, certified });
  await db.insert(staffTraining).values([
    // 鳥取市: 1 + 3 + 2 = 6 assigned, 1 + 2 + 2 = 5 certified → a gap of 1
    staff("312011", "chief_consultant", 1, 1),
    staff("312011", "consultant", 3, 2),
    staff("312011", "employment_supporter", 2, 2),
    // 米子市: all certified; its 家計改善 staff lack one, but that role needs no 修了証
    staff("312029", "consultant", 2, 2),
    staff("312029", "household_budget_staff", 2, 1),
    // 倉吉市: more certificates than staff counts as full (least(certified, assigned)): 3/3
    staff("312037", "consultant", 3, 5),
  ]);
  // 支援会議 in the latest year answered (FY2026): 米子市 has none (an item); 鳥取市 has one; 倉吉市 did not
  // answer (not an item); 境港市 had none in FY2025 only (an older year: not an item)
  await db.insert(supportMeetingStatuses).values([
    { localGovernmentCode: "312029", fiscalYear: 2026, established: false },
    { localGovernmentCode: "312011", fiscalYear: 2026, established: true },
    { localGovernmentCode: "312045", fiscalYear: 2025, established: false },
  ]);
  return { uploadId: inserted[0]!.id };
}

describe("the prefecture's worklist", () => {
  it("lists every rule's items for 鳥取県, each with why and where to act", async () => {
    const { uploadId } = await seed();
    const w = await landing("tottori-pref");
    expect(w.worklist!.fiscalYear).toBe(2026);
    expect(w.worklist!.open.map(row)).toEqual([
      ["returned_report", "312011", "", "2026-10"],
      ["late_report", "312029", "", "2026-09,2026-10"],
      ["flag_waiting", "312011", String(uploadId), String(uploadId)],
      ["program_not_implemented", "312037", "employment_preparation", "2026"],
      ["program_not_implemented", "312045", "household_budget", "2026"],
      // 鳥取県（郡部） and 境港市 never had a contact; 米子市's last (2026-05-01) is before 2026-06-02
      ["no_supervision", "310000", "", "none"],
      ["no_supervision", "312029", "", "2026-05-01"],
      ["no_supervision", "312045", "", "none"],
      ["certificate_gap", "312011", "", "2026:5/6"],
      ["no_support_meeting", "312029", "", "2026"],
    ]);
    const byRule = Object.fromEntries(w.worklist!.open.map((i) => [`${i.rule}:${i.code}`, i]));
    expect(byRule["returned_report:312011"]).toMatchObject({ name: "鳥取市", why: "2026年10月分を差し戻したまま、再提出されていません（差戻しの理由: 前年同月の倍です）", href: "/municipalities/312011/review/2026-10" });
    expect(byRule["late_report:312029"]).toMatchObject({ why: "2026年9月分・2026年10月分（2か月）が提出期限を過ぎても未提出です", href: "/prefectures/31/submissions" });
    expect(byRule["flag_waiting:312011"]).toMatchObject({ why: "アップロード「鳥取市_11月.csv」の2件の値が過去の値から外れており、説明がないため確定されていません", href: `/uploads/${uploadId}` });
    expect(byRule["program_not_implemented:312037"]).toMatchObject({ why: "令和8年度（2026）に就労準備支援事業（努力義務）を実施していません", href: "/municipalities/312037?fy=2026" });
    expect(byRule["no_supervision:310000"]).toMatchObject({ name: "鳥取県（郡部）", why: "スーパーバイズの記録がありません（6か月以上）", href: "/prefectures/31/supervision" });
    expect(byRule["no_supervision:312029"]!.why).toBe("最後のスーパーバイズ（2026-05-01）から6か月以上、連絡がありません");
    expect(byRule["certificate_gap:312011"]).toMatchObject({ why: "令和8年度（2026）、3職種の配置6人のうち修了証は5人です（1人不足）", href: "/prefectures/31/training" });
    expect(byRule["no_support_meeting:312029"]).toMatchObject({ why: "令和8年度（2026）の回答で支援会議を設置していません。設置の予定や課題を確認してください", href: "/prefectures/31/cooperation" });
    expect(w.worklist!.resolved).toEqual([]);
  });

  it("reads the supervision gap from its setting", async () => {
    // with 7 months the window starts 2026-05-02: 米子市's contact of 2026-05-01 is still outside it; with 8 (from 2026-04-02) it is inside
    const seven = await loadWorklist(ctx.handle.db, "31", today, { supervisionGapMonths: 7 });
    expect(seven.open.filter((i) => i.rule === "no_supervision").map((i) => i.code)).toEqual(["310000", "312029", "312045"]);
    const eight = await loadWorklist(ctx.handle.db, "31", today, { supervisionGapMonths: 8 });
    expect(eight.open.filter((i) => i.rule === "no_supervision").map((i) => i.code)).toEqual(["310000", "312045"]);
  });

  it("is shown only to the prefecture's own officials", async () => {
    expect((await landing("tokyo-pref")).worklist).toBeNull();
    expect((await landing("mhlw")).worklist).toBeNull();
  });

  it("keeps an item marked 対応済 with its note, audits it, and shows it in the body's history", async () => {
    const late = { intent: "resolve", rule: "late_report", code: "312029", subject: "", cause: "2026-09,2026-10", note: "電話で督促し、12月10日までに提出と回答" };
    expect(await mark("tottori-pref", late)).toMatchObject({ status: 302, location: "/prefectures/31?done=resolved#worklist" });
    const w = await landing("tottori-pref", "/prefectures/31?done=resolved");
    expect(w.worklistDone).toBe(true);
    expect(w.worklist!.open.map((i) => `${i.rule}:${i.code}`)).not.toContain("late_report:312029");
    expect(w.worklist!.resolved.map((i) => [i.rule, i.code, i.resolved!.note, i.resolved!.resolvedBy])).toEqual([["late_report", "312029", late.note, "鳥取県 福祉保健課（デモ）"]]);
    // kept: a second load still shows it marked
    expect((await landing("tottori-pref")).worklist!.resolved).toHaveLength(1);

    const audit = await queryRows<{ action: string; target: string; client_address: string; detail: { note: string; why: string; cause: string } }>(
      ctx.handle.db,
      sql`select action, target, client_address, detail from audit_log where action = 'worklist.resolve'`,
    );
    expect(audit).toEqual([{ action: "worklist.resolve", target: "312029", client_address: "192.0.2.7", detail: expect.objectContaining({ note: late.note, cause: "2026-09,2026-10", why: "2026年9月分・2026年10月分（2か月）が提出期限を過ぎても未提出です" }) }]);

    const body = await callRoute(municipalityLoader, { url: "/municipalities/312029", params: { code: "312029" }, cookie: cookies["tottori-pref"] });
    expect((body.data as { followUps: unknown[] }).followUps).toEqual([
      { ruleLabel: "期限を過ぎた月次報告", fiscalYear: 2026, why: "2026年9月分・2026年10月分（2か月）が提出期限を過ぎても未提出です", note: late.note, resolvedAt: expect.any(String), resolvedBy: "鳥取県 福祉保健課（デモ）" },
    ]);

    // marking the same item for the same cause again is refused, with a message
    expect(await mark("tottori-pref", late)).toMatchObject({ status: 409, data: { formError: "この項目はすでに対応済です" } });
  });

  it("reopens a marked item when its cause changes", async () => {
    // 米子市 submits September: October alone is late now, a new cause the official has not seen
    await ctx.handle.db.insert(monthlySupportStatistics).values(month("312029", 2026, 9, 10));
    const w = (await landing("tottori-pref")).worklist!;
    expect(w.open.filter((i) => i.rule === "late_report").map(row)).toEqual([["late_report", "312029", "", "2026-10"]]);
    expect(w.resolved).toEqual([]);
  });

  it("refuses other prefectures' officials, MHLW and municipal staff, and bad or stale posts", async () => {
    const item = { intent: "resolve", rule: "certificate_gap", code: "312011", subject: "", cause: "2026:5/6", note: "研修の受講を依頼" };
    const refusal = "この都道府県の要フォローを対応済にできるのは、その都道府県の担当者だけです";
    expect(await mark("tokyo-pref", item)).toMatchObject({ status: 403, data: { formError: refusal } });
    expect(await mark("tottori-city", item)).toMatchObject({ status: 403, data: { formError: refusal } });
    expect(await mark("mhlw", item)).toMatchObject({ status: 403, data: { formError: refusal } });
    expect(await mark("tottori-pref", { ...item, note: "  " })).toMatchObject({ status: 400, data: { formError: "対応の内容を「メモ」に入力してください（実施主体の履歴に残ります）" } });
    expect(await mark("tottori-pref", { ...item, rule: "no_such_rule" })).toMatchObject({ status: 400 });
    // a cause the worklist does not hold (the page was stale) is refused: nothing is written
    expect(await mark("tottori-pref", { ...item, cause: "2026:4/6" })).toMatchObject({ status: 409, data: { formError: expect.stringContaining("画面を開き直してください") } });
    // a body of another prefecture is not on this worklist
    expect(await mark("tottori-pref", { ...item, code: "131016" })).toMatchObject({ status: 409 });
    const [n] = await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from worklist_resolutions`);
    expect(n!.n).toBe(1);
    expect(defaultWorklistSettings.supervisionGapMonths).toBe(6);
  });
});
