import type { Database } from "../../../db";
import {
  copyStagedRows,
  createStagingUpload,
  deleteStagedRows,
  diffCounts,
  loadBodyRecords,
  markPreviewed,
  markRejected,
  markStagingFailed,
  storeIssues,
} from "../../../db/queries/uploads";
import { monthlyHistoryOf, peerMonthsOf } from "../../../db/queries/monthly-history";
import type { DatasetDefinition } from "../../domain/datasets";
import { pageToday } from "../pages/today.server";
import { BodyResolver } from "./body-resolver";
import { closedFiscalYearMonths, outlierSettingsFromEnv } from "../env.server";
import type { OutlierSettings } from "../../domain/outliers";
import { stoppedStagingMessage, UploadStateError, UploadStreamError } from "./errors";
import { MonthlyOutlierCheck } from "./outlier-check";
import type { Issue, UploadScope } from "./validate";
import { checkConfirmedMonths, checkStagedRules } from "./staged-rules.server";
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
  /** today in Japan (YYYY-MM-DD); tests set it */
  today?: string;
  /** the setting CLOSED_FISCAL_YEAR_MONTHS, read from the environment when not given */
  closedFiscalYearMonths?: number;
  /** the settings OUTLIER_THRESHOLD and OUTLIER_MIN_HISTORY, read from the environment when not given */
  outlierSettings?: Partial<OutlierSettings>;
};

export type StageResult = { uploadId: number; status: "previewed" | "rejected"; fileErrors: Issue[] };

async function* tagStreamErrors(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* source;
  } catch (error) {
    throw new UploadStreamError(error);
  }
}

/**
 * Stages an uploaded CSV or .xlsx for preview (service.server.ts checks the actor and audits): the stream is
 * validated (validateUploadStream) while the valid records go by COPY into the dataset's typed
 * staging table, a batch at a time (at most one COPY and one write of issues in flight while the next batch is validated).
 * Nothing reaches the target tables here.
 */
export async function stageFile(db: Database, input: StageInput): Promise<StageResult> {
  const { definition } = input;
  const uploadId = await createStagingUpload(db, { dataset: definition.id, fileName: input.fileName, userId: input.user.id });
  const store = (issues: StoredIssue[]) => storeIssues(db, uploadId, issues);

  const today = input.today ?? pageToday();
  // the batch's COPY and its issues are written while the next batch is validated; each waits for its predecessor
  let copying: Promise<void> = Promise.resolve();
  let storing: Promise<void> = Promise.resolve();
  try {
    const validation = validateUploadStream({
      uploadId,
      user: input.user,
      definition,
      resolver: new BodyResolver(await loadBodyRecords(db)),
      fileName: input.fileName,
      source: tagStreamErrors(input.source),
      limits: input.limits,
      today,
      historyCheck: definition.outlierChecked
        ? new MonthlyOutlierCheck(
            (codes) => monthlyHistoryOf(db, codes),
            (months, codes) => peerMonthsOf(db, months, codes),
            input.outlierSettings ?? outlierSettingsFromEnv(),
          )
        : undefined,
    });
    let step = await validation.next();
    while (!step.done) {
      await Promise.all([copying, storing]);
      const { copyLines, issues } = step.value;
      if (copyLines.length > 0) {
        copying = copyStagedRows(db, definition, copyLines.join(""));
        copying.catch(() => {}); // awaited before the next batch's; this only keeps it from counting as unhandled meanwhile
      }
      if (issues.length > 0) {
        storing = store(issues);
        storing.catch(() => {});
      }
      step = await validation.next();
    }
    await Promise.all([copying, storing]);
    const summary = step.value;
    const counts = { rows: summary.rows, errorRows: summary.errorRows, warnings: summary.warnings, flagged: summary.flagged };
    const file = { sizeBytes: summary.sizeBytes, sha256: summary.sha256, encoding: summary.encoding };
    if (summary.fileErrors.length > 0) {
      await deleteStagedRows(db, uploadId, definition);
      await store(summary.fileErrors.map((i) => ({ ...i, severity: "error" as const })));
      await markRejected(db, uploadId, file, { ...counts, new: 0, changed: 0, unchanged: 0, errorRows: Math.max(counts.errorRows, 1) }, summary.fileErrors[0]!.reason);
      return { uploadId, status: "rejected", fileErrors: summary.fileErrors };
    }
    const ruled = await checkStagedRules(db, uploadId, definition, { today, closedFiscalYearMonths: input.closedFiscalYearMonths ?? closedFiscalYearMonths() });
    await store(ruled.issues);
    counts.warnings += ruled.count;
    if (definition.id === "monthly_support" && input.user.role === "municipality") {
      const locked = await checkConfirmedMonths(db, uploadId);
      await store(locked.issues);
      counts.errorRows += locked.count;
    }
    const diff = await diffCounts(db, uploadId, definition);
    // Conditional: the stale-staging cleanup or the owner's discard may have given up on this upload meanwhile.
    if (!(await markPreviewed(db, uploadId, file, { ...counts, closedFiscalYearChanges: ruled.closedFiscalYearChanges, ...diff }))) throw new UploadStateError("このアップロードは読み込み中に取り消されました。もう一度アップロードしてください");
    return { uploadId, status: "previewed", fileErrors: [] };
  } catch (error) {
    // Whatever stopped the staging (a broken stream, the database), the upload is dead: fail it and
    // drop its staged rows, or it would stay 「読み込み中」 for ever.
    await Promise.all([copying.catch(() => {}), storing.catch(() => {})]);
    await markStagingFailed(db, uploadId, stoppedStagingMessage);
    await deleteStagedRows(db, uploadId, definition);
    throw error;
  }
}
