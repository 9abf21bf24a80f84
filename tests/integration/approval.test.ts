import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { getReview, listReviewEvents, returnedMonthsOf } from "../../db/queries/approval";
import { getUpload, listIssues } from "../../db/queries/uploads";
import { datasets } from "../../app/domain/datasets";
import { decideReview, ReviewForbiddenError, ReviewStateError, type ReviewActor } from "../../app/server/approval/review.server";
import { commitUpload, ConfirmedMonthError, revertUpload, stageUpload, type UploadActor } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// The prefecture's approval of the monthly figures (ADR 022): states set by commits, the lock on
// confirmed months at preview and at commit, reopening, returning, reverting, access and audit.

let handle: DatabaseHandle;
const actors = {} as Record<"city" | "pref" | "tokyo" | "mhlw", UploadActor & ReviewActor>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
  const id = async (loginId: string) => (await queryRows<{ id: number }>(handle.db, sql`select id from users where login_id = ${loginId}`))[0]!.id;
  actors.city = { id: await id("tottori-city"), role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" };
  actors.pref = { id: await id("tottori-pref"), role: "prefecture", prefectureCode: "31", localGovernmentCode: null };
  actors.tokyo = { id: await id("tokyo-pref"), role: "prefecture", prefectureCode: "13", localGovernmentCode: null };
  actors.mhlw = { id: await id("mhlw"), role: "mhlw", prefectureCode: null, localGovernmentCode: null };
});
afterAll(async () => {
  await handle.close();
});

const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, "utf8");
}
const row = (code: string, ym: string, newConsultations: number) => `${code},${ym},${newConsultations},5,3,2,1,0,0`;

async function stage(actor: UploadActor, rows: string[]) {
  return stageUpload(handle.db, {
    user: actor,
    definition: datasets.monthly_support,
    fileName: "月次.csv",
    source: bytes(`${header}\n${rows.join("\n")}\n`),
    limits: { maxBytes: 1_000_000, maxRows: 100 },
    today: "2026-12-02",
  });
}
async function upload(actor: UploadActor, rows: string[]) {
  const staged = await stage(actor, rows);
  expect(staged.status).toBe("previewed");
  await commitUpload(handle.db, actor, staged.uploadId, { explanation: "テストの値です" });
  return staged.uploadId;
}
const october = { localGovernmentCode: "312011", year: 2026, month: 10 };
const november = { localGovernmentCode: "312011", year: 2026, month: 11 };
const stateOf = async (key: typeof october) => (await getReview(handle.db, key))?.state ?? null;
const storedNew = async (key: typeof october) =>
  (await queryRows<{ n: number }>(handle.db, sql`select new_consultations as n from monthly_support_statistics where local_government_code = ${key.localGovernmentCode} and year = ${key.year} and month = ${key.month}`))[0]?.n ?? null;
const audits = async (action: string) => queryRows<{ target: string; detail: Record<string, unknown>; user_id: number }>(handle.db, sql`select target, detail, user_id from audit_log where action = ${action} order by id`);
const lockMessage = "2026年10月分は県が確認済みのため変更できません。県に再開を依頼してください";

describe("approval of the monthly figures", () => {
  it("a municipality's commit leaves its months 提出済（未確認）, with an event and the state in the commit's audit entry", async () => {
    const uploadId = await upload(actors.city, [row("312011", "2026-10", 40), row("312011", "2026-11", 42)]);
    expect(await stateOf(october)).toBe("submitted");
    expect(await stateOf(november)).toBe("submitted");
    const events = await listReviewEvents(handle.db, october);
    expect(events.map((e) => [e.action, e.fromState, e.toState, e.uploadId])).toEqual([["submit", null, "submitted", uploadId]]);
    const commit = (await audits("upload.commit")).at(-1)!;
    expect(commit.detail).toMatchObject({ reviewState: "submitted", reviewMonths: 2 });
  });

  it("only an official of the body's prefecture may decide; MHLW, another prefecture and the body itself may not", async () => {
    for (const actor of [actors.city, actors.tokyo, actors.mhlw]) {
      await expect(decideReview(handle.db, actor, { ...october, decision: "confirm", expectedVersion: 1 })).rejects.toBeInstanceOf(ReviewForbiddenError);
    }
    expect(await stateOf(october)).toBe("submitted");
  });

  it("the prefecture confirms; a decision on a version it did not see changes nothing", async () => {
    const done = await decideReview(handle.db, { ...actors.pref, clientAddress: "192.0.2.1" }, { ...october, decision: "confirm", expectedVersion: 1 });
    expect(done).toEqual({ state: "confirmed", version: 2 });
    await expect(decideReview(handle.db, actors.pref, { ...october, decision: "return", expectedVersion: 1, comment: "遅れた差戻し" })).rejects.toThrow(/画面を開いた後に変わりました.*確認済/);
    expect(await stateOf(october)).toBe("confirmed");
    const [entry] = await audits("review.confirm");
    expect(entry).toMatchObject({ target: "312011:2026-10", user_id: actors.pref.id, detail: { localGovernmentCode: "312011", month: "2026-10", from: "submitted", to: "confirmed" } });
  });

  it("a municipality's upload changing the confirmed month is refused at preview, row by row, naming the month", async () => {
    const staged = await stage(actors.city, [row("312011", "2026-11", 43), row("312011", "2026-10", 41)]);
    const errors = await listIssues(handle.db, staged.uploadId, "error", 10);
    expect(errors).toEqual([{ line: 3, column: "年月", value: "2026-10", reason: lockMessage }]);
    expect((await getUpload(handle.db, staged.uploadId))!.counts).toMatchObject({ errorRows: 1 });
    await expect(commitUpload(handle.db, actors.city, staged.uploadId)).rejects.toThrow(/エラーのある行/);
    expect(await storedNew(october)).toBe(40);
  });

  it("the same values of a confirmed month pass and leave it confirmed", async () => {
    await upload(actors.city, [row("312011", "2026-10", 40)]);
    expect(await stateOf(october)).toBe("confirmed");
  });

  it("is refused again at commit when the month was confirmed after the preview; the preview stays and passes once reopened", async () => {
    const staged = await stage(actors.city, [row("312011", "2026-11", 44)]);
    expect(await listIssues(handle.db, staged.uploadId, "error", 10)).toEqual([]);
    await decideReview(handle.db, actors.pref, { ...november, decision: "confirm", expectedVersion: 1 });
    const refused = commitUpload(handle.db, actors.city, staged.uploadId, { explanation: "テスト" });
    await expect(refused).rejects.toBeInstanceOf(ConfirmedMonthError);
    await expect(refused).rejects.toThrow("2026年11月分は県が確認済みのため変更できません。県に再開を依頼してください");
    expect((await getUpload(handle.db, staged.uploadId))!.status).toBe("previewed");
    expect(await storedNew(november)).toBe(42);

    await expect(decideReview(handle.db, actors.pref, { ...november, decision: "reopen", expectedVersion: 2, comment: "  " })).rejects.toBeInstanceOf(ReviewStateError);
    await decideReview(handle.db, actors.pref, { ...november, decision: "reopen", expectedVersion: 2, comment: "市から訂正の申し出" });
    expect(await stateOf(november)).toBe("submitted");
    await commitUpload(handle.db, actors.city, staged.uploadId, { explanation: "テスト" });
    expect(await storedNew(november)).toBe(44);
    expect(await stateOf(november)).toBe("submitted");
    const [reopen] = await audits("review.reopen");
    expect(reopen).toMatchObject({ target: "312011:2026-11", detail: { from: "confirmed", to: "submitted", comment: "市から訂正の申し出" } });
    expect((await listReviewEvents(handle.db, november)).map((e) => e.action)).toEqual(["submit", "confirm", "reopen", "submit"]);
  });

  it("a returned month shows its comment to the body; resubmitting it, even unchanged, makes it 未確認 again", async () => {
    const review = (await getReview(handle.db, november))!;
    await expect(decideReview(handle.db, actors.pref, { ...november, decision: "return", expectedVersion: review.version })).rejects.toThrow(/差し戻す理由/);
    await decideReview(handle.db, actors.pref, { ...november, decision: "return", expectedVersion: review.version, comment: "前月から急増しています。内訳を確認してください" });
    expect(await returnedMonthsOf(handle.db, "312011")).toMatchObject([{ year: 2026, month: 11, comment: "前月から急増しています。内訳を確認してください" }]);
    await upload(actors.city, [row("312011", "2026-11", 44)]);
    expect(await getReview(handle.db, november)).toMatchObject({ state: "submitted", comment: null });
    expect(await returnedMonthsOf(handle.db, "312011")).toEqual([]);
  });

  it("the prefecture's own upload is confirmed on commit and may change a confirmed month", async () => {
    await upload(actors.pref, [row("312011", "2026-10", 39), row("312029", "2026-10", 20)]);
    expect(await stateOf(october)).toBe("confirmed");
    expect(await stateOf({ localGovernmentCode: "312029", year: 2026, month: 10 })).toBe("confirmed");
    expect(await storedNew(october)).toBe(39);
  });

  it("a revert puts the months back to 未確認 (or removes their state with their figures); a municipality cannot revert a confirmed month", async () => {
    const cityUpload = await upload(actors.city, [row("312011", "2026-09", 30)]);
    const september = { localGovernmentCode: "312011", year: 2026, month: 9 };
    await decideReview(handle.db, actors.pref, { ...september, decision: "confirm", expectedVersion: 1 });
    await expect(revertUpload(handle.db, actors.city, cityUpload)).rejects.toThrow("2026年9月分は県が確認済みのため変更できません。県に再開を依頼してください");
    expect(await storedNew(september)).toBe(30);
    // the prefecture may revert it: the month had no figures before, so its state goes with them
    expect(await revertUpload(handle.db, actors.pref, cityUpload)).toEqual({ reverted: 1 });
    expect(await getReview(handle.db, september)).toBeNull();
    expect((await listReviewEvents(handle.db, september)).map((e) => [e.action, e.toState])).toEqual([
      ["submit", "submitted"],
      ["confirm", "confirmed"],
      ["revert", null],
    ]);

    // a revert restoring earlier figures: the month is 未確認 again, pointing at the upload whose values are back
    const before = await queryRows<{ upload_id: number }>(handle.db, sql`select upload_id from monthly_support_statistics where local_government_code = '312029' and year = 2026 and month = 10`);
    const later = await upload(actors.mhlw, [row("312029", "2026-10", 21)]);
    expect(await revertUpload(handle.db, actors.mhlw, later)).toEqual({ reverted: 1 });
    const yonago = { localGovernmentCode: "312029", year: 2026, month: 10 };
    expect(await stateOf(yonago)).toBe("submitted");
    const [restored] = await queryRows<{ upload_id: number }>(handle.db, sql`select upload_id from monthly_reviews where local_government_code = '312029' and year = 2026 and month = 10`);
    expect(restored!.upload_id).toBe(before[0]!.upload_id);
    expect((await audits("upload.revert")).at(-1)!.detail).toMatchObject({ reviewMonths: 1 });
  });

  it("a month without figures cannot be confirmed", async () => {
    await expect(decideReview(handle.db, actors.pref, { localGovernmentCode: "312011", year: 2026, month: 8, decision: "confirm", expectedVersion: 0 })).rejects.toThrow("この月のデータはまだ提出されていません");
  });
});
