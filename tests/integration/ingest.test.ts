import { createReadStream } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { findEarlierSameFile, getUpload, listIssues, listStagedChanges, listUploads } from "../../db/queries/uploads";
import { jusouStatuses, localGovernments, monthlySupportStatistics, staffTraining, uploads, users } from "../../db/schema";
import { datasets, type DatasetId } from "../../app/domain/datasets";
import type { UploadLimits } from "../../app/server/uploads/stage.server";
import { commitUpload, failInterruptedCommits, revertUpload, stageUpload, UploadStateError } from "../../app/server/uploads/service.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

let handle: DatabaseHandle;
const limits: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000 };

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
  // 東郷町 merged into 湯梨浜町 on 2004-10-01
  await handle.db.insert(localGovernments).values({
    code: "313629",
    prefectureCode: "31",
    name: "東郷町",
    kind: "town",
    hasWelfareOffice: false,
    validTo: "2004-10-01",
    successorCode: "313700",
  });
});
afterAll(async () => {
  await handle.close();
});

async function userOf(loginId: string) {
  const [u] = await handle.db.select().from(users).where(eq(users.loginId, loginId));
  return { id: u!.id, role: u!.role as "mhlw" | "prefecture" | "municipality", prefectureCode: u!.prefectureCode, localGovernmentCode: u!.localGovernmentCode };
}

async function stage(loginId: string, dataset: DatasetId, fixture: string, options: { limits?: UploadLimits; source?: AsyncIterable<Uint8Array> } = {}) {
  return stageUpload(handle.db, {
    user: await userOf(loginId),
    definition: datasets[dataset],
    fileName: fixture,
    // small chunks, so multi-byte characters are split across reads
    source: options.source ?? createReadStream(`tests/fixtures/${fixture}`, { highWaterMark: 7 }),
    limits: options.limits ?? limits,
    today: "2026-11-23",
  });
}

const monthly = (code: string, year: number, month: number) =>
  handle.db
    .select()
    .from(monthlySupportStatistics)
    .where(and(eq(monthlySupportStatistics.localGovernmentCode, code), eq(monthlySupportStatistics.year, year), eq(monthlySupportStatistics.month, month)));

describe("a municipality uploads its Shift_JIS monthly file", () => {
  let uploadId: number;

  it("previews without writing anything", async () => {
    const result = await stage("tottori-city", "monthly_support", "monthly-tottori-city-sjis.csv");
    expect(result.status).toBe("previewed");
    uploadId = result.uploadId;
    const upload = await getUpload(handle.db, uploadId);
    expect(upload).toMatchObject({ encoding: "shift_jis", status: "previewed", counts: { rows: 3, new: 3, changed: 0, unchanged: 0, errorRows: 0, warnings: 0 } });
    expect(upload!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await monthly("312011", 2025, 4)).toEqual([]);
    const changes = await listStagedChanges(handle.db, uploadId, datasets.monthly_support, 10);
    // full-width digits, "1,234" and 「－」 (= 0) as written in the file
    expect(changes[0]).toMatchObject({
      line: 2,
      existing: null,
      rowValues: { fiscal_year: 2025, new_consultations: 1234, plans_created: 38, housing_benefit_decisions: 0 },
    });
  });

  it("commits all rows in one go and records the history", async () => {
    const counts = await commitUpload(handle.db, await userOf("tottori-city"), uploadId);
    expect(counts).toMatchObject({ new: 3, changed: 0 });
    expect(await monthly("312011", 2025, 4)).toMatchObject([{ newConsultations: 1234, fiscalYear: 2025, uploadId }]);
    expect(await monthly("312011", 2025, 6)).toMatchObject([{ referralsToPublicAssistance: 0 }]);
    const { rows: history } = await listUploads(handle.db, { role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" });
    expect(history[0]).toMatchObject({ id: uploadId, status: "committed", fileName: "monthly-tottori-city-sjis.csv", encoding: "shift_jis" });
    // a user of another prefecture does not see it
    expect((await listUploads(handle.db, { role: "prefecture", prefectureCode: "13", localGovernmentCode: null })).rows).toEqual([]);
    await expect(commitUpload(handle.db, await userOf("mhlw"), uploadId)).rejects.toBeInstanceOf(UploadStateError);
  });

  it("recognises the same file uploaded again, with every row unchanged", async () => {
    const again = await stage("tottori-city", "monthly_support", "monthly-tottori-city-sjis.csv");
    const upload = await getUpload(handle.db, again.uploadId);
    expect(upload!.counts).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    expect(await findEarlierSameFile(handle.db, upload!)).toMatchObject({ id: uploadId, status: "committed" });
  });

  it("reverts the upload", async () => {
    expect(await revertUpload(handle.db, await userOf("tottori-city"), uploadId)).toEqual({ reverted: 3 });
    expect(await monthly("312011", 2025, 4)).toEqual([]);
    expect((await getUpload(handle.db, uploadId))!.status).toBe("reverted");
  });

  it("rejects a row for another body with its line number", async () => {
    const result = await stage("tottori-city", "monthly_support", "monthly-tottori-city-other-body-sjis.csv");
    expect(result.status).toBe("previewed");
    expect((await getUpload(handle.db, result.uploadId))!.counts).toMatchObject({ rows: 3, errorRows: 1, new: 2 });
    expect(await listIssues(handle.db, result.uploadId, "error", 10)).toEqual([
      { line: 4, column: "自治体コード", value: "312029", reason: "権限の範囲外です（自分の自治体の行だけアップロードできます）" },
    ]);
    await expect(commitUpload(handle.db, await userOf("mhlw"), result.uploadId)).rejects.toThrow(/エラーのある行があるため確定できません/);
    expect(await monthly("312011", 2025, 4)).toEqual([]);
  });
});

describe("files as offices send them", () => {
  it("reads UTF-8 with BOM and 年月 written two ways", async () => {
    const result = await stage("tottori-pref", "monthly_support", "monthly-utf8-bom.csv");
    expect(await getUpload(handle.db, result.uploadId)).toMatchObject({ encoding: "utf-8-bom", status: "previewed", counts: { new: 2, errorRows: 0 } });
    const changes = await listStagedChanges(handle.db, result.uploadId, datasets.monthly_support, 10);
    // January 2026 belongs to FY2025
    expect(changes.map((c) => [c.rowKey, c.rowValues.fiscal_year])).toEqual([
      [{ local_government_code: "312011", year: 2026, month: 1 }, 2025],
      [{ local_government_code: "312029", year: 2026, month: 1 }, 2025],
    ]);
  });

  it("reads tab-separated files with English headers and a 5-digit code", async () => {
    const result = await stage("mhlw", "monthly_support", "monthly-tab.tsv");
    expect(await getUpload(handle.db, result.uploadId)).toMatchObject({ encoding: "utf-8", counts: { new: 1, errorRows: 0 } });
    const [change] = await listStagedChanges(handle.db, result.uploadId, datasets.monthly_support, 1);
    expect(change!.rowKey).toEqual({ local_government_code: "312011", year: 2026, month: 2 });
  });

  it("names the missing columns of a file with the wrong headers", async () => {
    const result = await stage("mhlw", "monthly_support", "monthly-wrong-headers.csv");
    expect(result.status).toBe("rejected");
    const reasons = (await listIssues(handle.db, result.uploadId, "error", 20)).map((i) => `${i.line}:${i.column}:${i.reason}`);
    expect(reasons).toContain("1:新規相談受付件数:見出し行に「新規相談受付件数」の列がありません（別名: 新規相談件数、new_consultations）");
    expect(reasons).toContain("1:自治体コード:見出し行に「自治体コード」、または「都道府県名」と「市区町村名」の列が必要です");
  });

  it("reports a duplicate key inside one file", async () => {
    const result = await stage("mhlw", "monthly_support", "monthly-duplicate-keys.csv");
    expect(await listIssues(handle.db, result.uploadId, "error", 10)).toEqual([
      { line: 3, column: "自治体コード", value: "312011", reason: "2行目と同じデータ（同じ自治体・期間など）が重複しています" },
    ]);
  });

  it("explains unknown and merged codes", async () => {
    const result = await stage("mhlw", "monthly_support", "monthly-unknown-merged-codes.csv");
    expect(await listIssues(handle.db, result.uploadId, "error", 10)).toEqual([
      { line: 2, column: "自治体コード", value: "319996", reason: "自治体コード319996は登録されていません" },
      {
        line: 3,
        column: "自治体コード",
        value: "313629",
        reason: "鳥取県東郷町（313629）は2004-10-01に合併等で廃止されたコードです（後継: 鳥取県湯梨浜町（313700））",
      },
    ]);
    expect((await getUpload(handle.db, result.uploadId))!.counts).toMatchObject({ rows: 3, errorRows: 2, new: 1 });
  });

  it("gives a prefecture user a precise error for the one ambiguous name only", async () => {
    const result = await stage("tottori-pref", "jusou", "jusou-tottori-by-name.csv");
    expect(await getUpload(handle.db, result.uploadId)).toMatchObject({ encoding: "shift_jis", counts: { rows: 4, errorRows: 1, new: 3 } });
    expect(await listIssues(handle.db, result.uploadId, "error", 10)).toEqual([
      {
        line: 4,
        column: "都道府県名",
        value: "",
        reason: "「日野町」は複数あります: 滋賀県日野町（253839）、鳥取県日野町（314021）。都道府県名を入力してください",
      },
    ]);
  });

  it("reads 鳥取県's Shift_JIS file strictly: each broken row refused at the line it has in the file, the good rows previewed", async () => {
    // lines 4 and 11 are blank, line 8 holds only commas, the 備考 of line 5 runs on to line 6
    const result = await stage("tottori-pref", "monthly_support", "monthly-tottori-pref-strict-sjis.csv");
    expect(await getUpload(handle.db, result.uploadId)).toMatchObject({ encoding: "shift_jis", status: "previewed", counts: { rows: 10, errorRows: 5, new: 5 } });
    expect(await listIssues(handle.db, result.uploadId, "error", 10)).toEqual([
      {
        line: 9,
        column: "14列目",
        value: "312011,鳥取県,鳥取市,令和7年度,5,1,152,37,20,12,3,2,2,",
        reason: "列が多すぎます（見出しは13列、この行は14列）。「,」を含む値（1,234 など）は値全体を「\"」で囲むか、「,」を除いてください",
      },
      {
        line: 10,
        column: "生活保護へのつなぎ件数",
        value: "312029,鳥取県,米子市,令和7年度,5,118,28,14,8,2,1",
        reason: "列が足りません（見出しは13列、この行は11列）。区切りの「,」が抜けていないか確かめてください",
      },
      {
        line: 13,
        column: "新規相談受付件数",
        value: '29"件',
        reason: "引用符（\"）で囲んだ値の後に文字があります。値全体を引用符で囲み、値の中の引用符は「\"\"」と2つ重ねてください",
      },
      { line: 14, column: "市区町村名", value: "合計", reason: "合計行は取り込めません。合計・小計の行を削除してください" },
      {
        line: 15,
        column: "自治体コード",
        value: "※令和7年5月分は速報値,,,,,,,,,,,,\r\n",
        reason: "引用符（\"）が閉じられていないため、この行から最後の行までが1つの値として読まれます。引用符を閉じるか削除してください",
      },
    ]);
    expect(await listIssues(handle.db, result.uploadId, "warning", 10)).toEqual([
      { line: 1, column: "備考", value: "", reason: "この列は取り込みません（見出しが項目名と一致しません）" },
    ]);
    const staged = await queryRows<{ line: number; code: string; month: number }>(
      handle.db,
      sql`select line, local_government_code as code, month from staged_monthly_support_statistics where upload_id = ${result.uploadId} order by line`,
    );
    expect(staged).toEqual([
      { line: 2, code: "312011", month: 4 },
      { line: 3, code: "312029", month: 4 },
      { line: 5, code: "312037", month: 4 },
      { line: 7, code: "312045", month: 4 },
      { line: 12, code: "312037", month: 5 },
    ]);
    await expect(commitUpload(handle.db, await userOf("tottori-pref"), result.uploadId)).rejects.toThrow(/エラーのある行があるため確定できません/);
  });

  it("no longer reads a 3-row file with an unclosed quote as 1 row without errors", async () => {
    const text = "都道府県,対象自治体,実施日,形態,内容\r\n鳥取県,鳥取市,2025/6/12,訪問,\"体制の確認\r\n鳥取県,米子市,令和7年6月19日,メール,研修計画\r\n鳥取県,倉吉市,R7.6.26,訪問,記録様式\r\n";
    const result = await stage("tottori-pref", "supervision", "supervision.csv", { source: (async function* () { yield new TextEncoder().encode(text); })() });
    expect((await getUpload(handle.db, result.uploadId))!.counts).toMatchObject({ rows: 1, errorRows: 1 });
    expect(await listIssues(handle.db, result.uploadId, "error", 10)).toEqual([
      expect.objectContaining({ line: 2, column: "内容", reason: expect.stringMatching(/^引用符（"）が閉じられていないため/) }),
    ]);
  });

  it("rejects an empty file, binary garbage and an oversized file with a clear message", async () => {
    const empty = await stage("mhlw", "monthly_support", "empty.csv");
    expect((await listIssues(handle.db, empty.uploadId, "error", 1))[0]).toMatchObject({ line: 1, column: "（ファイル全体）", reason: "ファイルが空です" });
    const binary = await stage("mhlw", "monthly_support", "binary-garbage.csv");
    expect((await listIssues(handle.db, binary.uploadId, "error", 1))[0]!.reason).toMatch(/^テキストのCSVファイルではありません/);
    const oversized = await stage("mhlw", "monthly_support", "monthly-tottori-city-sjis.csv", { limits: { maxBytes: 200, maxRows: 10 } });
    expect(oversized.status).toBe("rejected");
    expect((await listIssues(handle.db, oversized.uploadId, "error", 1))[0]!.reason).toBe(
      "ファイルサイズが上限（0MB）を超えています。年度や自治体で分けてアップロードしてください",
    );
    const tooManyRows = await stage("mhlw", "monthly_support", "monthly-tottori-city-sjis.csv", { limits: { maxBytes: 1e6, maxRows: 2 } });
    expect((await listIssues(handle.db, tooManyRows.uploadId, "error", 1))[0]).toMatchObject({
      line: 4,
      reason: "行数が上限（2行）を超えています。年度や自治体で分けてアップロードしてください",
    });
    const rows = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from staged_monthly_support_statistics where upload_id in (${oversized.uploadId}, ${tooManyRows.uploadId})`);
    expect(rows[0]!.n).toBe(0);
  });

  it("shows warnings without blocking the commit", async () => {
    const result = await stage("tottori-city", "staff_training", "staff-training-warnings.csv");
    expect(await listIssues(handle.db, result.uploadId, "warning", 10)).toEqual([
      { line: 2, column: "修了証取得者数", value: "4", reason: "修了証取得者数が配置人数を上回っています" },
      { line: 2, column: "修了証取得者数", value: "4", reason: "修了証取得者数が前期・後期の両方の修了者数を上回っています" },
    ]);
    await commitUpload(handle.db, await userOf("tottori-city"), result.uploadId);
    expect(await handle.db.select({ certified: staffTraining.certified }).from(staffTraining)).toEqual([{ certified: 4 }]);
  });
});

function csv(rows: string[]): AsyncIterable<Uint8Array> {
  const text = `自治体コード,年度,月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数\n${rows.join("\n")}\n`;
  return (async function* () {
    yield new TextEncoder().encode(text);
  })();
}

describe("commit and revert guarantees", () => {
  it("writes nothing when the last row fails inside the database", async () => {
    // a real database failure on the last row: a trigger that refuses one value
    await handle.db.execute(sql`create or replace function refuse_999999() returns trigger as $$
      begin if new.new_consultations = 999999 then raise exception 'refused by test trigger'; end if; return new; end $$ language plpgsql`);
    await handle.db.execute(sql`create trigger refuse_999999 before insert or update on monthly_support_statistics for each row execute function refuse_999999()`);
    try {
      const rows = Array.from({ length: 50 }, (_, i) => `312029,2024,${(i % 12) + 1},${i < 49 ? 10 + i : 999999},1,1,1,0,0,0`);
      // 50 rows over 12 months repeat keys; keep them unique by spreading over fiscal years
      const unique = rows.map((r, i) => r.replace(",2024,", `,${2010 + Math.floor(i / 12)},`));
      const staged = await stageUpload(handle.db, {
        user: await userOf("mhlw"),
        definition: datasets.monthly_support,
        fileName: "atomic.csv",
        source: csv(unique),
        limits,
        today: "2026-11-23",
      });
      expect((await getUpload(handle.db, staged.uploadId))!.counts).toMatchObject({ new: 50, errorRows: 0 });
      await expect(commitUpload(handle.db, await userOf("mhlw"), staged.uploadId)).rejects.toThrow();
      const written = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from monthly_support_statistics where local_government_code = '312029' and fiscal_year < 2015`);
      expect(written[0]!.n).toBe(0);
      expect((await getUpload(handle.db, staged.uploadId))!.status).toBe("failed");
      const changes = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from upload_changes where upload_id = ${staged.uploadId}`);
      expect(changes[0]!.n).toBe(0);
    } finally {
      await handle.db.execute(sql`drop trigger refuse_999999 on monthly_support_statistics`);
    }
  });

  it("refuses to revert an upload whose values a later upload changed, and says which", async () => {
    const user = await userOf("tottori-pref");
    const first = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "first.csv", source: csv(["312037,2023,4,10,1,1,1,0,0,0", "312037,2023,5,11,1,1,1,0,0,0"]), limits });
    await commitUpload(handle.db, user, first.uploadId);
    const second = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "second.csv", source: csv(["312037,2023,5,20,1,1,1,0,0,0"]), limits, today: "2026-11-23" });
    // FY2023 closed more than 6 months before 2026-11-23: changing its May needs an explanation
    expect((await getUpload(handle.db, second.uploadId))!.counts).toMatchObject({ changed: 1, closedFiscalYearChanges: 1 });
    await commitUpload(handle.db, user, second.uploadId, { explanation: "5月の集計を訂正" });

    const refused = await revertUpload(handle.db, user, first.uploadId);
    expect(refused).toMatchObject({ conflicts: [{ uploadId: second.uploadId, fileName: "second.csv", rows: 1 }], editedRows: 0 });
    expect((await monthly("312037", 2023, 4))[0]!.newConsultations).toBe(10);

    // undo in reverse order: the second restores 11, then the first removes both rows
    expect(await revertUpload(handle.db, user, second.uploadId)).toEqual({ reverted: 1 });
    expect((await monthly("312037", 2023, 5))[0]).toMatchObject({ newConsultations: 11, uploadId: first.uploadId });
    expect(await revertUpload(handle.db, user, first.uploadId)).toEqual({ reverted: 2 });
    expect(await monthly("312037", 2023, 5)).toEqual([]);
    const audit = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action = 'upload.revert'`);
    expect(audit[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it("refuses to revert when a row it added was edited afterwards (not by an upload)", async () => {
    const user = await userOf("tottori-pref");
    const staged = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "edited.csv", source: csv(["312037,2021,4,10,1,1,1,0,0,0", "312037,2021,5,10,1,1,1,0,0,0"]), limits });
    await commitUpload(handle.db, user, staged.uploadId);
    // an edit outside uploads, as a form would make it
    await handle.db
      .update(monthlySupportStatistics)
      .set({ newConsultations: 12, uploadId: null })
      .where(and(eq(monthlySupportStatistics.localGovernmentCode, "312037"), eq(monthlySupportStatistics.year, 2021), eq(monthlySupportStatistics.month, 5)));
    expect(await revertUpload(handle.db, user, staged.uploadId)).toEqual({ conflicts: [], editedRows: 1 });
    expect(await monthly("312037", 2021, 4)).toHaveLength(1);
  });

  it("lands two concurrent uploads for the same body: the later commit wins and both are in the history", async () => {
    const user = await userOf("mhlw");
    const a = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "a.csv", source: csv(["312045,2022,4,100,1,1,1,0,0,0", "312045,2022,5,100,1,1,1,0,0,0"]), limits });
    const b = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "b.csv", source: csv(["312045,2022,5,200,1,1,1,0,0,0", "312045,2022,6,200,1,1,1,0,0,0"]), limits });
    await Promise.all([
      commitUpload(handle.db, user, a.uploadId),
      commitUpload(handle.db, user, b.uploadId),
    ]);
    const committed = await handle.db.select({ id: uploads.id, committedAt: uploads.committedAt }).from(uploads).where(sql`${uploads.id} in (${a.uploadId}, ${b.uploadId})`);
    expect(committed.every((u) => u.committedAt !== null)).toBe(true);
    const later = [...committed].sort((x, y) => (x.committedAt! < y.committedAt! ? -1 : x.committedAt! > y.committedAt! ? 1 : x.id - y.id)).at(-1)!.id;
    expect((await monthly("312045", 2022, 4))[0]!.newConsultations).toBe(100);
    expect((await monthly("312045", 2022, 5))[0]!.newConsultations).toBe(later === b.uploadId ? 200 : 100);
    expect((await monthly("312045", 2022, 6))[0]!.newConsultations).toBe(200);
  });

  it("marks an upload left 'committing' by a dead process as failed at start-up", async () => {
    const user = await userOf("mhlw");
    const staged = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "crashed.csv", source: csv(["312045,2020,4,1,1,1,1,0,0,0"]), limits });
    await handle.db.update(uploads).set({ status: "committing" }).where(eq(uploads.id, staged.uploadId));
    expect(await failInterruptedCommits(handle.db)).toBe(1);
    expect(await getUpload(handle.db, staged.uploadId)).toMatchObject({ status: "failed", message: "確定処理の途中で停止したため、何も反映していません" });
    expect(await monthly("312045", 2020, 4)).toEqual([]);
  });

  it("stores 重層 uploaded by name", async () => {
    const user = await userOf("tottori-pref");
    const result = await stageUpload(handle.db, {
      user,
      definition: datasets.jusou,
      fileName: "jusou.csv",
      source: (async function* () {
        yield new TextEncoder().encode("都道府県名,市区町村名,年度,状況\n鳥取県,北栄町,令和4年度,移行準備事業\n");
      })(),
      limits,
    });
    await commitUpload(handle.db, user, result.uploadId);
    expect(await handle.db.select({ status: jusouStatuses.status }).from(jusouStatuses).where(eq(jusouStatuses.localGovernmentCode, "313726"))).toEqual([
      { status: "transition_preparation" },
    ]);
  });

  it.runIf(!process.env.TEST_DATABASE_URL)("refreshes the planner statistics after a commit of 500 rows or more (PGlite has no autovacuum)", async () => {
    const tuples = async (table: string) =>
      Number((await queryRows<{ n: number }>(handle.db, sql`select reltuples::int as n from pg_class where relname = ${table}`))[0]!.n);
    const count = async (table: string) => Number((await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n);
    const user = await userOf("tottori-pref");
    // 米子市 and 倉吉市, FY2000–FY2024 × 12 months = 600 rows
    const rows = ["312029", "312037"].flatMap((code) => Array.from({ length: 300 }, (_, i) => `${code},${2000 + Math.floor(i / 12)},${(i % 12) + 1},3,1,1,1,0,0,0`));
    const staged = await stageUpload(handle.db, { user, definition: datasets.monthly_support, fileName: "many.csv", source: csv(rows), limits, today: "2026-11-23" });
    expect((await getUpload(handle.db, staged.uploadId))!.counts).toMatchObject({ errorRows: 0 });
    // the rows earlier tests stored in these long-closed years change: that needs an explanation
    await commitUpload(handle.db, user, staged.uploadId, { explanation: "過年度の一括登録" });
    for (const table of ["monthly_support_statistics", "fiscal_year_body_totals", "monthly_prefecture_totals"]) {
      expect(await tuples(table), table).toBe(await count(table));
    }
  });
});
