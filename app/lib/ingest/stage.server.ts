import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db";
import { diffCounts, loadBodyRecords, stagingTableOf } from "../../../db/queries/uploads";
import { copyCsvInto } from "../../../db/client";
import { uploadIssues, uploads } from "../../../db/schema";
import type { DatasetDefinition } from "../datasets";
import { BodyResolver } from "./body-resolver";
import type { Issue, UploadScope } from "./validate";
import { validateUploadStream, type StoredIssue, type UploadLimits } from "./validate-stream";

export type { UploadLimits } from "./validate-stream";

export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): UploadLimits {
  return {
    maxBytes: Number(env.UPLOAD_MAX_BYTES ?? 20 * 1024 * 1024),
    maxRows: Number(env.UPLOAD_MAX_ROWS ?? 200_000),
  };
}

export type StageInput = {
  user: UploadScope & { id: number | null };
  definition: DatasetDefinition;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  limits: UploadLimits;
  today?: string;
};

export type StageResult = { uploadId: number; status: "previewed" | "rejected"; fileErrors: Issue[] };

/**
 * Stages an uploaded CSV for preview: the stream is validated (validateUploadStream) while the valid
 * records go by COPY into the dataset's typed staging table, a batch at a time (at most one COPY in
 * flight while the next batch is validated). Nothing reaches the target tables here.
 */
export async function stageUpload(db: Database, input: StageInput): Promise<StageResult> {
  const { definition } = input;
  const [upload] = await db
    .insert(uploads)
    .values({ dataset: definition.id, fileName: input.fileName.slice(0, 255), sizeBytes: 0, sha256: "", encoding: "", userId: input.user.id, status: "staging" })
    .returning({ id: uploads.id });
  const uploadId = upload!.id;
  const stagingTable = stagingTableOf(definition);
  const stagingColumns = ["upload_id", "line", "part", ...definition.table.keyColumns.map((k) => k.name), ...definition.table.valueColumns.map((v) => v.name)];
  const storeIssues = async (issues: StoredIssue[]) => {
    if (issues.length === 0) return;
    await db.insert(uploadIssues).values(issues.map((i) => ({ uploadId, severity: i.severity, line: i.line, columnName: i.column, cellValue: i.value, reason: i.reason })));
  };

  const validation = validateUploadStream({
    uploadId,
    user: input.user,
    definition,
    resolver: new BodyResolver(await loadBodyRecords(db)),
    fileName: input.fileName,
    source: input.source,
    limits: input.limits,
    today: input.today ?? new Date().toISOString().slice(0, 10),
  });
  let copying: Promise<void> = Promise.resolve();
  let step = await validation.next();
  while (!step.done) {
    await copying;
    const { copyLines, issues } = step.value;
    if (copyLines.length > 0) {
      copying = copyCsvInto(db, stagingTable, stagingColumns, copyLines.join(""));
      copying.catch(() => {}); // awaited before the next COPY; this only keeps it from counting as unhandled meanwhile
    }
    await storeIssues(issues);
    step = await validation.next();
  }
  await copying;
  const summary = step.value;
  const counts = { rows: summary.rows, errorRows: summary.errorRows, warnings: summary.warnings };
  const file = { sizeBytes: summary.sizeBytes, sha256: summary.sha256, encoding: summary.encoding };
  if (summary.fileErrors.length > 0) {
    await db.execute(sql`delete from ${sql.raw(stagingTable)} where upload_id = ${uploadId}`);
    await storeIssues(summary.fileErrors.map((i) => ({ ...i, severity: "error" as const })));
    await db
      .update(uploads)
      .set({ status: "rejected", ...file, counts: { ...counts, new: 0, changed: 0, unchanged: 0, errorRows: Math.max(counts.errorRows, 1) }, message: summary.fileErrors[0]!.reason })
      .where(eq(uploads.id, uploadId));
    return { uploadId, status: "rejected", fileErrors: summary.fileErrors };
  }
  const diff = await diffCounts(db, uploadId, definition);
  await db.update(uploads).set({ status: "previewed", ...file, counts: { ...counts, ...diff } }).where(eq(uploads.id, uploadId));
  return { uploadId, status: "previewed", fileErrors: [] };
}
