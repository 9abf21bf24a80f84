import type { Database } from "../../../db";
import { getReview, recordReviewEvent, transitionReview, type MonthKey } from "../../../db/queries/approval";
import { getBody } from "../../../db/queries/bodies";
import { reviewCommentMaxLength, reviewStateLabels, reviewTransitions, type ReviewDecision, type ReviewState } from "../../domain/review-states";
import { yearMonthKey } from "../../domain/reporting";
import { writeAudit } from "../audit/write.server";
import { canReviewBody } from "../auth/access";
import type { UserRole } from "../../domain/vocabulary";

// The prefecture's decisions on a body's month (ADR 022): confirm, return with a comment, reopen a
// confirmed month with a reason. Each is checked against the actor's scope, applied only if the month
// is still as the official saw it (its version), recorded as an event and audited, in one transaction.

export type ReviewActor = { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null; clientAddress?: string | null };

export type ReviewRequest = MonthKey & { decision: ReviewDecision; expectedVersion: number; comment?: string | null };

export class ReviewForbiddenError extends Error {
  constructor() {
    super("この自治体の月次データを確認する権限がありません（確認・差戻し・再開はその都道府県の職員が行います）");
  }
}

/** A decision that cannot be applied as asked: the message says why, in Japanese, for the page. */
export class ReviewStateError extends Error {}

const commentRequired: Record<ReviewDecision, string | null> = {
  confirm: null,
  return: "差し戻す理由を「コメント」に入力してください（市町村の画面に表示されます）",
  reopen: "再開する理由を入力してください（監査ログに記録されます）",
};

export async function decideReview(db: Database, actor: ReviewActor, request: ReviewRequest): Promise<{ state: ReviewState; version: number }> {
  const body = await getBody(db, request.localGovernmentCode);
  if (!body || !canReviewBody(actor, { prefectureCode: body.prefectureCode })) throw new ReviewForbiddenError();
  const comment = request.comment?.trim().slice(0, reviewCommentMaxLength) || null;
  const required = commentRequired[request.decision];
  if (required && !comment) throw new ReviewStateError(required);
  const key: MonthKey = { localGovernmentCode: request.localGovernmentCode, year: request.year, month: request.month };
  const transition = reviewTransitions[request.decision];
  return db.transaction(async (tx) => {
    const before = await getReview(tx, key);
    const version = await transitionReview(tx, key, { expectedVersion: request.expectedVersion, from: transition.from, to: transition.to, comment, userId: actor.id });
    if (version === null) {
      // Re-read: a concurrent decision or commit may have committed while this one waited for the row.
      const now = await getReview(tx, key);
      throw new ReviewStateError(conflictMessage(now?.state ?? null, request.expectedVersion === 0 && !now));
    }
    await recordReviewEvent(tx, key, { action: request.decision, fromState: before?.state ?? null, toState: transition.to, comment, userId: actor.id });
    await writeAudit(tx, {
      userId: actor.id,
      action: `review.${request.decision}`,
      target: `${key.localGovernmentCode}:${yearMonthKey(key)}`,
      detail: { localGovernmentCode: key.localGovernmentCode, month: yearMonthKey(key), from: before?.state ?? null, to: transition.to, ...(comment ? { comment } : {}) },
      clientAddress: actor.clientAddress ?? null,
    });
    return { state: transition.to, version };
  });
}

function conflictMessage(state: string | null, noFigures: boolean): string {
  if (noFigures) return "この月のデータはまだ提出されていません";
  const label = state && Object.hasOwn(reviewStateLabels, state) ? reviewStateLabels[state as ReviewState] : "確認の記録なし";
  return `この月の状態は画面を開いた後に変わりました（他の職員の操作か新しいアップロード。現在: ${label}）。最新の内容を確かめてから、もう一度操作してください`;
}
