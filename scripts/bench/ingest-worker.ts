// The ingestion pipeline alone in its own process, so its peak memory is measured honestly.
// Usage (from bench:ingest): tsx scripts/bench/ingest-worker.ts <postgres url | pglite dir> <file>
import { createReadStream } from "node:fs";
import path from "node:path";
import { openDatabase } from "../../db/client";
import { datasets } from "../../app/domain/datasets";
import { listIssues } from "../../db/queries/uploads";
import { commitUpload, stageUpload, type UploadActor } from "../../app/server/uploads/service.server";
import { withPeakMemory } from "./common";

const [target, file] = process.argv.slice(2) as [string, string];
const handle = await openDatabase(target.startsWith("postgres") ? { driver: "postgres", url: target } : { driver: "pglite", dataDir: target });
const baseline = process.memoryUsage().rss / 1024 / 1024;
const actor: UploadActor = { id: null, role: "mhlw", prefectureCode: null, localGovernmentCode: null };
const { result, peakMb, phases } = await withPeakMemory(async (phase) => {
  phase("stage");
  const start = performance.now();
  const staged = await stageUpload(handle.db, {
    user: actor,
    definition: datasets.monthly_support,
    fileName: path.basename(file),
    source: createReadStream(file, { highWaterMark: 64 * 1024 }),
    limits: { maxBytes: 100 * 1024 * 1024, maxRows: 500_000 },
  });
  const stageMs = performance.now() - start;
  const errors = await listIssues(handle.db, staged.uploadId, "error", 5);
  if (errors.length > 0) throw new Error(`the file has errors: ${JSON.stringify(errors)}`);
  phase("commit");
  const commitStart = performance.now();
  // a benchmark file may be far from what is stored (ADR 018): it explains itself
  const counts = await commitUpload(handle.db, actor, staged.uploadId, { explanation: "ベンチマーク" });
  return { stageMs, commitMs: performance.now() - commitStart, totalMs: performance.now() - start, counts };
});
await handle.close();
console.log(JSON.stringify({ ...result, peakMb, baselineMb: baseline, phases }));
