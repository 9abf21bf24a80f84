import { createHash } from "node:crypto";
import { csvRecordBatches, type CsvRecord } from "../../domain/csv/records";
import { CsvFileError, StreamingCsvDecoder } from "../../domain/csv/stream-decoder";
import { uploadFileFormat } from "./file-format";
import { unreadableWorkbookMessage, xlsxRecordBatches, type XlsxReadOptions } from "./xlsx-records";

export type UploadFile = { sizeBytes: number; sha256: string; encoding: string };

export type UploadRecordsInput = {
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  maxBytes: number;
  /** how to find the sheet and its header row in a workbook */
  workbook: Pick<XlsxReadOptions, "sheetNames" | "isHeader" | "stallMs">;
};

const sniffBytes = 8;

/**
 * The records of an uploaded file, CSV or Excel workbook alike: the bytes are counted (over the limit
 * is a file error) and hashed as they stream by; the first bytes and the name decide the reader. A CSV
 * is decoded (UTF-8 or Shift_JIS) and read with its own line numbers; a workbook's sheet is read with
 * Excel's row numbers, its header row found below any title. `file()` is complete once the records are.
 */
export function uploadRecords(input: UploadRecordsInput): { batches: AsyncGenerator<CsvRecord[]>; file: () => UploadFile } {
  const hash = createHash("sha256");
  let size = 0;
  let encoding = "utf-8";
  let sourceError: unknown = null;

  async function* counted(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of input.source) {
        size += chunk.length;
        if (size > input.maxBytes) {
          throw new CsvFileError(`ファイルサイズが上限（${(input.maxBytes / 1024 / 1024).toFixed(0)}MB）を超えています。年度や自治体で分けてアップロードしてください`);
        }
        hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      sourceError = error;
      throw error;
    }
  }

  async function* csvText(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
    const decoder = new StreamingCsvDecoder();
    for await (const chunk of bytes) {
      const decoded = decoder.push(chunk);
      encoding = decoder.encoding;
      if (decoded) yield decoded;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  async function* batches(): AsyncGenerator<CsvRecord[]> {
    const bytes = counted();
    try {
      yield* read(bytes);
    } finally {
      // a reader stopped early (a header error) still closes the upload's stream, as a for-await would
      await bytes.return(undefined);
    }
  }

  async function* read(bytes: AsyncGenerator<Uint8Array>): AsyncGenerator<CsvRecord[]> {
    const head: Uint8Array[] = [];
    let headLength = 0;
    let done = false;
    while (headLength < sniffBytes) {
      const next = await bytes.next();
      if (next.done) {
        done = true;
        break;
      }
      head.push(next.value);
      headLength += next.value.length;
    }
    const first = Buffer.concat(head);
    const format = uploadFileFormat(first, input.fileName);
    async function* replayed(): AsyncGenerator<Uint8Array> {
      if (first.length > 0) yield first;
      if (done) return;
      for (let next = await bytes.next(); !next.done; next = await bytes.next()) yield next.value;
    }
    if (format === "csv") {
      yield* csvRecordBatches(csvText(replayed()));
      return;
    }
    encoding = "xlsx";
    // The zip reader is fed through a pipe, which does not pass errors on: a broken stream ends it
    // instead, and its error is thrown here afterwards.
    async function* endOnError(): AsyncGenerator<Uint8Array> {
      try {
        yield* replayed();
      } catch {
        // kept in sourceError
      }
    }
    try {
      yield* xlsxRecordBatches(endOnError(), input.workbook);
    } catch (error) {
      if (sourceError) throw sourceError;
      if (error instanceof CsvFileError) throw error;
      throw new CsvFileError(unreadableWorkbookMessage);
    }
    if (sourceError) throw sourceError;
  }

  return { batches: batches(), file: () => ({ sizeBytes: size, sha256: hash.digest("hex"), encoding }) };
}
