import type { CsvRecord } from "../../domain/csv/records";
import { CsvFileError } from "../../domain/csv/stream-decoder";
import type { DatasetDefinition } from "../../domain/datasets";
import type { DatasetRecord, ResolvedBody } from "../../domain/datasets/types";
import { copyCsvField } from "../../../db/client";
import { storedColumnNames } from "../../../db/queries/dataset-tables";
import type { BodyResolver } from "./body-resolver";
import { unchangedTemplateMessage } from "../../domain/datasets/template";
import { uploadRecords } from "./upload-records";
import { checkRecord, equalsTemplateRow, exampleRowIssue, isBlankRow, mapHeader, validateRow, type HeaderMap, type Issue, type UploadScope } from "./validate";

/**
 * One record as a line of the staging table's COPY (copyCsvInto's CSV). Built by join, so each line is
 * one flat string: `+=` would keep a rope of every piece until the batch is sent.
 */
function copyLine(uploadId: number, line: number, part: number, record: DatasetRecord, keyNames: readonly string[], valueNames: readonly string[]): string {
  const fields = new Array<string>(3 + keyNames.length + valueNames.length);
  fields[0] = String(uploadId);
  fields[1] = String(line);
  fields[2] = String(part);
  let i = 3;
  for (const k of keyNames) fields[i++] = copyCsvField(record.key[k]);
  for (const v of valueNames) fields[i++] = copyCsvField(record.values[v]);
  return `${fields.join(",")}\n`;
}

/** A record's key as one string, to find a second line of the same data. */
function keyOf(record: DatasetRecord, keyNames: readonly string[]): string {
  let key = "";
  for (const k of keyNames) key += `${record.key[k]}\u0001`;
  return key;
}

/** Control characters or U+FFFD in the header row mean the bytes were not text in UTF-8 or Shift_JIS. */
function hasUnreadableCharacters(cell: string): boolean {
  for (const ch of cell) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) return true;
  }
  return false;
}

export type UploadLimits = { maxBytes: number; maxRows: number };

export type StoredIssue = Issue & { severity: "error" | "warning" };

/** What to write next: COPY lines for the staging table and issues to keep. */
export type StagedBatch = { copyLines: string[]; issues: StoredIssue[] };

export type ValidationSummary = {
  rows: number;
  errorRows: number;
  warnings: number;
  /** warnings of the history check: values that need an explanation to be committed */
  flagged: number;
  sizeBytes: number;
  sha256: string;
  encoding: string;
  /** problems with the file as a whole: nothing of it may be staged */
  fileErrors: Issue[];
};

/** A valid row for a check against history, with its cells as the user wrote them (column header, value). */
export type RowToCheck = { line: number; body: ResolvedBody; records: DatasetRecord[]; cell: (key: string) => { column: string; value: string } };

/**
 * A check that needs the stored history of the rows' bodies (ADR 018): fed every valid row, it
 * judges them a batch at a time (flush), so history is read per batch of bodies, never per row.
 */
export type HistoryCheck = { add(row: RowToCheck): void; flush(): Promise<Issue[]> };

export type ValidationInput = {
  uploadId: number;
  user: UploadScope;
  definition: DatasetDefinition;
  resolver: BodyResolver;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  limits: UploadLimits;
  today: string;
  /** warnings against history, for datasets that have them */
  historyCheck?: HistoryCheck;
};

const storedIssueLimit = 1000;
const batchSize = 5_000;

/**
 * Reads an uploaded CSV or Excel workbook as a stream — bytes counted and hashed, read into records
 * that carry the file's own line (or Excel row) numbers (upload-records.ts), validated row by row —
 * and yields what to stage, a batch at a time, without touching the database. Memory stays bounded
 * by the batch size whatever the file size; the counts come back at the end.
 */
export async function* validateUploadStream(input: ValidationInput): AsyncGenerator<StagedBatch, ValidationSummary> {
  const { definition, limits, uploadId } = input;
  let line = 0;
  const source = uploadRecords({
    fileName: input.fileName,
    source: input.source,
    maxBytes: limits.maxBytes,
    workbook: { sheetNames: [definition.label, definition.id], isHeader: (cells) => "map" in mapHeader(definition, cells) },
  });

  let header: HeaderMap | null = null;
  let rows = 0;
  let errorRows = 0;
  let warnings = 0;
  let flagged = 0;
  let storedIssues = 0;
  const seenKeys = new Map<string, number>();
  /** whether every data row so far equals the template's example row of its place */
  let asTemplate = true;
  const { keys: keyNames, values: valueNames } = storedColumnNames(definition.id);
  let batch: StagedBatch = { copyLines: [], issues: [] };
  const fileErrors: Issue[] = [];
  const keep = (severity: "error" | "warning", found: Issue[]) => {
    for (const i of found) {
      if (storedIssues >= storedIssueLimit * 2) return;
      storedIssues++;
      batch.issues.push({ ...i, severity });
    }
  };

  // The history of a batch is read and judged while the next batch is validated: its warnings join the
  // next batch (or the last), so the database's reads overlap the validation's work.
  let judging: Promise<Issue[]> | null = null;
  const keepJudged = async () => {
    if (!judging) return;
    const found = await judging;
    judging = null;
    warnings += found.length;
    flagged += found.length;
    keep("warning", found);
  };
  /** a file refused whole keeps no warnings: the judging under way is only waited for */
  const dropJudged = async () => {
    await judging?.catch(() => []);
    judging = null;
  };
  const checkHistory = async (last: boolean) => {
    if (!input.historyCheck) return;
    await keepJudged();
    judging = input.historyCheck.flush();
    judging.catch(() => {}); // awaited by keepJudged; this only keeps it from counting as unhandled meanwhile
    if (last) await keepJudged();
  };

  /** One CSV record: the header row maps the columns; every other row is validated and staged. */
  const handleRecord = (csvRecord: CsvRecord): "stop" | "next" => {
    const { cells, quoteError } = csvRecord;
    line = csvRecord.line;
    if (!header) {
      if (cells.some(hasUnreadableCharacters)) {
        throw new CsvFileError("テキストのCSVファイルではありません（読めない文字が含まれています）。Excelの「CSV（コンマ区切り）」で保存してください");
      }
      if (quoteError) {
        fileErrors.push({
          line: quoteError.line,
          column: "（見出し行）",
          value: cells.join(",").slice(0, 200),
          reason: "見出し行の引用符（\"）が正しく閉じられていないため、列を読み取れません。引用符を閉じるか削除してください",
        });
        return "stop";
      }
      const mapped = mapHeader(definition, cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c)));
      if ("errors" in mapped) {
        fileErrors.push(...mapped.errors.map((e) => ({ ...e, line })));
        return "stop";
      }
      header = mapped.map;
      if (header.ignored.length > 0) {
        warnings++;
        keep("warning", [{ line, column: header.ignored.join("、").slice(0, 100), value: "", reason: "この列は取り込みません（見出しが項目名と一致しません）" }]);
      }
      return "next";
    }
    if (!quoteError && isBlankRow(cells)) return "next";
    rows++;
    if (rows > limits.maxRows) {
      throw new CsvFileError(`行数が上限（${limits.maxRows.toLocaleString("ja-JP")}行）を超えています。年度や自治体で分けてアップロードしてください`);
    }
    if (asTemplate) asTemplate = equalsTemplateRow(definition, header, cells, rows - 1);
    const unreadable = checkRecord(header, csvRecord);
    if (unreadable) {
      errorRows++;
      keep("error", [unreadable]);
      return "next";
    }
    const result = validateRow(definition, header, input.resolver, input.user, cells, line, input.today);
    const example = exampleRowIssue(header, cells, line);
    const rowErrors = result.errors;
    if (example) rowErrors.unshift(example);
    for (const record of result.records) {
      const key = keyOf(record, keyNames);
      const earlier = seenKeys.get(key);
      if (earlier !== undefined && earlier !== line) {
        const first = definition.columns[0]!;
        rowErrors.push({
          line,
          column: header.headerOf.get(first.key) ?? first.header,
          value: cells[header.indexOf.get(first.key) ?? 0] ?? "",
          reason: `${earlier}行目と同じデータ（同じ自治体・期間など）が重複しています`,
        });
      } else seenKeys.set(key, line);
    }
    if (rowErrors.length > 0) {
      errorRows++;
      keep("error", rowErrors);
    } else {
      if (input.historyCheck && result.body) {
        const columns = header;
        input.historyCheck.add({
          line,
          body: result.body,
          records: result.records,
          cell: (key) => ({ column: columns.headerOf.get(key) ?? key, value: (cells[columns.indexOf.get(key) ?? -1] ?? "").slice(0, 200) }),
        });
      }
      for (let part = 0; part < result.records.length; part++) batch.copyLines.push(copyLine(uploadId, line, part, result.records[part]!, keyNames, valueNames));
    }
    if (result.warnings.length > 0) {
      warnings += result.warnings.length;
      keep("warning", result.warnings);
    }
    return "next";
  };

  try {
    records: for await (const records of source.batches) {
      for (let i = 0; i < records.length; i++) {
        if (handleRecord(records[i]!) === "stop") break records;
        // an earlier batch's COPY and history reads move on only when the event loop polls their sockets:
        // without a turn every few hundred rows, each of their round trips waits for a whole chunk of the file
        if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
      }
      if (batch.copyLines.length >= batchSize || batch.issues.length >= batchSize) {
        await checkHistory(false);
        yield batch;
        batch = { copyLines: [], issues: [] };
      }
    }
    if (!header && fileErrors.length === 0) fileErrors.push({ line: 1, column: "（ファイル全体）", value: input.fileName, reason: "ファイルが空です" });
    else if (header && rows === 0 && fileErrors.length === 0) {
      fileErrors.push({ line: 2, column: "（ファイル全体）", value: input.fileName, reason: "データ行がありません（見出し行だけです）" });
    } else if (header && asTemplate && rows === definition.templateRows.length && fileErrors.length === 0) {
      fileErrors.push({ line: 2, column: "（ファイル全体）", value: input.fileName, reason: unchangedTemplateMessage });
    }
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    fileErrors.push({ line: Math.max(line, 1), column: "（ファイル全体）", value: input.fileName, reason: error.message });
  }
  if (fileErrors.length === 0) await checkHistory(true);
  else await dropJudged();
  if (fileErrors.length === 0 && (batch.copyLines.length > 0 || batch.issues.length > 0)) yield batch;
  return { rows, errorRows, warnings, flagged, ...source.file(), fileErrors };
}
