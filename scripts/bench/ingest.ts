// npm run bench:ingest — the upload pipeline on a national monthly file (~110,000 rows) against raw COPY,
// as a CSV and as the same rows in an .xlsx workbook (ADR 020).
import { spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { build } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import { loadBodyRecords } from "../../db/queries/uploads";
import { copyCsvInto, openDatabase } from "../../db/client";
import { datasets } from "../../app/domain/datasets";
import { BodyResolver } from "../../app/server/uploads/body-resolver";
import { mapHeader, validateRow } from "../../app/server/uploads/validate";
import { xlsxRecordBatches } from "../../app/server/uploads/xlsx-records";
import { csvRecordBatches, type CsvRecord } from "../../app/domain/csv/records";
import { StreamingCsvDecoder } from "../../app/domain/csv/stream-decoder";
import { monthsOfFiscalYear } from "../../app/domain/fiscal-year";
import { monthlyMetricCatalogue } from "../../app/domain/metric-catalogue";
import { benchDatabases, cpuProfileArgs, fmt, loadNationalMaster } from "./common";

const definition = datasets.monthly_support;
const header = ["自治体コード", "年度", "月", ...monthlyMetricCatalogue.map((m) => m.label)].join(",");
const fiscalYears = Array.from({ length: 10 }, (_, i) => 2016 + i);

/** The same rows as a workbook, written with ExcelJS's streaming writer as an office export would be: a title row, then the header. */
async function writeWorkbook(file: string, rows: (string | number)[][]): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet(definition.label);
  sheet.addRow(["令和7年度 生活困窮者自立支援制度 月次支援状況（全国）"]).commit();
  sheet.addRow(header.split(",")).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await book.commit();
}

async function countXlsxRecords(file: string): Promise<number> {
  let n = 0;
  const options = { sheetNames: [definition.label], isHeader: (cells: string[]) => "map" in mapHeader(definition, cells) };
  for await (const batch of xlsxRecordBatches(createReadStream(file, { highWaterMark: 64 * 1024 }), options)) n += batch.length;
  return n;
}

type WorkerTimings = {
  stageMs: number;
  commitMs: number;
  totalMs: number;
  peakMb: number;
  baselineMb: number;
  counts: { new: number; unchanged: number };
  phases: Record<"stage" | "commit", { rssMb: number; heapMb: number }>;
};

/** Peak resident memory and JavaScript heap (used, garbage included) of each phase. */
const phaseMemory = (t: WorkerTimings) => `stage ${fmt(t.phases.stage.rssMb)} / ${fmt(t.phases.stage.heapMb)}, commit ${fmt(t.phases.commit.rssMb)} / ${fmt(t.phases.commit.heapMb)}`;

/**
 * The worker as production runs the pipeline: web uploads go through the server bundle that Vite builds,
 * so the worker is built the same way (Vite's esbuild transform, dependencies external) rather than run
 * under tsx, whose transform keeps every function's name by wrapping each closure it creates in a
 * defineProperty call — a quarter of staging's CPU in the validation loops (ADR 037).
 * BENCH_WORKER=tsx runs it under tsx instead (what `npm run import` does).
 */
const workerBundle = "build/bench/ingest-worker.mjs";
async function buildWorker(): Promise<string[]> {
  if (process.env.BENCH_WORKER === "tsx") return ["--import", "tsx", "scripts/bench/ingest-worker.ts"];
  await build({
    configFile: false,
    logLevel: "warn",
    publicDir: false,
    plugins: [tsconfigPaths()],
    ssr: { external: ["@electric-sql/pglite", "postgres"] },
    build: { ssr: "scripts/bench/ingest-worker.ts", outDir: path.dirname(workerBundle), emptyOutDir: true, target: "node20", rollupOptions: { output: { entryFileNames: path.basename(workerBundle) } } },
  });
  return [workerBundle];
}
const workerCommand = await buildWorker();

/** `expect`: the file's rows are all new, or all already stored with the same figures */
function runWorker(workerTarget: string, file: string, rowCount: number, expect: "new" | "unchanged" = "new"): WorkerTimings {
  const worker = spawnSync(process.execPath, [...cpuProfileArgs(), ...workerCommand, workerTarget, file], { encoding: "utf8" });
  if (worker.status !== 0) throw new Error(`worker failed: ${worker.stderr}`);
  const timings = JSON.parse(worker.stdout.trim().split("\n").pop()!) as WorkerTimings;
  if (timings.counts[expect] !== rowCount) throw new Error(`expected ${rowCount} ${expect} rows, committed ${JSON.stringify(timings.counts)}`);
  return timings;
}

async function* rowsOf(file: string): AsyncGenerator<CsvRecord> {
  const decoder = new StreamingCsvDecoder();
  const text = (async function* () {
    for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) yield decoder.push(chunk as Buffer);
    yield decoder.end();
  })();
  for await (const batch of csvRecordBatches(text)) yield* batch;
}

// BENCH_TARGETS=postgresql or pglite runs one database only (default both)
const wanted = (process.env.BENCH_TARGETS ?? "postgresql,pglite").toLowerCase().split(",");
const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-bench-"));
console.log(`bench:ingest — national monthly file, every implementing body × FY2016–FY2025 × 12 months, as CSV and as .xlsx; the pipeline in its own process, ${process.env.BENCH_WORKER === "tsx" ? "under tsx" : "built by Vite as the server bundle is"}`);
try {
  for (const target of (await benchDatabases()).filter((t) => wanted.includes(t.name.toLowerCase()))) {
    const results: string[][] = [];
    const handle = await target.open();
    try {
      const entries = await loadNationalMaster(handle);
      // every implementing body: the 47 prefectures (for their 郡部), every city and special ward
      const bodies = entries.filter((e) => e.hasWelfareOffice === true).map((e) => e.code);
      const lines = [header];
      const workbookRows: (string | number)[][] = [];
      const copyLines: string[] = [];
      for (const code of bodies)
        for (const fy of fiscalYears)
          for (const { year, month } of monthsOfFiscalYear(fy)) {
            const n = (Number(code.slice(2, 5)) + month + fy) % 97;
            const seven = [n + 10, Math.floor(n / 3), Math.floor(n / 5), Math.floor(n / 7), Math.floor(n / 11), n % 4, n % 3];
            const values = monthlyMetricCatalogue.map((_, i) => seven[i] ?? 0);
            lines.push([code, fy, month, ...values].join(","));
            // codes as text, as in a code column formatted as text (a number would lose 01…'s zero)
            workbookRows.push([code, fy, month, ...values]);
            copyLines.push([code, year, month, fy, ...values].join(","));
          }
      const file = path.join(dir, "national-monthly.csv");
      writeFileSync(file, `${lines.join("\r\n")}\r\n`);
      const rowCount = lines.length - 1;
      const workbook = path.join(dir, "national-monthly.xlsx");
      const writeStart = performance.now();
      await writeWorkbook(workbook, workbookRows);
      const writeMs = performance.now() - writeStart;
      workbookRows.length = 0;

      // Reference: raw COPY of the same rows into the same table.
      const copyText = `${copyLines.join("\n")}\n`;
      const copyColumns = ["local_government_code", "year", "month", "fiscal_year", ...monthlyMetricCatalogue.map((m) => m.column)].join(", ");
      // best of three, so the reference is the fastest COPY this machine managed
      let copyMs = Infinity;
      for (let attempt = 0; attempt < 3; attempt++) {
        await handle.db.execute(sql`truncate monthly_support_statistics`);
        const copyStart = performance.now();
        await copyCsvInto(handle.db, "monthly_support_statistics", copyColumns.split(", "), copyText);
        copyMs = Math.min(copyMs, performance.now() - copyStart);
      }
      await handle.db.execute(sql`truncate monthly_support_statistics`);

      // Parse only: decode + read records.
      let parseStart = performance.now();
      let parsed = 0;
      for await (const _row of rowsOf(file)) parsed++;
      const parseMs = performance.now() - parseStart;
      parseStart = performance.now();
      const xlsxParsed = await countXlsxRecords(workbook);
      const xlsxParseMs = performance.now() - parseStart;
      if (xlsxParsed !== parsed) throw new Error(`the workbook gave ${xlsxParsed} records, the CSV ${parsed}`);

      // Parse + validate, no database writes.
      const resolver = new BodyResolver(await loadBodyRecords(handle.db));
      const scope = { role: "mhlw" as const, prefectureCode: null, localGovernmentCode: null };
      parseStart = performance.now();
      let headerMap: ReturnType<typeof mapHeader> | null = null;
      let invalid = 0;
      for await (const { cells, line } of rowsOf(file)) {
        if (!headerMap) {
          headerMap = mapHeader(definition, cells);
          continue;
        }
        if ("errors" in headerMap) throw new Error("bad header");
        if (validateRow(definition, headerMap.map, resolver, scope, cells, line, "2026-11-23").errors.length > 0) invalid++;
      }
      const validateMs = performance.now() - parseStart;
      if (invalid > 0) throw new Error(`${invalid} invalid rows`);

      // The whole pipeline (stream → stage: parse, validate, write staging → commit) in a child
      // process, so the peak memory printed is the pipeline's own. PGlite runs inside that process.
      let workerTarget: string;
      if (handle.target.driver === "postgres") workerTarget = handle.target.url;
      else {
        workerTarget = path.join(dir, "pglite");
        const onDisk = await openDatabase({ driver: "pglite", dataDir: workerTarget });
        await onDisk.migrate();
        await loadNationalMaster(onDisk);
        await onDisk.close();
      }
      const timings = runWorker(workerTarget, file, rowCount);
      const peakMb = timings.peakMb;
      // the same file again over its own figures: every value now has ten years of history to be judged against
      const resubmitted = runWorker(workerTarget, file, rowCount, "unchanged");
      // the same rows again from the workbook, into an empty table
      const again = handle.target.driver === "postgres" ? handle : await openDatabase({ driver: "pglite", dataDir: workerTarget });
      await again.db.execute(sql`truncate monthly_support_statistics`);
      if (again !== handle) await again.close();
      const xlsx = runWorker(workerTarget, workbook, rowCount);

      const rate = (ms: number) => fmt((rowCount / ms) * 1000);
      results.push(
        [target.name, "COPY (reference, best of 3)", fmt(copyMs), rate(copyMs), "100%"],
        [target.name, "parse (decode + read records)", fmt(parseMs), rate(parseMs), ""],
        [target.name, "parse + validate", fmt(validateMs), rate(validateMs), ""],
        [target.name, "stage (parse + validate + staging)", fmt(timings.stageMs), rate(timings.stageMs), ""],
        [target.name, "commit (diff + history + upsert)", fmt(timings.commitMs), rate(timings.commitMs), ""],
        [target.name, "whole pipeline", fmt(timings.totalMs), rate(timings.totalMs), `${fmt((copyMs / timings.totalMs) * 100, 1)}%`],
        [target.name, `peak RSS of the pipeline process (MB; ${fmt(timings.baselineMb)} at start; RSS / heap used by phase: ${phaseMemory(timings)})`, fmt(peakMb), "", ""],
        [target.name, "CSV again over its own figures: stage (every value judged against its body's history)", fmt(resubmitted.stageMs), rate(resubmitted.stageMs), ""],
        [target.name, "CSV again: commit (nothing changes)", fmt(resubmitted.commitMs), rate(resubmitted.commitMs), ""],
        [target.name, "CSV again: whole pipeline", fmt(resubmitted.totalMs), rate(resubmitted.totalMs), `${fmt((copyMs / resubmitted.totalMs) * 100, 1)}%`],
        [target.name, `CSV again: peak RSS (MB; ${phaseMemory(resubmitted)})`, fmt(resubmitted.peakMb), "", ""],
        [target.name, `.xlsx: written by ExcelJS's streaming writer (${fmt(statSync(workbook).size / 1024 / 1024, 1)} MB; CSV ${fmt(statSync(file).size / 1024 / 1024, 1)} MB)`, fmt(writeMs), "", ""],
        [target.name, ".xlsx: parse (unzip + read records)", fmt(xlsxParseMs), rate(xlsxParseMs), ""],
        [target.name, ".xlsx: stage (parse + validate + staging)", fmt(xlsx.stageMs), rate(xlsx.stageMs), ""],
        [target.name, ".xlsx: commit", fmt(xlsx.commitMs), rate(xlsx.commitMs), ""],
        [target.name, ".xlsx: whole pipeline", fmt(xlsx.totalMs), rate(xlsx.totalMs), `${fmt((copyMs / xlsx.totalMs) * 100, 1)}%`],
        [target.name, `.xlsx: peak RSS of the pipeline process (MB; ${fmt(xlsx.baselineMb)} at start; ${phaseMemory(xlsx)})`, fmt(xlsx.peakMb), "", ""],
      );
      // printed as each database finishes, so a long PGlite run does not hide the PostgreSQL figures
      console.log(`\n${target.name}: ${fmt(rowCount)} rows`);
      console.log(["database", "phase", "ms", "rows/s", "vs COPY"].join("\t"));
      for (const r of results) console.log(r.join("\t"));
    } finally {
      await handle.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
