// Reads an Excel workbook (.xlsx) as a stream into the same records as a CSV file (ADR 020): each
// record carries its Excel row number, cells are text as the CSV reader would give them, and a cell
// that cannot become text (no cached formula result, an error value, TRUE/FALSE) is reported.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import ExcelJS from "exceljs";
import iterateStream from "exceljs/lib/utils/iterate-stream.js";
import parseSax from "exceljs/lib/utils/parse-sax.js";
import unzip, { type ZipEntry } from "unzipper";
import { normalizeHeader } from "../../domain/csv/decode";
import type { CsvRecord } from "../../domain/csv/records";
import { CsvFileError } from "../../domain/csv/stream-decoder";

export type XlsxReadOptions = {
  /** names of the sheet to read (the dataset's label or id); the first worksheet when none matches */
  sheetNames: readonly string[];
  /** whether a row's cells are the dataset's header */
  isHeader: (cells: string[]) => boolean;
  /** how many non-blank rows may stand above the header (titles, notes) */
  headerSearchRows?: number;
  batchSize?: number;
  /** how long a reader may make no progress once every byte has arrived before the file counts as damaged (15 s) */
  stallMs?: number;
};

export const unreadableWorkbookMessage =
  "Excelブック（.xlsx）として読み取れません。ファイルが壊れていないか確かめ、Excelで開いて「Excel ブック（*.xlsx）」か「CSV（コンマ区切り）」で保存し直してください";

/** Whether a number format shows a date or time (y, m, d, h, s; g and e for 和暦), once quoted text, colours, General and exponents are set aside. */
const isDateFormat = (format: string | undefined) =>
  !!format &&
  /[ymdhsge]/i.test(
    format
      .replace(/\[[^\]]*\]/g, "")
      .replace(/"[^"]*"/g, "")
      .replace(/\\./g, "")
      .replace(/General/gi, "")
      .replace(/E[+-]/gi, "")
  );

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(
    Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)
  );
}

/** A number as plain decimal text, as Excel shows it at most (15 significant digits, no exponent, no grouping). */
export function plainNumber(n: number): string {
  const rounded = Number(n.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toLocaleString("en-US", {
    useGrouping: false,
    maximumFractionDigits: 20,
  });
}

/** A date as ISO text: the day alone at midnight (date cells), with the time otherwise. */
function dateText(d: Date): string {
  const iso = new Date(Math.round(d.getTime() / 1000) * 1000).toISOString();
  return iso.endsWith("T00:00:00.000Z")
    ? iso.slice(0, 10)
    : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

type CellText = { text: string; error?: string };

/** The text of a cell as Excel stores it; `error` when it has none that could be read as a value. */
export function cellText(
  value: unknown,
  numFmt: string | undefined,
  date1904: boolean
): CellText {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "number")
    return {
      text: isDateFormat(numFmt)
        ? dateText(excelSerialToDate(value, date1904))
        : plainNumber(value),
    };
  if (value instanceof Date) return { text: dateText(value) };
  if (typeof value === "boolean") {
    return {
      text: value ? "TRUE" : "FALSE",
      error:
        "論理値（TRUE/FALSE）は読み取れません。数値か文字で入力してください",
    };
  }
  if (typeof value === "object") {
    const v = value as {
      richText?: { text?: string }[];
      text?: unknown;
      error?: string;
      formula?: string;
      sharedFormula?: string;
      result?: unknown;
    };
    if (v.richText)
      return { text: v.richText.map((r) => r.text ?? "").join("") };
    if (typeof v.error === "string")
      return {
        text: v.error,
        error: `エラー値（${v.error}）です。数式や参照先を直してください`,
      };
    if ("formula" in v || "sharedFormula" in v) {
      const result = v.result;
      if (result === undefined || result === null) {
        return {
          text: "",
          error:
            "数式の計算結果がファイルに保存されていません。Excelで開いて保存し直すか、値として貼り付けてください",
        };
      }
      if (typeof result === "number" && Number.isNaN(result))
        return {
          text: "",
          error: "数式の結果がエラー値です。数式や参照先を直してください",
        };
      if (typeof result === "object" && result !== null && "error" in result) {
        const e = String((result as { error: unknown }).error);
        return {
          text: e,
          error: `数式の結果がエラー値（${e}）です。数式や参照先を直してください`,
        };
      }
      return cellText(result, numFmt, date1904);
    }
    if (typeof v.text === "string") return { text: v.text }; // a hyperlink
  }
  return { text: String(value) };
}

type WorkbookModel = {
  sheets?: { name: string; state?: string; rId?: string }[];
};

type Row = {
  number: number;
  cells: string[];
  errors: { cell: number; value: string; reason: string }[];
};

/** The column number (1-based) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** One cell of the sheet's XML (<c t="…"><f/><v/></c>) as text, with Excel's stored type. */
export function xmlCellText(
  type: string | undefined,
  value: string | null,
  hasFormula: boolean,
  numFmt: string | undefined,
  sharedStrings: readonly string[],
  date1904: boolean
): CellText {
  if (type === "b") return cellText(value === "1", numFmt, date1904);
  if (type === "e") {
    const error = value ?? "";
    return {
      text: error,
      error: hasFormula
        ? `数式の結果がエラー値（${error}）です。数式や参照先を直してください`
        : `エラー値（${error}）です。数式や参照先を直してください`,
    };
  }
  if (value === null)
    return hasFormula
      ? cellText({ formula: "" }, numFmt, date1904)
      : { text: "" };
  if (type === "s") return { text: sharedStrings[Number(value)] ?? "" };
  if (type === "str" || type === "inlineStr") return { text: value };
  if (type === "d") return cellText(new Date(value), numFmt, date1904);
  return cellText(Number(value), numFmt, date1904);
}
const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** UTF-8 text of a stream of XML bytes, a character split between two chunks kept whole. */
async function* utf8Text(
  chunks: AsyncIterable<Buffer | string>
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text =
      typeof chunk === "string"
        ? chunk
        : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A zip entry as the stream of its decoded text, which ExcelJS's parsers pass on unchanged. */
const decodedEntry = (entry: NodeJS.ReadableStream) =>
  Readable.from(utf8Text(iterateStream(entry)));

type ReaderInternals = {
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
};

type Sheet = {
  name: string;
  rows: () => AsyncGenerator<Row>;
  skip: () => Promise<void>;
};

async function drain(iterator: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of iterator) {
    // read past, so the zip moves on
  }
}
const base = ExcelJS.stream.xlsx.WorkbookReader
  .prototype as unknown as ReaderInternals;

/**
 * ExcelJS 4.4.0's streaming reader, with two mends for Japanese workbooks. It decodes each piece of a
 * zip entry on its own, so a character split between two pieces became two U+FFFD: here every entry is
 * decoded as one stream first. And Japanese Excel keeps the reading (furigana, <rPh>) of IME-typed
 * text beside it in the shared strings, which its reader took for the text: here the readings are left out.
 * Its walk through the zip is replaced too (`parse`, ADR 045).
 */
export class WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  sharedStrings: string[] | undefined;

  /**
   * The zip's entries in order; a worksheet stored before the shared strings and the workbook (as Excel
   * writes them) goes to a temporary file and is read once they are known. ExcelJS's own walk took the
   * zip's entries with `iterate-stream`, which stops at the zip reader's "end" even when entries pushed
   * while it was paused are still waiting: when writing a deferred sheet to disk was slower than reading
   * the rest of the upload (a busy machine), the shared strings and the workbook were never read and a
   * valid workbook came out empty. Node's own iterator reads what is waiting first. The temporary files
   * are removed even when the reading stops early, and the input's failure fails the reading.
   */
  async *parse(): AsyncGenerator<{ eventType: "worksheet"; value: Sheet }> {
    const internal = this as unknown as {
      input: Readable;
      workbookRels?: unknown;
    };
    const zip = unzip.Parse({ forceStream: true });
    const input = internal.input;
    const failInput = (error: Error) => zip.destroy(error);
    input.once("error", failInput);
    input.pipe(zip);
    const waiting: { sheetNo: string; path: string }[] = [];
    let folder: string | undefined;
    try {
      for await (const entry of zip as AsyncIterable<ZipEntry>) {
        const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path)?.[1];
        if (entry.path === "xl/_rels/workbook.xml.rels")
          await base._parseRels.call(this, entry);
        else if (entry.path === "xl/workbook.xml")
          await this._parseWorkbook(entry);
        else if (entry.path === "xl/sharedStrings.xml")
          yield* this._parseSharedStrings(entry);
        else if (entry.path === "xl/styles.xml") await this._parseStyles(entry);
        else if (sheetNo && this.sharedStrings && internal.workbookRels)
          yield* this._parseWorksheet(iterateStream(entry), sheetNo);
        else if (sheetNo) {
          folder ??= await mkdtemp(join(tmpdir(), "tsunagu-xlsx-"));
          const path = join(folder, `sheet${sheetNo}.xml`);
          await pipeline(entry, createWriteStream(path));
          waiting.push({ sheetNo, path });
        } else entry.autodrain();
      }
      for (const { sheetNo, path } of waiting)
        yield* this._parseWorksheet(createReadStream(path), sheetNo);
    } finally {
      input.off("error", failInput);
      input.unpipe(zip);
      zip.destroy();
      if (!input.readableEnded) input.destroy();
      if (folder) await rm(folder, { recursive: true, force: true });
    }
  }

  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void> {
    return base._parseWorkbook.call(this, decodedEntry(entry));
  }

  _parseStyles(entry: NodeJS.ReadableStream): Promise<void> {
    return base._parseStyles.call(this, decodedEntry(entry));
  }

  /** A sheet, as its name and its rows read straight from the XML (ExcelJS's Row and Cell objects cost ~10× the reading). */
  *_parseWorksheet(
    iterator: AsyncIterable<Buffer | string>,
    sheetNo: string
  ): Generator<{ eventType: "worksheet"; value: Sheet }> {
    const internal = this as unknown as {
      workbookRels?: { Id: string; Target: string }[];
      model?: WorkbookModel;
    };
    const rel = (internal.workbookRels ?? []).find(
      (r) =>
        r.Target.replace(/^\/?xl\//, "") === `worksheets/sheet${sheetNo}.xml`
    );
    const name =
      (rel && internal.model?.sheets?.find((s) => s.rId === rel.Id)?.name) ??
      `Sheet${sheetNo}`;
    yield {
      eventType: "worksheet",
      value: {
        name,
        rows: () => this.sheetRows(iterator),
        skip: () => drain(iterator),
      },
    };
  }

  private async *sheetRows(
    iterator: AsyncIterable<Buffer | string>
  ): AsyncGenerator<Row> {
    const styles = (
      this as unknown as {
        styles: { getStyleModel(id: number): { numFmt?: string } | null };
      }
    ).styles;
    const date1904 = Boolean(
      (this as unknown as { properties?: { model?: { date1904?: boolean } } })
        .properties?.model?.date1904
    );
    const strings = this.sharedStrings ?? [];
    let row: Row | null = null;
    let lastRow = 0;
    let column = 0;
    let ref: string | undefined;
    let type: string | undefined;
    let style = 0;
    let value: string | null = null;
    let hasFormula = false;
    let inValue = false;
    let phonetic = 0;
    for await (const events of parseSax(utf8Text(iterator))) {
      const done: Row[] = [];
      for (const { eventType, value: node } of events) {
        if (eventType === "text") {
          if (inValue) value = (value ?? "") + node;
        } else if (eventType === "opentag") {
          const name = node.name;
          if (name === "row") {
            lastRow = Number(node.attributes.r) || lastRow + 1;
            row = { number: lastRow, cells: [], errors: [] };
            column = 0;
          } else if (name === "c" && row) {
            ref = node.attributes.r;
            column = ref ? columnOf(ref) : column + 1;
            type = node.attributes.t;
            style = Number(node.attributes.s ?? 0);
            value = null;
            hasFormula = false;
          } else if (name === "f") hasFormula = true;
          else if (name === "v") inValue = true;
          else if (name === "rPh") phonetic++;
          else if (name === "t" && type === "inlineStr")
            inValue = phonetic === 0;
        } else {
          const name = node.name;
          if (name === "v" || name === "t") inValue = false;
          else if (name === "rPh") phonetic--;
          else if (name === "c" && row) {
            const numFmt = style
              ? styles.getStyleModel(style)?.numFmt ?? undefined
              : undefined;
            const { text, error } = xmlCellText(
              type,
              value,
              hasFormula,
              numFmt,
              strings,
              date1904
            );
            while (row.cells.length < column - 1) row.cells.push("");
            row.cells[column - 1] = text;
            if (error)
              row.errors.push({ cell: column - 1, value: text, reason: error });
          } else if (name === "row" && row) done.push(row);
        }
      }
      yield* done;
    }
  }

  // ExcelJS runs it with yield*; the strings are kept, nothing is emitted
  // eslint-disable-next-line require-yield
  async *_parseSharedStrings(
    entry: NodeJS.ReadableStream
  ): AsyncGenerator<never> {
    const strings: string[] = [];
    let text = "";
    let inText = false;
    let phonetic = 0;
    for await (const events of parseSax(utf8Text(iterateStream(entry)))) {
      for (const { eventType, value } of events) {
        if (eventType === "opentag") {
          if (value.name === "si") text = "";
          else if (value.name === "rPh") phonetic++;
          else if (value.name === "t") inText = phonetic === 0;
        } else if (eventType === "text") {
          if (inText) text += value;
        } else if (eventType === "closetag") {
          if (value.name === "t") inText = false;
          else if (value.name === "rPh") phonetic--;
          else if (value.name === "si") strings.push(text);
        }
      }
    }
    this.sharedStrings = strings;
  }
}

/**
 * Splits a workbook's bytes into batches of records of one sheet: the sheet named after the dataset,
 * else the first. Rows above the header (a title, possibly merged across the columns, notes, blank
 * rows) are skipped: the header is the first row that `isHeader` accepts, on its own or with the
 * blank cells of a two-row header filled from the row above (cells merged down from it). The header
 * record comes first; data rows follow, blank cells after the last one dropped and padded to the
 * header's width (a row in the file lists only the cells it has); blank rows are left out, as blank
 * lines of a CSV are. Other sheets are read past.
 */
export async function* xlsxRecordBatches(
  bytes: AsyncIterable<Uint8Array>,
  options: XlsxReadOptions
): AsyncGenerator<CsvRecord[]> {
  const searchRows = options.headerSearchRows ?? 10;
  const batchSize = options.batchSize ?? 2000;
  const wanted = new Set(options.sheetNames.map(normalizeHeader));
  const guard = stallGuard(options.stallMs ?? defaultStallMs);
  async function* buffers() {
    for await (const chunk of bytes)
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    guard.inputEnded();
  }
  try {
    yield* readBatches();
  } finally {
    guard.dispose();
  }

  async function* readBatches(): AsyncGenerator<CsvRecord[]> {
    const reader = new WorkbookReader(
      Readable.from(buffers(), { objectMode: false }),
      {
        worksheets: "emit",
        sharedStrings: "cache",
        styles: "cache",
        hyperlinks: "ignore",
        entries: "ignore",
      }
    );
    const internal = reader as unknown as { model?: WorkbookModel };
    let chosen: string | null = null;
    let found = false;

    for await (const worksheet of guard.iterate(reader)) {
      const sheet = worksheet as unknown as Sheet;
      if (chosen === null) {
        const sheets = (internal.model?.sheets ?? []).filter(
          (s) => s.state !== "hidden" && s.state !== "veryHidden"
        );
        chosen =
          (sheets.find((s) => wanted.has(normalizeHeader(s.name))) ?? sheets[0])
            ?.name ?? sheet.name;
      }
      if (sheet.name !== chosen || found) {
        await sheet.skip();
        continue;
      }
      found = true;
      let header: string[] | null = null;
      const above: Row[] = [];
      let batch: CsvRecord[] = [];
      for await (const row of guard.iterate(sheet.rows())) {
        if (!header) {
          if (isBlank(row.cells)) continue;
          const previous = above.at(-1);
          const filled =
            previous && previous.number === row.number - 1
              ? Array.from(
                  { length: Math.max(row.cells.length, previous.cells.length) },
                  (_, i) =>
                    (row.cells[i] ?? "").trim() === ""
                      ? previous.cells[i] ?? ""
                      : row.cells[i]!
                )
              : null;
          if (options.isHeader(row.cells)) header = row.cells;
          else if (filled && options.isHeader(filled)) header = filled;
          else if (above.push(row) >= searchRows) header = above[0]!.cells; // none: the first row, whose missing titles the validation names
          if (header) {
            const line =
              header === above[0]?.cells ? above[0].number : row.number;
            while (header.length > 0 && header.at(-1)!.trim() === "")
              header.pop();
            batch.push({ line, cells: header });
          }
          continue;
        }
        const cells = row.cells;
        if (row.errors.length === 0 && isBlank(cells)) continue;
        while (cells.length > header.length && cells.at(-1)!.trim() === "")
          cells.pop();
        while (cells.length < header.length) cells.push("");
        batch.push(
          row.errors.length > 0
            ? { line: row.number, cells, cellErrors: row.errors }
            : { line: row.number, cells }
        );
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (!header && above.length > 0)
        batch.push({ line: above[0]!.number, cells: above[0]!.cells });
      if (batch.length > 0) yield batch;
    }
    if (!found) throw new CsvFileError("ブックにワークシートがありません");
  }
}

const defaultStallMs = 15_000;

/**
 * ExcelJS's zip reader can wait for ever on some damaged workbooks: every byte has arrived, yet it
 * neither yields nor fails. Once the input has ended, a reader that makes no progress for `stallMs`
 * is given up with the unreadable-workbook message (found by changing single bytes of a fixture).
 * Only time spent waiting on the reader counts, in ticks of a tenth of the limit: a consumer that
 * holds a batch (writing it to the database) is not the reader's stall, and an event loop blocked by
 * other work (a synchronous PGlite query, a busy machine) counts once, not for its whole length.
 */
function stallGuard(stallMs: number) {
  const ticksAllowed = 10;
  let idleTicks = 0;
  let interval: NodeJS.Timeout | undefined;
  let stalled: Error | null = null;
  // One rejecter per step in flight, dropped when the step settles: racing every step against one
  // long-lived promise would pile a reaction on it per row (a national workbook: ~100 MB).
  const waiting = new Set<(error: Error) => void>();
  const tick = () => {
    if (waiting.size === 0) return;
    if (++idleTicks < ticksAllowed) return;
    clearInterval(interval);
    stalled = new CsvFileError(unreadableWorkbookMessage);
    for (const fail of waiting) fail(stalled);
  };
  return {
    inputEnded() {
      interval ??= setInterval(tick, Math.max(1, stallMs / ticksAllowed));
    },
    dispose() {
      clearInterval(interval);
    },
    async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
      const iterator = source[Symbol.asyncIterator]();
      let ended = false;
      try {
        for (;;) {
          if (stalled) throw stalled;
          let fail: (error: Error) => void = () => {};
          const step = await new Promise<IteratorResult<T>>(
            (resolve, reject) => {
              fail = reject;
              waiting.add(fail);
              iterator.next().then(resolve, reject);
            }
          ).finally(() => waiting.delete(fail));
          idleTicks = 0;
          if (step.done) {
            ended = true;
            return;
          }
          yield step.value;
        }
      } finally {
        // A consumer that stops early lets the reader clean up (its temporary files); a stalled
        // reader still has a step in flight, behind which a return would wait for ever.
        if (!ended && !stalled) await iterator.return?.();
      }
    },
  };
}
