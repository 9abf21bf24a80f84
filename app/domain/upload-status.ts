export const uploadStatuses = ["staging", "previewed", "rejected", "committing", "committed", "failed", "reverted", "discarded"] as const;
export type UploadStatus = (typeof uploadStatuses)[number];

export const uploadStatusLabels: Record<UploadStatus, string> = {
  staging: "読み込み中",
  previewed: "確認待ち（未反映）",
  rejected: "受付不可（ファイルのエラー）",
  committing: "反映中",
  committed: "反映済み",
  failed: "失敗（反映していません）",
  reverted: "取消済み",
  discarded: "破棄済み",
};

/**
 * What in an upload needs an explanation before it may be committed (ADR 018): values flagged against
 * the body's history or its peers, and changes to fiscal years closed long ago. Null when nothing does.
 */
export function explanationNeededFor(counts: { flagged?: number; closedFiscalYearChanges?: number } | null | undefined): string | null {
  const parts: string[] = [];
  if ((counts?.flagged ?? 0) > 0) parts.push(`これまでの値から大きく外れた値が${counts!.flagged}件`);
  if ((counts?.closedFiscalYearChanges ?? 0) > 0) parts.push(`締めてから期間の過ぎた年度の登録済みの数値を変える行が${counts!.closedFiscalYearChanges}件`);
  return parts.length > 0 ? parts.join("、") : null;
}
