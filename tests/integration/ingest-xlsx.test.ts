import { createHash } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { getUpload, listIssues, listStagedChanges } from "../../db/queries/uploads";
import { users } from "../../db/schema";
import { datasets } from "../../app/domain/datasets";
import { stageUpload, UploadStreamError } from "../../app/server/uploads/service.server";
import { macroWorkbookMessage, oldExcelMessage } from "../../app/server/uploads/file-format";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

let handle: DatabaseHandle;
const limits = { maxBytes: 20 * 1024 * 1024, maxRows: 200_000 };

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
});
afterAll(async () => {
  await handle.close();
});

async function userOf(loginId: string) {
  const [u] = await handle.db.select().from(users).where(eq(users.loginId, loginId));
  return { id: u!.id, role: u!.role as "mhlw" | "prefecture" | "municipality", prefectureCode: u!.prefectureCode, localGovernmentCode: u!.localGovernmentCode };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function stage(fileName: string, source: AsyncIterable<Uint8Array>, today: string) {
  const result = await stageUpload(handle.db, { user: await userOf("tottori-city"), definition: datasets.monthly_support, fileName, source, limits, today });
  const upload = (await getUpload(handle.db, result.uploadId))!;
  const changes = await listStagedChanges(handle.db, result.uploadId, datasets.monthly_support, 100);
  const errors = await listIssues(handle.db, result.uploadId, "error", 100);
  const warnings = await listIssues(handle.db, result.uploadId, "warning", 100);
  return { result, upload, changes, errors, warnings };
}

const csv = "monthly-tottori-city-sjis.csv";
const xlsx = "monthly-tottori-city.xlsx";
const fixture = (name: string) => createReadStream(`tests/fixtures/${name}`, { highWaterMark: 1024 });
const withoutLine = <T extends { line: number }>(rows: T[]) => rows.map(({ line: _line, ...rest }) => rest);

describe("an .xlsx export of the same figures as a CSV", () => {
  it("previews like the CSV: same rows and staged values, with Excel's row numbers", async () => {
    const fromCsv = await stage(csv, fixture(csv), "2026-11-23");
    const fromXlsx = await stage(xlsx, fixture(xlsx), "2026-11-23");
    expect(fromXlsx.result.status).toBe("previewed");
    expect(fromXlsx.upload.counts).toEqual(fromCsv.upload.counts);
    expect(fromXlsx.upload.counts).toMatchObject({ rows: 3, new: 3, errorRows: 0, warnings: 0 });
    // the title is row 1, a blank row 2, the two-row header rows 3–4
    expect(fromCsv.changes.map((c) => c.line)).toEqual([2, 3, 4]);
    expect(fromXlsx.changes.map((c) => c.line)).toEqual([5, 6, 7]);
    expect(withoutLine(fromXlsx.changes)).toEqual(withoutLine(fromCsv.changes));
    expect(fromXlsx.changes[1]!.rowValues).toMatchObject({ fiscal_year: 2025, new_consultations: 141 });
    const bytes = readFileSync(`tests/fixtures/${xlsx}`);
    expect(fromXlsx.upload).toMatchObject({
      encoding: "xlsx",
      sizeBytes: statSync(`tests/fixtures/${xlsx}`).size,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
  });

  it("reports the same problems at Excel's row numbers", async () => {
    // on 2025-05-15 the June row (CSV line 4, Excel row 7, a formula's result) is a future month
    const fromCsv = await stage(csv, fixture(csv), "2025-05-15");
    const fromXlsx = await stage(xlsx, fixture(xlsx), "2025-05-15");
    expect(fromCsv.errors.map((e) => e.line)).toEqual([4]);
    expect(fromXlsx.errors.map((e) => e.line)).toEqual([7]);
    expect(fromXlsx.errors[0]!.reason).toBe(fromCsv.errors[0]!.reason);
    expect(fromXlsx.upload.counts).toEqual(fromCsv.upload.counts);
    expect(withoutLine(fromXlsx.warnings)).toEqual(withoutLine(fromCsv.warnings));
  });
});

describe("workbooks as offices make them", () => {
  it("refuses a 合計 row and cells without a value at their Excel rows, and stages the rest", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("月次支援状況");
    sheet.getCell("A1").value = "令和7年度 月次支援状況（鳥取市）";
    sheet.mergeCells("A1:K1");
    const header = ["自治体コード", "都道府県名", "市区町村名", "年月", "新規相談受付件数", "プラン作成件数", "就労支援対象者数", "就労者数", "増収者数", "住居確保給付金支給決定件数", "生活保護へのつなぎ件数"];
    sheet.getRow(3).values = header;
    sheet.getRow(4).values = [312011, "鳥取県", "鳥取市", "2025-07", 150, 30, 18, 10, 4, 1, 2];
    sheet.getRow(5).values = [312011, "鳥取県", "鳥取市", "2025-08", { formula: "E4+1" }, 30, 18, 10, 4, 1, 2];
    sheet.getRow(6).values = [312011, "鳥取県", "鳥取市", "2025-09", 150, { error: "#DIV/0!" }, 18, 10, 4, 1, 2];
    sheet.getRow(8).values = ["合計", "", "", "", { formula: "SUM(E4:E6)", result: 300 }, 90, 54, 30, 12, 3, 6];
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const staged = await stage("鳥取市_月次.xlsx", once(bytes), "2026-11-23");
    expect(staged.changes.map((c) => c.line)).toEqual([4]);
    expect(staged.errors).toEqual([
      { line: 5, column: "新規相談受付件数", value: "", reason: "数式の計算結果がファイルに保存されていません。Excelで開いて保存し直すか、値として貼り付けてください" },
      { line: 6, column: "プラン作成件数", value: "#DIV/0!", reason: "エラー値（#DIV/0!）です。数式や参照先を直してください" },
      { line: 8, column: "自治体コード", value: "合計", reason: "合計行は取り込めません。合計・小計の行を削除してください" },
    ]);
  });

  it("fails, without hanging, when the workbook's stream breaks off", async () => {
    const bytes = readFileSync(`tests/fixtures/${xlsx}`);
    async function* cut(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, 3000);
      throw new Error("client gone");
    }
    await expect(stage(xlsx, cut(), "2026-11-23")).rejects.toBeInstanceOf(UploadStreamError);
  });

  it("refuses an old .xls and a macro workbook with how to save them instead", async () => {
    const compound = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const old = await stage("月次.xls", once(compound), "2026-11-23");
    expect(old.result.status).toBe("rejected");
    expect(old.errors).toEqual([{ line: 1, column: "（ファイル全体）", value: "月次.xls", reason: oldExcelMessage }]);
    // the same bytes under another name are still the old format
    expect((await stage("月次.csv", once(compound), "2026-11-23")).errors[0]!.reason).toBe(oldExcelMessage);
    const macro = await stage("月次.xlsm", fixture(xlsx), "2026-11-23");
    expect(macro.errors[0]!.reason).toBe(macroWorkbookMessage);
  });
});
