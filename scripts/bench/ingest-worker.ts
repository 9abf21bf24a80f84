// The ingestion pipeline alone in its own process, so its peak memory is measured honestly.
// Usage (from bench:ingest): tsx scripts/bench/ingest-worker.ts <postgres url | pglite dir> <file>
import { createReadStream } from "node:fs";
import { openDatabase } from "../../db/client";
import { commitUpload } from "../../db/queries/uploads";
import { datasets } from "../../app/domain/datasets";
import { stageUpload } from "../../app/server/uploads/stage.server";
import { withPeakMemory } from "./common";

const [target, file] = process.argv.slice(2) as [string, string];
const handle = await openDatabase(target.startsWith("postgres") ? { driver: "postgres", url: target } : { driver: "pglite", dataDir: target });
const baseline = process.memoryUsage().rss / 1024 / 1024;
const { result, peakMb } = await withPeakMemory(async () => {
  const start = performance.now();
  const staged = await stageUpload(handle.db, {
    user: { id: null, role: "mhlw", prefectureCode: null, localGovernmentCode: null },
    definition: datasets.monthly_support,
    fileName: "national-monthly.csv",
    source: createReadStream(file, { highWaterMark: 64 * 1024 }),
    limits: { maxBytes: 100 * 1024 * 1024, maxRows: 500_000 },
  });
  const stageMs = performance.now() - start;
  const commitStart = performance.now();
  const counts = await commitUpload(handle.db, staged.uploadId, datasets.monthly_support, null);
  return { stageMs, commitMs: performance.now() - commitStart, totalMs: performance.now() - start, counts };
});
await handle.close();
console.log(JSON.stringify({ ...result, peakMb, baselineMb: baseline }));
