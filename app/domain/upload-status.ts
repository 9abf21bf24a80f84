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
