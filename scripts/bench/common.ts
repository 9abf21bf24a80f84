import { openDatabase, type DatabaseHandle } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { loadBuiltInMasterIfEmpty } from "../../app/server/master/built-in-master";
import { builtInMasterEntries } from "../../app/server/master/national-master.server";
import { sql } from "drizzle-orm";
import { queryRows } from "../../db/client";
import { generateDataset, readDemoSample } from "../../seeds/demo";
import { createDemoUsers } from "../../seeds/demo-users";

/** BENCH_CPU_PROF=<dir>: Node options that make a measured process write a V8 CPU profile there when it ends. */
export function cpuProfileArgs(): string[] {
  return process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
}

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

/** The built-in national master list (every prefecture, municipality and ward); returns its entries. */
export async function loadNationalMaster(handle: DatabaseHandle) {
  await loadBuiltInMasterIfEmpty(handle.db);
  return builtInMasterEntries();
}

/**
 * Samples the process's resident memory and its JavaScript heap while `work` runs; returns the peaks in
 * MB, overall and per phase (`work` names the phase it is in, so the peak can be told apart by stage).
 */
export async function withPeakMemory<T>(
  work: (phase: (name: string) => void) => Promise<T>,
): Promise<{ result: T; peakMb: number; phases: Record<string, { rssMb: number; heapMb: number }> }> {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const phases: Record<string, { rssMb: number; heapMb: number }> = {};
  let current = "start";
  let peak = process.memoryUsage().rss;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak = Math.max(peak, rss);
    const p = (phases[current] ??= { rssMb: 0, heapMb: 0 });
    p.rssMb = Math.max(p.rssMb, mb(rss));
    p.heapMb = Math.max(p.heapMb, mb(heapUsed));
  };
  const timer = setInterval(sample, 20);
  try {
    const result = await work((name) => {
      sample();
      current = name;
    });
    sample();
    return { result, peakMb: peak / 1024 / 1024, phases };
  } finally {
    clearInterval(timer);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The national list, every dataset FY2015–FY2025 for all its implementing bodies (the demo's 862), and the demo accounts. */
export async function loadNationalDataset(handle: DatabaseHandle, label: string): Promise<void> {
  await loadNationalMaster(handle);
  const started = performance.now();
  await handle.db.transaction(async (tx) => {
    await generateDataset(tx, readDemoSample());
    await createDemoUsers(tx);
  });
  const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from monthly_support_statistics`);
  console.log(`${label}: national dataset loaded (${fmt(row!.n)} monthly rows) in ${fmt((performance.now() - started) / 1000, 1)} s`);
  // what autovacuum (PostgreSQL) or the app after a large commit (PGlite) would do next
  await handle.db.execute(sql`analyze`);
}
