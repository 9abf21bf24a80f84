import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { getReview, listReviewEvents } from "../../db/queries/approval";
import { getUpload } from "../../db/queries/uploads";
import { datasets } from "../../app/domain/datasets";
import { decideReview, ReviewStateError, type ReviewActor } from "../../app/server/approval/review.server";
import { commitUpload, ConfirmedMonthError, stageUpload, UploadStateError, type UploadActor } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// Two officials acting on the same body-month at once (ADR 022). On PostgreSQL a third transaction
// holds the month's review row until both requests are waiting for it, so they truly overlap; on PGlite
// (one connection) they run one after the other. Either way exactly one wins and the other is told why.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let handle: DatabaseHandle;
let city: UploadActor & ReviewActor;
let pref: ReviewActor;
let otherOfficial: ReviewActor;

const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, "utf8");
}
async function stage(code: string, ym: string, n: number) {
  const staged = await stageUpload(handle.db, {
    user: city,
    definition: datasets.monthly_support,
    fileName: "月次.csv",
    source: bytes(`${header}\n${code},${ym},${n},5,3,2,1,0,0\n`),
    limits: { maxBytes: 1_000_000, maxRows: 10 },
    today: "2026-12-02",
  });
  expect(staged.status).toBe("previewed");
  return staged.uploadId;
}
const key = (month: number) => ({ localGovernmentCode: "312011", year: 2026, month });
const storedNew = async (month: number) =>
  (await queryRows<{ n: number }>(handle.db, sql`select new_consultations as n from monthly_support_statistics where local_government_code = '312011' and year = 2026 and month = ${month}`))[0]!.n;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
  const ids = await queryRows<{ id: number; login_id: string }>(handle.db, sql`select id, login_id from users`);
  const id = (loginId: string) => ids.find((u) => u.login_id === loginId)!.id;
  city = { id: id("tottori-city"), role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" };
  pref = { id: id("tottori-pref"), role: "prefecture", prefectureCode: "31", localGovernmentCode: null };
  const [second] = await queryRows<{ id: number }>(
    handle.db,
    sql`insert into users (login_id, display_name, role, prefecture_code, password_hash) values ('tottori-pref-2', '鳥取県 もう一人の職員', 'prefecture', '31', 'x') returning id`,
  );
  otherOfficial = { id: second!.id, role: "prefecture", prefectureCode: "31", localGovernmentCode: null };
});
afterAll(async () => {
  await handle.close();
});

/** Runs the requests while another transaction holds the month's review row (on PostgreSQL), then lets them race for it. */
async function race<T extends unknown[]>(month: number, waiting: number, requests: () => { [K in keyof T]: Promise<T[K]> }): Promise<PromiseSettledResult<unknown>[]> {
  if (!onPostgres) return Promise.allSettled(requests());
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = handle.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from monthly_reviews where local_government_code = '312011' and year = 2026 and month = ${month} for update`);
    locked();
    await released;
  });
  await isLocked;
  const pending = Promise.allSettled(requests());
  let blocked = 0;
  for (let i = 0; i < 200 && blocked < waiting; i++) {
    await new Promise((r) => setTimeout(r, 25));
    blocked = (await queryRows<{ n: number }>(handle.db, sql`select count(distinct l.pid)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()`))[0]!.n;
  }
  release();
  expect(blocked, "both requests waited for the month's row").toBe(waiting);
  await holder;
  return pending;
}

describe("two officials on one body-month at once", () => {
  it("confirm against return: exactly one wins, the other is told the month changed, one event and one audit entry", async () => {
    await commitUpload(handle.db, city, await stage("312011", "2026-10", 40), { explanation: "テスト" });
    const version = (await getReview(handle.db, key(10)))!.version;
    const results = await race(10, 2, () => [
      decideReview(handle.db, pref, { ...key(10), decision: "confirm", expectedVersion: version }),
      decideReview(handle.db, otherOfficial, { ...key(10), decision: "return", expectedVersion: version, comment: "内訳を確認してください" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(ReviewStateError);
    expect((lost[0]!.reason as Error).message).toMatch(/^この月の状態は画面を開いた後に変わりました/);
    const winner = results[0]!.status === "fulfilled" ? "confirmed" : "returned";
    expect(await getReview(handle.db, key(10))).toMatchObject({ state: winner, version: version + 1, comment: winner === "returned" ? "内訳を確認してください" : null });
    expect((await listReviewEvents(handle.db, key(10))).map((e) => e.action)).toEqual(["submit", winner === "confirmed" ? "confirm" : "return"]);
    const [audit] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action in ('review.confirm', 'review.return') and target = '312011:2026-10'`);
    expect(audit!.n).toBe(1);
  });

  it("confirm against a new upload's commit: exactly one wins; the loser changed nothing", async () => {
    await commitUpload(handle.db, city, await stage("312011", "2026-11", 50), { explanation: "テスト" });
    const version = (await getReview(handle.db, key(11)))!.version;
    const corrected = await stage("312011", "2026-11", 55);
    const results = await race(11, 2, () => [
      decideReview(handle.db, pref, { ...key(11), decision: "confirm", expectedVersion: version }),
      commitUpload(handle.db, city, corrected, { explanation: "訂正" }),
    ]);
    const [confirm, commit] = results;
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    if (confirm!.status === "fulfilled") {
      // the confirmation came first: the commit found the month locked and applied nothing
      expect((commit as PromiseRejectedResult).reason).toBeInstanceOf(ConfirmedMonthError);
      expect(((commit as PromiseRejectedResult).reason as Error).message).toBe("2026年11月分は県が確認済みのため変更できません。県に再開を依頼してください");
      expect(await storedNew(11)).toBe(50);
      expect((await getUpload(handle.db, corrected))!.status).toBe("previewed");
      expect(await getReview(handle.db, key(11))).toMatchObject({ state: "confirmed", version: version + 1 });
    } else {
      // the commit came first: the official confirmed a version that no longer exists and is told so
      expect((confirm as PromiseRejectedResult).reason).toBeInstanceOf(ReviewStateError);
      expect(((confirm as PromiseRejectedResult).reason as Error).message).toMatch(/現在: 提出済（未確認）/);
      expect(await storedNew(11)).toBe(55);
      expect((await getUpload(handle.db, corrected))!.status).toBe("committed");
      expect(await getReview(handle.db, key(11))).toMatchObject({ state: "submitted", version: version + 1 });
    }
  });

  // Needs a second connection that holds an uncommitted row, so PostgreSQL only (the CI's second pass).
  it.runIf(onPostgres)("a prefecture's first decision on a month without a review row, at the moment a commit writes that month: the commit applies nothing and asks to be confirmed again", async () => {
    // figures loaded without an upload (as the demo data are): no review row yet
    await handle.db.execute(
      sql`insert into monthly_support_statistics (local_government_code, year, month, fiscal_year, new_consultations, plans_created, employment_support_targets, employed, increased_income, housing_benefit_decisions, referrals_to_public_assistance)
          values ('312011', 2026, 9, 2026, 30, 5, 3, 2, 1, 0, 0)`,
    );
    const corrected = await stage("312011", "2026-09", 33);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const isInserted = new Promise<void>((resolve) => (inserted = resolve));
    const decision = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into monthly_reviews (local_government_code, year, month, state, updated_by, updated_at) values ('312011', 2026, 9, 'confirmed', ${pref.id}, clock_timestamp())`);
      inserted();
      await released;
    });
    await isInserted;
    const commit = commitUpload(handle.db, city, corrected, { explanation: "訂正" }).then(
      () => null,
      (error: unknown) => error,
    );
    let blocked = 0;
    for (let i = 0; i < 200 && blocked < 1; i++) {
      await new Promise((r) => setTimeout(r, 25));
      blocked = (await queryRows<{ n: number }>(handle.db, sql`select count(distinct l.pid)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and a.datname = current_database()`))[0]!.n;
    }
    expect(blocked, "the commit waited for the decision's row").toBe(1);
    release();
    await decision;
    const error = await commit;
    expect(error).toBeInstanceOf(UploadStateError);
    expect((error as Error).message).toBe("同じ月への県の確認操作と同時になったため、反映しませんでした。もう一度「確定して反映する」を押してください");
    expect(await storedNew(9)).toBe(30);
    expect((await getUpload(handle.db, corrected))!.status).toBe("previewed");
    expect(await getReview(handle.db, key(9))).toMatchObject({ state: "confirmed", version: 1 });
    expect(await listReviewEvents(handle.db, key(9))).toEqual([]);
  });
});
