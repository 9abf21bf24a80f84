import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { getUpload, loadBodyRecords } from "../../db/queries/uploads";
import { datasetTables } from "../../db/queries/dataset-tables";
import { csvLine } from "../../app/domain/csv/format";
import { csvRecordBatches, guessDelimiter } from "../../app/domain/csv/records";
import { exportNotesCsv, exportTableCsv, exportColumnKinds, rateText, type ExportTable } from "../../app/domain/table-export";
import { datasetIds, datasets, type DatasetId } from "../../app/domain/datasets";
import { explanationNeededFor } from "../../app/domain/upload-status";
import { BodyResolver } from "../../app/server/uploads/body-resolver";
import { commitUpload, stageUpload } from "../../app/server/uploads/service.server";
import { isBlankRow, type Issue, type UploadScope } from "../../app/server/uploads/validate";
import { validateUploadStream, type StoredIssue, type ValidationSummary } from "../../app/server/uploads/validate-stream";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// Property-based fuzzing of the CSV pipeline: thousands of mutated files (real fixtures and every
// dataset's template, in UTF-8, UTF-8 with BOM and Shift_JIS) must never throw, and every problem
// reported must name a line and a column with a reason.

let handle: DatabaseHandle;
let resolver: BodyResolver;
const limits = { maxBytes: 256 * 1024, maxRows: 2_000 };
const today = "2026-11-24";
const mhlw: UploadScope = { role: "mhlw", prefectureCode: null, localGovernmentCode: null };
const tottoriCity: UploadScope = { role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" };

type Base = { dataset: DatasetId; bytes: Buffer };
const bases: Base[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
  resolver = new BodyResolver(await loadBodyRecords(handle.db));
  for (const id of datasetIds) {
    const d = datasets[id];
    const text = csvLine(d.columns.map((c) => c.header)) + d.templateRows.map((r) => csvLine(r)).join("");
    bases.push({ dataset: id, bytes: Buffer.from(text, "utf8") });
    bases.push({ dataset: id, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]) });
    bases.push({ dataset: id, bytes: iconv.encode(text, "cp932") });
  }
  // CSV files only: the .xlsx fixtures are not CSV, and mutated workbooks are tried in app/server/uploads/xlsx-records.test.ts (ADR 020)
  for (const name of readdirSync("tests/fixtures").filter((f) => /^(monthly|staff-training|jusou)-.*\.(csv|tsv)$/.test(f))) {
    const dataset: DatasetId = name.startsWith("monthly") ? "monthly_support" : name.startsWith("staff") ? "staff_training" : "jusou";
    bases.push({ dataset, bytes: readFileSync(`tests/fixtures/${name}`) });
  }
});
afterAll(async () => {
  await handle.close();
});

const nastyCells = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", " ", "－", "-", "ー", "１，２３４", "1,234", "-5", "1e9", "99999999999999999999", "NaN", "0x1F", "=SUM(A1)", '"', '""', "\u0000", "\uFEFF", "\u3000", "令和元年度", "平成31年度", "R99", "2026-02-30", "13", "131016", "31201", "999999", "鳥取県", "日野町"),
  fc.integer({ min: -1_000_000, max: 10_000_000_000 }).map(String),
);

/** A mutation of a base file: on its bytes or on its cells. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant("cell" as const), row: fc.nat(), column: fc.nat(), value: nastyCells }),
  fc.record({ kind: fc.constant("rows" as const), row: fc.nat(), copies: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant("delimiter" as const), to: fc.constantFrom("\t", ";", "|", ", ") }),
  fc.record({ kind: fc.constant("column" as const), at: fc.nat(), value: nastyCells }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = "at" in m ? m.at % (bytes.length + 1) : 0;
  switch (m.kind) {
    case "flip":
      if (bytes.length === 0) return bytes;
      return Buffer.from(bytes.map((b, i) => (i === at % bytes.length ? m.byte : b)));
    case "insert":
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    case "delete":
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case "truncate":
      return bytes.subarray(0, at);
    case "duplicate":
      return Buffer.concat([bytes.subarray(0, at + m.length), bytes.subarray(at)]);
    default: {
      // cell-level mutations work on the text as a user's editor would see it
      const sjis = !bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) && iconv.decode(bytes, "utf8").includes("\uFFFD");
      const lines = (sjis ? iconv.decode(bytes, "cp932") : bytes.toString("utf8")).split(/\r?\n/);
      if (m.kind === "delimiter") lines.forEach((l, i) => (lines[i] = l.replaceAll(",", m.to)));
      else if (m.kind === "rows") {
        const i = m.row % lines.length;
        lines.splice(i, 0, ...Array.from({ length: m.copies }, () => lines[i]!));
      } else if (m.kind === "cell") {
        const i = m.row % lines.length;
        const cells = lines[i]!.split(",");
        cells[m.column % (cells.length + 1)] = m.value.includes(",") || m.value.includes('"') ? `"${m.value.replaceAll('"', '""')}"` : m.value;
        lines[i] = cells.join(",");
      } else if (m.kind === "column") {
        lines.forEach((l, i) => {
          const cells = l.split(",");
          cells.splice(m.at % (cells.length + 1), 0, i === 0 ? m.value : "");
          lines[i] = cells.join(",");
        });
      }
      const text = lines.join("\r\n");
      return sjis ? iconv.encode(text, "cp932") : Buffer.from(text, "utf8");
    }
  }
}

const fuzzedFile = fc.record({
  base: fc.nat(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  chunk: fc.integer({ min: 1, max: 4096 }),
  municipal: fc.boolean(),
});

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function build(file: { base: number; mutations: Mutation[] }): Base {
  const base = bases[file.base % bases.length]!;
  return { dataset: base.dataset, bytes: file.mutations.reduce(mutate, base.bytes) };
}

/** Data lines of a file without quotes, counted on its text as an editor shows it: the lines after the first non-empty one, blank ones left out. */
function dataLinesOf(bytes: Buffer, encoding: string): number {
  const text = new TextDecoder(encoding === "shift_jis" ? "shift_jis" : "utf-8").decode(bytes);
  const lines = text.split(/\r\n|\r|\n/);
  const delimiter = guessDelimiter(text, true)!;
  const header = lines.findIndex((l) => l.length > 0);
  return header < 0 ? 0 : lines.slice(header + 1).filter((l) => !isBlankRow(l.split(delimiter))).length;
}

function expectNamed(issue: Issue): void {
  expect(Number.isInteger(issue.line) && issue.line >= 1, JSON.stringify(issue)).toBe(true);
  expect(issue.column.trim().length, JSON.stringify(issue)).toBeGreaterThan(0);
  expect(issue.reason.trim().length, JSON.stringify(issue)).toBeGreaterThan(0);
}

describe("CSV pipeline under fuzzing", () => {
  it("parses and validates 3,000 mutated files without an exception, naming a line and a column for every problem", async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedFile, async (file) => {
        const { dataset, bytes } = build(file);
        const definition = datasets[dataset];
        const user = file.municipal && definition.uploadRoles.includes("municipality") ? tottoriCity : mhlw;
        const stream = validateUploadStream({ uploadId: 1, user, definition, resolver, fileName: "fuzz.csv", source: chunksOf(bytes, file.chunk), limits, today });
        const issues: StoredIssue[] = [];
        let staged = 0;
        let step = await stream.next();
        while (!step.done) {
          staged += step.value.copyLines.length;
          issues.push(...step.value.issues);
          step = await stream.next();
        }
        const summary: ValidationSummary = step.value;
        for (const issue of [...issues, ...summary.fileErrors]) expectNamed(issue);
        if (summary.fileErrors.length === 0 && summary.errorRows > 0) expect(issues.some((i) => i.severity === "error")).toBe(true);
        // a file error stops the reading: nothing may be staged; otherwise every byte was read
        if (summary.fileErrors.length > 0) expect(staged).toBe(0);
        else expect(summary.sizeBytes).toBe(bytes.length);
        // without quotes, every data line of the file is one previewed row, whatever its content
        if (summary.fileErrors.length === 0 && !bytes.includes(0x22)) expect(summary.rows).toBe(dataLinesOf(bytes, summary.encoding));
      }),
      { numRuns: 3_000 },
    );
  });

  it("stages, previews and commits 500 mutated files through the database: each ends previewed, rejected or committed, never half-written", async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedFile, async (file) => {
        const { dataset, bytes } = build(file);
        const definition = datasets[dataset];
        const result = await stageUpload(handle.db, { user: { ...mhlw, id: null }, definition, fileName: "fuzz.csv", source: chunksOf(bytes, file.chunk), limits, today });
        const upload = (await getUpload(handle.db, result.uploadId))!;
        expect(["previewed", "rejected"]).toContain(upload.status);
        const stored = await queryRows<{ line: number; column_name: string; reason: string }>(
          handle.db,
          sql`select line, column_name, reason from upload_issues where upload_id = ${result.uploadId}`,
        );
        for (const s of stored) expectNamed({ line: s.line, column: s.column_name, value: "", reason: s.reason });
        if (upload.status === "rejected") expect(stored.length).toBeGreaterThan(0);
        if (upload.status === "previewed" && (upload.counts?.errorRows ?? 0) === 0) {
          // values far from history and changes to long-closed fiscal years (ADR 018) need an explanation: repeated files build a history
          const explanation = explanationNeededFor(upload.counts) ? "確認済み" : null;
          if (explanation) await expect(commitUpload(handle.db, { ...mhlw, id: null }, result.uploadId)).rejects.toThrow("を「説明」に入力してから確定してください");
          const counts = await commitUpload(handle.db, { ...mhlw, id: null }, result.uploadId, { explanation });
          const [written] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from ${datasetTables[dataset].target} where upload_id = ${result.uploadId}`);
          expect(written!.n).toBe(counts.new + counts.changed);
          expect((await getUpload(handle.db, result.uploadId))!.status).toBe("committed");
        }
      }),
      {
        numRuns: 500,
        // always tried: a NUL byte and a lone surrogate in the free text of a supervision record (base 12: its UTF-8 template)
        examples: [
          [{ base: 12, mutations: [{ kind: "cell", row: 1, column: 4, value: "助言\u0000" }], chunk: 7, municipal: false }],
          [{ base: 12, mutations: [{ kind: "cell", row: 1, column: 4, value: "\ud800" }], chunk: 4096, municipal: false }],
          [{ base: 12, mutations: [{ kind: "insert", at: 60, bytes: new Uint8Array([0]) }], chunk: 4096, municipal: false }],
        ],
      },
    );
  });
});

// Downloads (ADR 028): any table a page can describe — any text, counts, rates — comes back from our own
// CSV reader as the same cells, with formulas neutralised and rates as the page shows them.
describe("table downloads under fuzzing", () => {
  it("writes 1,000 random tables whose CSV reads back cell for cell", async () => {
    // labels are the app's own words; the reader guesses a ; or tab delimiter from the header line, so none in them
    const column = fc.record({ label: fc.string({ minLength: 1 }).filter((l) => !/[;\t]/.test(l)), kind: fc.constantFrom(...exportColumnKinds) });
    const tables = fc.array(column, { minLength: 1, maxLength: 6 }).chain((columns) =>
      fc.record({
        columns: fc.constant(columns),
        rows: fc.array(
          fc.tuple(...columns.map((c) => (c.kind === "text" ? fc.oneof(nastyCells, fc.constant(null)) : fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null))))),
          { maxLength: 20 },
        ),
      }),
    );
    const expected = (kind: string, value: string | number | null) => {
      if (value === null) return "";
      // rates as 「69.0%」, numbers with the one decimal the page shows, counts whole (ADR 028)
      const asNumber = (n: number) => (kind === "rate" ? rateText(n) : kind === "number" ? n.toFixed(1) : kind === "count" ? String(Math.round(n)) : String(n));
      const text = typeof value === "number" ? asNumber(value) : value;
      return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
    };
    await fc.assert(
      fc.asyncProperty(tables, async ({ columns, rows }) => {
        const table: ExportTable = { title: "fuzz", notes: [], columns, rows };
        // the title block's # lines first (ADR 035), then what a reader parses
        const text = exportTableCsv(table).slice(exportNotesCsv(table).length);
        const records: string[][] = [];
        for await (const batch of csvRecordBatches((async function* () { yield text; })())) for (const r of batch) records.push(r.cells);
        expect(records[0]).toEqual(columns.map((c) => expected("text", c.label)));
        // a row of only empty cells is a blank line to a reader; every other row comes back as written
        const written = rows.map((r) => columns.map((c, i) => expected(c.kind, r[i] ?? null)));
        expect(records.slice(1).filter((r) => r.some((cell) => cell !== ""))).toEqual(written.filter((r) => r.some((cell) => cell !== "")));
      }),
      { numRuns: 1_000 },
    );
  });
});
