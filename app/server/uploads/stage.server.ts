import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../../db";
import { diffCounts, loadBodyRecords, stagingTableOf, stoppedStagingMessage, UploadStateError } from "../../../db/queries/uploads";
import { copyCsvInto } from "../../../db/client";
import { uploadIssues, uploads } from "../../../db/schema";
import type { DatasetDefinition } from "../../domain/datasets";
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

/** The upload's byte stream broke off (client gone, body shorter than declared, malformed multipart). */
export class UploadStreamError extends Error {
  constructor(cause: unknown) {
    super("the upload stream ended with an error", { cause });
    this.name = "UploadStreamError";
  }
}

async function* tagStreamErrors(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* source;
  } catch (error) {
    throw new UploadStreamError(error);
  }
}


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

  let copying: Promise<void> = Promise.resolve();
  try {
    const validation = validateUploadStream({
      uploadId,
      user: input.user,
      definition,
      resolver: new BodyResolver(await loadBodyRecords(db)),
      fileName: input.fileName,
      source: tagStreamErrors(input.source),
      limits: input.limits,
      today: input.today ?? new Date().toISOString().slice(0, 10),
    });
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
        .where(and(eq(uploads.id, uploadId), eq(uploads.status, "staging")));
      return { uploadId, status: "rejected", fileErrors: summary.fileErrors };
    }
    const diff = await diffCounts(db, uploadId, definition);
    // Conditional: the stale-staging cleanup or the owner's discard may have given up on this upload meanwhile.
    const previewed = await db
      .update(uploads)
      .set({ status: "previewed", ...file, counts: { ...counts, ...diff } })
      .where(and(eq(uploads.id, uploadId), eq(uploads.status, "staging")))
      .returning({ id: uploads.id });
    if (previewed.length === 0) throw new UploadStateError("このアップロードは読み込み中に取り消されました。もう一度アップロードしてください");
    return { uploadId, status: "previewed", fileErrors: [] };
  } catch (error) {
    // Whatever stopped the staging (a broken stream, the database), the upload is dead: fail it and
    // drop its staged rows, or it would stay 「読み込み中」 for ever.
    await copying.catch(() => {});
    await db.update(uploads).set({ status: "failed", message: stoppedStagingMessage }).where(and(eq(uploads.id, uploadId), eq(uploads.status, "staging")));
    await db.execute(sql`delete from ${sql.raw(stagingTable)} where upload_id = ${uploadId}`);
    throw error;
  }
}
