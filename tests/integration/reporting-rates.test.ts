import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { monthlySubmissions, monthlySupportStatistics, uploads, users } from "../../db/schema";
import { bodyMonthCells, reportingCountsByBody, reportingCountsByPrefecture } from "../../db/queries/reporting";
import { datasets } from "../../app/domain/datasets";
import { monthsOfFiscalYear } from "../../app/domain/fiscal-year";
import { isMonthDue } from "../../app/domain/reporting";
import { loadCompleteness, loadPrefectureSubmissions } from "../../app/server/pages/reporting.server";
import { commitUpload, revertUpload, stageUpload } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { month } from "../setup/monthly";

// 鳥取県 in FY2026 seen on 2026-12-02 (D = 10): Apr–Oct are due (October's deadline 11月10日 passed),
// November's deadline 12月10日 is running, December–March have not ended. 境港市 merges into 米子市 on
// 2026-10-01 in this test, so it is expected for April–September only.
//
// body (code)          submitted (Japan date)                         due months  submitted  on time
// 鳥取県 郡部 310000     Apr–Oct, each on the 5th of the next month      7           7          7
// 鳥取市 312011         Apr–Oct; Jul on 8月10日 23:59 (the deadline      7           7          6
//                       day: on time), Aug on 9月11日 00:00:30 JST (= 9月10日 15:00 UTC: late)
// 米子市 312029         Apr–Jun on time, Jul–Oct missing; Nov early     7           3          3
// 倉吉市 312037         Apr only, loaded without a recorded time         7           1          1
// 境港市 312045         Apr–Sep, all on 11月20日 (late)                   6           6          0
// total                                                               34          24         17
const today = "2026-12-02";
const tokyoTime = (date: string, time = "09:00:00") => new Date(`${date}T${time}+09:00`).toISOString();

let handle: DatabaseHandle;
const fy2026 = monthsOfFiscalYear(2026);
const due = fy2026.filter((m) => isMonthDue(m, 10, today));

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  await handle.db.execute(sql`update local_governments set valid_to = '2026-10-01', successor_code = '312029' where code = '312045'`);
  const [upload] = await handle.db
    .insert(uploads)
    .values({ dataset: "monthly_support", fileName: "t.csv", sizeBytes: 1, sha256: "x", encoding: "utf-8", status: "committed", committedAt: tokyoTime("2026-05-01") })
    .returning({ id: uploads.id });
  const rows: { code: string; year: number; month: number; at: string | null }[] = [];
  const next = (m: { year: number; month: number }) => (m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 });
  const on = (m: { year: number; month: number }, day: number) => `${next(m).year}-${String(next(m).month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  for (const m of due) rows.push({ code: "310000", year: m.year, month: m.month, at: tokyoTime(on(m, 5)) });
  for (const m of due) {
    const at = m.month === 7 ? tokyoTime("2026-08-10", "23:59:00") : m.month === 8 ? "2026-09-10T15:00:30Z" : tokyoTime(on(m, 3));
    rows.push({ code: "312011", year: m.year, month: m.month, at });
  }
  for (const m of due.slice(0, 3)) rows.push({ code: "312029", year: m.year, month: m.month, at: tokyoTime(on(m, 9)) });
  rows.push({ code: "312029", year: 2026, month: 11, at: tokyoTime("2026-12-01") });
  rows.push({ code: "312037", year: 2026, month: 4, at: null });
  for (const m of due.slice(0, 6)) rows.push({ code: "312045", year: m.year, month: m.month, at: tokyoTime("2026-11-20") });
  await handle.db.insert(monthlySupportStatistics).values(rows.map((r) => month(r.code, r.year, r.month, 5)));
  await handle.db.insert(monthlySubmissions).values(
    rows.filter((r) => r.at !== null).map((r) => ({ localGovernmentCode: r.code, year: r.year, month: r.month, uploadId: upload!.id, submittedAt: r.at! })),
  );
});
afterAll(async () => {
  await handle.close();
});

describe("reporting and on-time rates (hand-computed)", () => {
  it("鳥取県 has five implementing bodies in April 2026", async () => {
    const cells = await bodyMonthCells(handle.db, "31", [{ year: 2026, month: 4 }], 10);
    expect(cells.map((c) => c.code)).toEqual(["310000", "312011", "312029", "312037", "312045"]);
  });

  it("over the fiscal year's due months: expected 34, submitted 24, on time 17; per body as in the table", async () => {
    expect(due).toHaveLength(7);
    const counts = await reportingCountsByBody(handle.db, "31", due, 10);
    expect(Object.fromEntries(counts.map((r) => [r.code ?? "total", r.counts]))).toEqual({
      total: { expected: 34, submitted: 24, onTime: 17 },
      "310000": { expected: 7, submitted: 7, onTime: 7 },
      "312011": { expected: 7, submitted: 7, onTime: 6 },
      "312029": { expected: 7, submitted: 3, onTime: 3 },
      "312037": { expected: 7, submitted: 1, onTime: 1 },
      "312045": { expected: 6, submitted: 6, onTime: 0 },
    });
  });

  it("a single month: September expects the merged body, October and November do not", async () => {
    const of = async (m: number) => (await reportingCountsByBody(handle.db, "31", [{ year: 2026, month: m }], 10)).find((r) => r.code === null)!.counts;
    expect(await of(9)).toEqual({ expected: 5, submitted: 3, onTime: 2 });
    expect(await of(10)).toEqual({ expected: 4, submitted: 2, onTime: 2 });
    expect(await of(11)).toEqual({ expected: 4, submitted: 1, onTime: 1 });
  });

  it("nationally the other prefectures add expected months and nothing submitted; 鳥取県's row is the same", async () => {
    const rows = await reportingCountsByPrefecture(handle.db, due, 10);
    const national = rows.find((r) => r.prefectureCode === null)!.counts;
    const perPrefecture = rows.filter((r) => r.prefectureCode !== null);
    expect(perPrefecture).toHaveLength(47);
    expect(rows.find((r) => r.prefectureCode === "31")!.counts).toEqual({ expected: 34, submitted: 24, onTime: 17 });
    expect(national.expected).toBe(perPrefecture.reduce((n, r) => n + r.counts.expected, 0));
    expect(national.submitted).toBe(24);
    expect(national.onTime).toBe(17);
  });

  it("the submissions page opens on 2026年11月分 and names the states, the rates and who is late", async () => {
    const page = await loadPrefectureSubmissions(handle.db, "31", {}, today);
    expect(page.month).toBe("2026-11");
    expect(page.deadline).toBe("2026-12-10");
    expect(page.rates.month).toMatchObject({ expected: 4, submitted: 1, onTime: 1, reportingRate: 0.25, onTimeRate: 0.25 });
    expect(page.rates.year).toMatchObject({ expected: 34, submitted: 24, onTime: 17 });
    expect(page.rates.year.reportingRate).toBeCloseTo(24 / 34, 10);
    const row = (code: string) => page.matrix.find((r) => r.code === code)!;
    const states = (code: string) => row(code).cells.map((c) => c?.state ?? null);
    expect(states("312011")).toEqual(["on_time", "on_time", "on_time", "on_time", "late", "on_time", "on_time", "not_yet_due", "not_yet_due", "not_yet_due", "not_yet_due", "not_yet_due"]);
    expect(states("312029").slice(0, 9)).toEqual(["on_time", "on_time", "on_time", "not_submitted", "not_submitted", "not_submitted", "not_submitted", "on_time", "not_yet_due"]);
    expect(states("312045")).toEqual(["late", "late", "late", "late", "late", "late", null, null, null, null, null, null]);
    expect(row("312011").year).toMatchObject({ expected: 7, submitted: 7, onTime: 6 });
    expect(page.missingThisMonth.map((b) => [b.code, b.state])).toEqual([
      ["310000", "not_yet_due"],
      ["312011", "not_yet_due"],
      ["312037", "not_yet_due"],
    ]);
    expect(page.lateBodies).toEqual([
      { code: "312029", name: "米子市", months: ["2026-07", "2026-08", "2026-09", "2026-10"] },
      { code: "312037", name: "倉吉市", months: ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"] },
    ]);
  });

  it("on the day after the deadline the month now due is still November, now with late bodies", async () => {
    const page = await loadPrefectureSubmissions(handle.db, "31", {}, "2026-12-11");
    expect(page.month).toBe("2026-11");
    expect(page.dueMonths).toHaveLength(8);
    expect(page.missingThisMonth.map((b) => b.state)).toEqual(["not_submitted", "not_submitted", "not_submitted"]);
  });

  it("the national page ranks 鳥取県 first by the year's reporting rate", async () => {
    const page = await loadCompleteness(handle.db, {}, today);
    expect(page.month).toBe("2026-11");
    expect(page.fiscalYear).toBe(2026);
    expect(page.prefectures[0]).toMatchObject({ code: "31", year: { expected: 34, submitted: 24, onTime: 17 } });
    expect(page.prefectures[1]!.year.reportingRate).toBe(0);
  });
});

describe("submission times come from commits", () => {
  it("a commit records its body-months once, with its commit time; a revert undoes them", async () => {
    const [user] = await handle.db.select({ id: users.id }).from(users).where(sql`login_id = 'tottori-city'`);
    const actor = { id: user!.id, role: "municipality" as const, prefectureCode: "31", localGovernmentCode: "312011" };
    const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
    const stage = async (text: string) =>
      (
        await stageUpload(handle.db, {
          user: actor,
          definition: datasets.monthly_support,
          fileName: "鳥取市.csv",
          source: (async function* () {
            yield Buffer.from(text, "utf8");
          })(),
          limits: { maxBytes: 1_000_000, maxRows: 100 },
        })
      ).uploadId;
    const first = await stage(`${header}\n312011,2026-11,5,1,4,2,1,0,0\n`);
    await commitUpload(handle.db, actor, first);
    const read = () =>
      queryRows<{ upload_id: number; same: boolean }>(
        handle.db,
        sql`select s.upload_id, s.submitted_at = u.committed_at as same from monthly_submissions s join uploads u on u.id = s.upload_id
            where s.local_government_code = '312011' and s.year = 2026 and s.month = 11`,
      );
    expect(await read()).toEqual([{ upload_id: first, same: true }]);
    const second = await stage(`${header}\n312011,2026-11,6,1,4,2,1,0,0\n`);
    await commitUpload(handle.db, actor, second);
    expect(await read()).toEqual([{ upload_id: first, same: true }]);
    await revertUpload(handle.db, actor, second);
    await revertUpload(handle.db, actor, first);
    expect(await read()).toEqual([]);
  });
});
