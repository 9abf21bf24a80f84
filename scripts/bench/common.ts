import { readFileSync } from "node:fs";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { importMasterList } from "../../db/queries/geography";
import { parseMasterList } from "../../app/lib/master-list";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { generateDataset, readDemoFile, type SampleBody } from "../../seeds/demo";
import { createDemoUsers } from "../../seeds/demo-users";
import { unitHash } from "../../seeds/random";

export const sharedData = process.env.SHARED_DATA_DIR ?? path.resolve("../shared/data");

/** The benchmark databases: in-memory PGlite, and a throwaway database on the PostgreSQL server. */
export async function benchDatabases(): Promise<{ name: string; open: () => Promise<DatabaseHandle & { url?: string }> }[]> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  return [
    {
      name: "PostgreSQL",
      open: async () => {
        const throwaway = await createThrowawayDatabase(serverUrl, "tsunagu_bench");
        const handle = await openDatabase({ driver: "postgres", url: throwaway.url });
        await handle.migrate();
        return {
          ...handle,
          url: throwaway.url,
          close: async () => {
            await handle.close();
            await throwaway.drop();
          },
        };
      },
    },
    {
      name: "PGlite",
      open: async () => {
        const handle = await openDatabase({ driver: "pglite", dataDir: null });
        await handle.migrate();
        return handle;
      },
    },
  ];
}

export async function loadNationalMaster(handle: DatabaseHandle) {
  const { entries } = parseMasterList(readFileSync(path.join(sharedData, "localgovjp-utf8.csv")));
  await importMasterList(handle.db, entries, { asOf: "2000-01-01" });
  return entries;
}

/** Samples the process's resident memory while `work` runs; returns the peak in MB. */
export async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Every body of the national list, with the demo sample's populations where it has them. */
export function nationalSample(entries: Awaited<ReturnType<typeof loadNationalMaster>>): SampleBody[] {
  const { entries: demoEntries } = readDemoFile();
  const demo = new Map(demoEntries.map((e) => [e.code, e.population ?? 0]));
  const prefectures = demoEntries.filter((e) => e.kind === "prefecture");
  return [...prefectures, ...entries]
    .filter((e) => e.kind !== "ward")
    .map((e) => ({
      code: e.code,
      prefectureCode: e.prefectureCode,
      name: e.name,
      kind: e.kind,
      population2020: demo.get(e.code) ?? Math.round((e.kind === "town" || e.kind === "village" ? 3_000 : 30_000) * (1 + 9 * unitHash(e.code, "pop"))),
      implementing: e.kind === "prefecture" || e.hasWelfareOffice === true,
      jusouList: "",
    }));
}


/** The national list, every dataset FY2015–FY2025 for all its implementing bodies, and the demo accounts. */
export async function loadNationalDataset(handle: DatabaseHandle, label: string): Promise<void> {
  const entries = await loadNationalMaster(handle);
  const started = performance.now();
  await handle.db.transaction(async (tx) => {
    await generateDataset(tx, nationalSample(entries));
    await createDemoUsers(tx);
  });
  const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from monthly_support_statistics`);
  console.log(`${label}: national dataset loaded (${fmt(row!.n)} monthly rows) in ${fmt((performance.now() - started) / 1000, 1)} s`);
  // what autovacuum (PostgreSQL) or the app after a large commit (PGlite) would do next
  await handle.db.execute(sql`analyze`);
}
