// npm run bench:export — the national monthly dataset (every implementing body × FY2016–FY2025 × 12 months,
// ≈111,000 rows) downloaded as CSV and as .xlsx through the download route's own code, against one raw SQL
// select of the same rows in the same process (ADR 028). Prints time and peak RSS on PostgreSQL and PGlite.
import { sql } from "drizzle-orm";
import { copyCsvInto, queryRows } from "../../db/client";
import { dataDownload, downloadQuery } from "../../app/routes/datasets.$dataset.download.server";
import type { SessionUser } from "../../app/server/auth/session.server";
import { monthsOfFiscalYear } from "../../app/domain/fiscal-year";
import { monthlyMetricCatalogue } from "../../app/domain/metric-catalogue";
import { benchDatabases, fmt, loadNationalMaster, withPeakMemory } from "./common";

const fiscalYears = Array.from({ length: 10 }, (_, i) => 2016 + i);
const mhlw: SessionUser = { id: 0, loginId: "bench", displayName: "bench", role: "mhlw", prefectureCode: null, localGovernmentCode: null, mustChangePassword: false, dateStyle: "western" as const };
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Reads a response body to the end as a client would, keeping only the byte count. */
async function drain(response: Response): Promise<number> {
  let bytes = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

const results: string[][] = [];
for (const target of await benchDatabases()) {
  const handle = await target.open();
  try {
    const entries = await loadNationalMaster(handle);
    const bodies = entries.filter((e) => e.hasWelfareOffice === true).map((e) => e.code);
    const lines: string[] = [];
    for (const code of bodies)
      for (const fy of fiscalYears)
        for (const { year, month } of monthsOfFiscalYear(fy)) {
          const n = (Number(code.slice(2, 5)) + month + fy) % 97;
          const seven = [n + 10, Math.floor(n / 3), Math.floor(n / 5), Math.floor(n / 7), Math.floor(n / 11), n % 4, n % 3];
          lines.push([code, year, month, fy, ...monthlyMetricCatalogue.map((_, i) => seven[i] ?? 0)].join(","));
        }
    const columns = ["local_government_code", "year", "month", "fiscal_year", ...monthlyMetricCatalogue.map((m) => m.column)];
    await copyCsvInto(handle.db, "monthly_support_statistics", columns, `${lines.join("\n")}\n`);
    const rowCount = lines.length;
    lines.length = 0;
    global.gc?.();

    const base = mb(process.memoryUsage().rss);
    const download = (format: "csv" | "xlsx") => dataDownload(handle.db, mhlw, "monthly_support", downloadQuery.parse({ format }), "2026-12-01T00:00:00+09:00");
    const row = async (label: string, work: () => Promise<number>) => {
      global.gc?.();
      const before = mb(process.memoryUsage().rss);
      const started = performance.now();
      const { result: bytes, peakMb } = await withPeakMemory(work);
      const ms = performance.now() - started;
      results.push([target.name, label, fmt(ms), fmt((rowCount / ms) * 1000), fmt(mb(bytes), 1), fmt(before), fmt(peakMb), fmt(peakMb - before)]);
    };
    // the downloads first: the reference holds every row in memory at once, which would hide their peaks
    await row("CSV download (UTF-8, 5,000-row pages)", () => drain(download("csv")));
    await row(".xlsx download (ExcelJS WorkbookWriter)", () => drain(download("xlsx")));
    await row("reference: one raw SQL select of the rows", async () => {
      const rows = await queryRows<Record<string, unknown>>(handle.db, sql`select * from monthly_support_statistics order by local_government_code, year, month`);
      if (rows.length !== rowCount) throw new Error(`expected ${rowCount} rows, read ${rows.length}`);
      return Buffer.byteLength(JSON.stringify(rows));
    });
    console.log(`${target.name}: ${fmt(rowCount)} rows done (RSS ${fmt(base)} MB after loading)`);
  } finally {
    await handle.close();
  }
}

console.log("\nbench:export — national monthly dataset, every implementing body × FY2016–FY2025 × 12 months");
console.log(["database", "what", "ms", "rows/s", "MB out", "RSS before (MB)", "peak RSS (MB)", "peak − before (MB)"].join("\t"));
for (const r of results) console.log(r.join("\t"));
