import { unstable_parseMultipartFormData } from "@remix-run/node";
import type { Database } from "../../../db";
import { writeAudit } from "../audit/write.server";
import {
  applyStagedRows,
  claimForCommit,
  countEditedReplacedRows,
  countInsertedRowsLeft,
  countStagedRows,
  deleteOrphanedStagedRows,
  deleteRowsOfUpload,
  deleteStagedRows,
  deleteUnconfirmedUploadRow,
  failIfStillCommitting,
  failStagingOlderThan,
  getUpload,
  listCommittingUploadIds,
  listLaterChangesOf,
  lockDatasetTable,
  lockUpload,
  listStagedChangesOfConfirmedMonths,
  lockReviewsOfStaged,
  lockReviewsOfUpload,
  lockUploadRow,
  commitClock,
  markCommitted,
  markDiscarded,
  markFailed,
  markReverted,
  recordReplacedRows,
  refreshStatisticsAfter,
  releaseCommitClaim,
  recordSubmittedMonths,
  restoreReplacedRows,
  revertReviewsOfUpload,
  type RevertConflict,
} from "../../../db/queries/uploads";
import { forgetMonthlySubmissions } from "../../../db/queries/reporting";
import { isUniqueViolation } from "../../../db/queries/supervision";
import type { UploadCounts } from "../../../db/schema";
import { datasetIds, datasets, isDatasetId, type DatasetDefinition } from "../../domain/datasets";
import { explanationMaxLength } from "../../domain/outliers";
import { explanationNeededFor } from "../../domain/upload-status";
import { canManageUpload, mayUpload } from "../auth/access";
import { confirmedMonthMessage } from "../../domain/review-states";
import { type YearMonth } from "../../domain/reporting";
import { ConfirmedMonthError, stoppedStagingMessage, UploadForbiddenError, UploadNotFoundError, UploadStateError, UploadStreamError } from "./errors";
import { stageFile, uploadLimitsFromEnv, type StageInput, type StageResult } from "./stage.server";
import type { UploadScope } from "./validate";

// The upload service: every step of an upload (stage, commit, revert, discard) for the web and the
// CLI alike, each with its role or scope check and its audit entry.

export { ConfirmedMonthError, UploadForbiddenError, UploadNotFoundError, UploadStateError, UploadStreamError } from "./errors";
export type { RevertConflict } from "../../../db/queries/uploads";

/** Who acts: a user (id null for the CLI run without --as, which acts as MHLW) and the client's address for the audit log. */
export type UploadActor = UploadScope & { id: number | null; clientAddress?: string | null };

function audit(db: Database, actor: UploadActor, action: "upload.stage" | "upload.commit" | "upload.discard" | "upload.revert", uploadId: number, detail: Record<string, unknown>) {
  return writeAudit(db, { userId: actor.id, action, target: String(uploadId), detail, clientAddress: actor.clientAddress ?? null });
}

/** The upload if the actor may see and manage it; null when missing or out of scope (alike, so existence does not leak). */
export async function loadUpload(db: Database, actor: UploadActor, uploadId: number) {
  const upload = await getUpload(db, uploadId);
  if (!upload) return null;
  // The CLI without --as has no account; it acts as MHLW, whom canManageUpload admits whatever the id.
  return canManageUpload({ ...actor, id: actor.id ?? -1 }, upload) ? upload : null;
}

async function managedUpload(db: Database, actor: UploadActor, uploadId: number): Promise<{ id: number; definition: DatasetDefinition }> {
  const upload = await loadUpload(db, actor, uploadId);
  if (!upload) throw new UploadNotFoundError();
  if (!isDatasetId(upload.dataset)) throw new UploadStateError("操作が正しくありません");
  return { id: upload.id, definition: datasets[upload.dataset] };
}

/** Stages one file for preview (the CLI, tests): checks the role, stages, audits `upload.stage`. */
export async function stageUpload(db: Database, input: Omit<StageInput, "user"> & { user: UploadActor }): Promise<StageResult> {
  if (!mayUpload(input.user, input.definition)) throw new UploadForbiddenError();
  const result = await stageFile(db, input);
  await audit(db, input.user, "upload.stage", result.uploadId, { dataset: input.definition.id });
  return result;
}

export type ReceiveResult = { uploadId: number } | { formError: string; status: number };

class SecondFileError extends Error {}

const receiveMessages = {
  noFile: "ファイルが送られていません。CSVファイルを選んで「内容を確認する」を押してください",
  oneFile: "ファイルは1つだけ選んでください",
  fileName:
    "ファイル名に「=」や「;」が含まれているため受け付けられませんでした。ファイル名からこれらの記号を除いて（例: 集計_2024年5月.csv）アップロードし直してください",
  cutShort: "ファイルを最後まで受け取れませんでした。通信状態を確かめて、もう一度アップロードしてください",
};

/** Removes an upload that was staged but never shown to anyone (its request failed afterwards): row, issues and staged rows. */
async function deleteUnconfirmedUpload(db: Database, uploadId: number, d: DatasetDefinition): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteStagedRows(tx, uploadId, d);
    await deleteUnconfirmedUploadRow(tx, uploadId);
  });
}

/**
 * Stages the file of an upload form (the web): the multipart body streams straight into the staging
 * pipeline, never held whole in memory, and a declared size over the limit is refused before reading
 * anything. Exactly one file is accepted; a request that fails after a file was staged leaves
 * nothing staged. Audited once the request succeeded.
 */
export async function receiveUpload(db: Database, actor: UploadActor, definition: DatasetDefinition, request: Request): Promise<ReceiveResult> {
  if (!mayUpload(actor, definition)) throw new UploadForbiddenError();
  const limits = uploadLimitsFromEnv();
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limits.maxBytes + 64 * 1024) {
    return {
      status: 413,
      formError: `ファイルサイズが上限（${Math.round(limits.maxBytes / 1024 / 1024)}MB）を超えています。年度や自治体で分けてアップロードしてください`,
    };
  }
  if (!/^multipart\/form-data\s*;(.*;)?\s*boundary=/i.test(request.headers.get("Content-Type") ?? "")) return { status: 400, formError: receiveMessages.noFile };
  const staged: number[] = [];
  let files = 0;
  // Errors not thrown by our handler come from reading or parsing the body: the request's fault.
  let handlerError: unknown = null;
  try {
    await unstable_parseMultipartFormData(request, async (part) => {
      try {
        return await receivePart(part);
      } catch (error) {
        handlerError = error;
        throw error;
      }
    });
  } catch (error) {
    for (const id of staged) await deleteUnconfirmedUpload(db, id, definition);
    if (error instanceof SecondFileError) return { status: 400, formError: receiveMessages.oneFile };
    // @web3-storage/multipart-parser cannot read a quoted file name holding "=" or ";"
    if (error instanceof Error && error.message.startsWith("malformed content-disposition")) return { status: 400, formError: receiveMessages.fileName };
    if (error instanceof UploadStreamError || error !== handlerError) return { status: 400, formError: receiveMessages.cutShort };
    if (error instanceof UploadStateError) return { status: 409, formError: error.message };
    throw error;
  }
  if (staged.length === 0) return { status: 400, formError: receiveMessages.noFile };
  await audit(db, actor, "upload.stage", staged[0]!, { dataset: definition.id });
  return { uploadId: staged[0]! };

  async function receivePart({ name, filename, data }: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) {
    if (name !== "file" || !filename) {
      for await (const _chunk of data) {
        // small form fields are not needed
      }
      return undefined;
    }
    files += 1;
    if (files > 1) throw new SecondFileError();
    const result = await stageFile(db, {
      user: { id: actor.id, role: actor.role, prefectureCode: actor.prefectureCode, localGovernmentCode: actor.localGovernmentCode },
      definition,
      fileName: filename,
      source: data,
      limits,
    });
    staged.push(result.uploadId);
    return String(result.uploadId);
  }
}

export type CommitOptions = {
  /** why the flagged values and the changes to long-closed fiscal years are right; required when there are any (ADR 018) */
  explanation?: string | null;
  /** called once the upload is claimed and its transaction starts (for the log) */
  onApplying?: (rows: number) => void;
};

const explanationRequiredMessage = (needed: string) => `${needed}あります。値が正しい理由（例: 制度改正で相談が増えた）を「説明」に入力してから確定してください`;

/**
 * Applies a previewed upload in one transaction: every changed row's previous values are kept in
 * upload_changes, then the rows are upserted. Commits to the same table are serialised. The status
 * moves to 'committing' in its own transaction first, so a commit cut off by a crash is found at start-up.
 * Values flagged against history or peers, and changes to long-closed fiscal years, are committed
 * only with an explanation, stored with the upload.
 */
export async function commitUpload(db: Database, actor: UploadActor, uploadId: number, options: CommitOptions = {}): Promise<UploadCounts> {
  const { definition: d } = await managedUpload(db, actor, uploadId);
  const explanation = options.explanation?.trim().slice(0, explanationMaxLength) || null;
  const claimed = await claimForCommit(db, uploadId);
  if (!claimed) throw new UploadStateError("このアップロードは確定できる状態ではありません（確定済み・取消済み・エラーあり、または処理中です）");
  if ((claimed.counts?.errorRows ?? 0) > 0) {
    await releaseCommitClaim(db, uploadId);
    throw new UploadStateError("エラーのある行があるため確定できません。修正したファイルをアップロードし直してください");
  }
  const needed = explanationNeededFor(claimed.counts);
  if (needed && !explanation) {
    await releaseCommitClaim(db, uploadId);
    throw new UploadStateError(explanationRequiredMessage(needed));
  }
  const { onApplying } = options;
  onApplying?.(claimed.counts?.rows ?? 0);
  let committed: UploadCounts;
  try {
    committed = await db.transaction(async (tx) => {
      await lockUpload(tx, uploadId);
      await lockDatasetTable(tx, d);
      const rows = claimed.counts!;
      const staged = rows.new + rows.changed + rows.unchanged;
      if ((await countStagedRows(tx, uploadId, d)) !== staged) {
        throw new UploadStateError("確認時のデータが見つかりません。ファイルをもう一度アップロードしてください");
      }
      const committedAt = await commitClock(tx);
      const review = d.id === "monthly_support" ? await recordReviewStates(tx, actor, uploadId, committedAt) : null;
      await recordReplacedRows(tx, uploadId, d);
      const applied = await applyStagedRows(tx, uploadId, d);
      const counts: UploadCounts = { ...rows, new: applied.inserted, changed: applied.updated, unchanged: staged - applied.inserted - applied.updated };
      await markCommitted(tx, uploadId, counts, explanation, committedAt);
      await deleteStagedRows(tx, uploadId, d);
      await audit(tx, actor, "upload.commit", uploadId, { dataset: d.id, ...counts, ...(explanation ? { explanation } : {}), ...(review ?? {}) });
      return counts;
    });
  } catch (error) {
    // A month confirmed since the preview: the upload can be confirmed again once the prefecture reopens it.
    if (error instanceof ConfirmedMonthError) {
      await releaseCommitClaim(db, uploadId);
      throw error;
    }
    // A prefecture's first decision on one of the months committed at the same moment (recordSubmittedMonths):
    // nothing was applied; the same preview can be confirmed again.
    if (isUniqueViolation(error)) {
      await releaseCommitClaim(db, uploadId);
      throw new UploadStateError("同じ月への県の確認操作と同時になったため、反映しませんでした。もう一度「確定して反映する」を押してください");
    }
    await markFailed(db, uploadId, "確定処理でエラーが発生したため、何も反映していません");
    throw error;
  }
  await refreshStatisticsAfter(db, d, committed.new + committed.changed);
  return committed;
}

const distinctMonths = (rows: readonly YearMonth[]): YearMonth[] =>
  [...new Map(rows.map((r) => [r.year * 12 + r.month, { year: r.year, month: r.month }])).values()].sort((a, b) => a.year * 12 + a.month - (b.year * 12 + b.month));

/**
 * The review states of the months a monthly upload writes (ADR 022), before its rows are applied: the
 * months' review rows are locked first, so a prefecture's decision on them waits for this commit or
 * this commit sees it. A municipality may not change confirmed months; its months become
 * 提出済（未確認）, those of the prefecture's or MHLW's uploads 確認済.
 */
async function recordReviewStates(tx: Database, actor: UploadActor, uploadId: number, committedAt: string): Promise<{ reviewState: "submitted" | "confirmed"; reviewMonths: number }> {
  await lockReviewsOfStaged(tx, uploadId);
  const municipal = actor.role === "municipality";
  if (municipal) {
    const locked = await listStagedChangesOfConfirmedMonths(tx, uploadId, 1000);
    if (locked.total > 0) throw new ConfirmedMonthError(confirmedMonthMessage(distinctMonths(locked.lines)));
  }
  const reviewState = municipal ? "submitted" : "confirmed";
  const reviewMonths = await recordSubmittedMonths(tx, uploadId, { state: reviewState, userId: actor.id, resubmitsReturned: municipal, submittedAt: committedAt });
  return { reviewState, reviewMonths };
}

export type RevertResult = { reverted: number } | { conflicts: RevertConflict[]; editedRows: number };

/**
 * Restores the values an upload replaced and removes the rows it added. Refused when a later upload
 * changed the same rows, or when the rows were edited after it: reverting would silently undo
 * someone else's change.
 */
export async function revertUpload(db: Database, actor: UploadActor, uploadId: number): Promise<RevertResult> {
  const { definition: d } = await managedUpload(db, actor, uploadId);
  const result = await db.transaction(async (tx): Promise<RevertResult> => {
    await lockDatasetTable(tx, d);
    const upload = await lockUploadRow(tx, uploadId);
    if (upload?.status !== "committed") throw new UploadStateError("確定済みのアップロードだけ取り消せます");
    const reviews = d.id === "monthly_support" ? await lockReviewsOfUpload(tx, uploadId) : [];
    const confirmed = reviews.filter((r) => r.state === "confirmed");
    if (actor.role === "municipality" && confirmed.length > 0) throw new ConfirmedMonthError(confirmedMonthMessage(distinctMonths(confirmed)));
    const conflicts = await listLaterChangesOf(tx, uploadId, d);
    const edited = await countEditedReplacedRows(tx, uploadId, d);
    const insertedGone = (upload.counts?.new ?? 0) - (await countInsertedRowsLeft(tx, uploadId, d));
    const editedRows = edited + Math.max(0, insertedGone - conflicts.reduce((sum, c) => sum + c.rows, 0));
    if (conflicts.length > 0 || editedRows > 0) return { conflicts, editedRows };
    const reverted = (await restoreReplacedRows(tx, uploadId, d)) + (await deleteRowsOfUpload(tx, uploadId, d));
    const reviewMonths = reviews.length > 0 ? await revertReviewsOfUpload(tx, uploadId, actor.id) : 0;
    await markReverted(tx, uploadId, actor.id);
    if (d.id === "monthly_support") await forgetMonthlySubmissions(tx, uploadId);
    await audit(tx, actor, "upload.revert", uploadId, { dataset: d.id, rows: reverted, ...(reviewMonths > 0 ? { reviewMonths } : {}) });
    return { reverted };
  });
  if ("reverted" in result) await refreshStatisticsAfter(db, d, result.reverted);
  return result;
}

/** Discards a previewed upload, or one stuck 「読み込み中」 (its stream died; a live one notices and stops). False if it was neither. */
export async function discardUpload(db: Database, actor: UploadActor, uploadId: number): Promise<boolean> {
  const { definition: d } = await managedUpload(db, actor, uploadId);
  return db.transaction(async (tx) => {
    if (!(await markDiscarded(tx, uploadId))) return false;
    await deleteStagedRows(tx, uploadId, d);
    await audit(tx, actor, "upload.discard", uploadId, { dataset: d.id });
    return true;
  });
}

/**
 * Fails uploads left 「読み込み中」 for longer than any staging takes (a killed process, a lost
 * client) and deletes their staged rows. Instances sharing one database cannot tell each other's live
 * uploads from dead ones, so only age decides; staged rows of uploads no longer staging or previewed
 * are removed too.
 */
export async function failStaleStaging(db: Database, olderThanMinutes: number): Promise<number> {
  const stale = await failStagingOlderThan(db, olderThanMinutes, stoppedStagingMessage);
  for (const id of datasetIds) await deleteOrphanedStagedRows(db, datasets[id]);
  return stale;
}

/** After a crash, uploads left 'committing' by a dead process are failed (their transaction rolled back). */
export async function failInterruptedCommits(db: Database): Promise<number> {
  let failed = 0;
  for (const id of await listCommittingUploadIds(db)) {
    if (await failIfStillCommitting(db, id, "確定処理の途中で停止したため、何も反映していません")) failed += 1;
  }
  return failed;
}
