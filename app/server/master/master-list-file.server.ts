import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { CsvFileError } from "../../domain/csv/stream-decoder";
import { isMasterListHeader, parseMasterList, parseMasterListRows, type MasterListEntry, type MasterListRow } from "../../domain/master-list";
import { uploadFileFormat } from "../uploads/file-format";
import { unreadableWorkbookMessage, xlsxRecordBatches } from "../uploads/xlsx-records";

/**
 * The official list of local governments from a file: a CSV (UTF-8 or Shift_JIS), or a workbook such
 * as 総務省's 「全国地方公共団体コード」 .xlsx, whose first sheet holds the list (the second, 政令指定都市
 * and their wards, is not read) with its header below any title rows. `encoding` is "xlsx" for a workbook.
 */
export async function readMasterListFile(path: string): Promise<{ entries: MasterListEntry[]; encoding: string }> {
  const file = await open(path);
  const head = new Uint8Array(8);
  try {
    await file.read(head, 0, 8, 0);
  } finally {
    await file.close();
  }
  if (uploadFileFormat(head, path) === "csv") return parseMasterList(await readFile(path));
  const rows: MasterListRow[] = [];
  try {
    for await (const batch of xlsxRecordBatches(createReadStream(path), { sheetNames: [], isHeader: isMasterListHeader })) {
      for (const { line, cells } of batch) rows.push({ line, cells });
    }
  } catch (error) {
    throw error instanceof CsvFileError ? error : new CsvFileError(unreadableWorkbookMessage);
  }
  return { entries: parseMasterListRows(rows), encoding: "xlsx" };
}
