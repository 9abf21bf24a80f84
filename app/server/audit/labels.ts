import type { AuditAction } from "./write.server";

/** What the audit log calls each action, and the groups the log can be filtered by. */
export const auditActionLabels: Record<AuditAction, string> = {
  "login.succeeded": "ログイン",
  "login.failed": "ログイン失敗",
  "login.locked": "ログイン拒否（連続失敗）",
  "password.change": "パスワード変更",
  "password.change_failed": "パスワード変更の失敗",
  "account.date_style": "日付表示（西暦・和暦）の変更",
  "upload.stage": "アップロード（確認）",
  "upload.commit": "アップロードの確定",
  "upload.discard": "アップロードの破棄",
  "upload.revert": "アップロードの取消",
  "review.confirm": "月次データの確認",
  "review.return": "月次データの差戻し",
  "review.reopen": "確認済み月の再開",
  "master.import": "自治体マスタの取込",
  "supervision.create": "スーパーバイズの記録",
  "supervision.update": "スーパーバイズの修正",
  "supervision.delete": "スーパーバイズの削除",
  "training_session.create": "研修の記録",
  "training_session.update": "研修の修正",
  "training_session.delete": "研修の削除",
  "prefecture_support.update": "市町村支援の回答",
  "user.create": "アカウント作成",
  "user.deactivate": "アカウント無効化",
  "user.activate": "アカウント有効化",
  "user.password_reset": "パスワード再設定",
  "reporting_schedule.update": "提出期限の設定",
  "reminder.send": "督促の送信",
  "worklist.resolve": "要フォローの対応済",
  "body_list.create": "比較リストの作成",
  "body_list.update": "比較リストの変更",
  "body_list.delete": "比較リストの削除",
  "api_token.create": "APIトークンの発行",
  "api_token.revoke": "APIトークンの無効化",
  "api_token.use": "APIトークンの利用（1時間に1件）",
};

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditActionLabels, action);
}

/** The label of an action the log holds; an action of older code, unknown here, as it was written. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? auditActionLabels[action] : action;
}

export const auditCategories = {
  login: { label: "ログイン・パスワード・表示設定", prefixes: ["login.", "password.", "account."] },
  upload: { label: "アップロード・確認", prefixes: ["upload.", "master.", "review."] },
  record: { label: "記録の変更", prefixes: ["supervision.", "training_session.", "prefecture_support."] },
  user: { label: "利用者の管理", prefixes: ["user."] },
  reporting: { label: "提出期限・督促", prefixes: ["reporting_schedule.", "reminder."] },
  worklist: { label: "要フォロー・比較リスト", prefixes: ["worklist.", "body_list."] },
  api: { label: "APIトークン", prefixes: ["api_token."] },
} as const;
export type AuditCategory = keyof typeof auditCategories;
export const auditCategoryIds = Object.keys(auditCategories) as AuditCategory[];

/** The actions of each category, for the filter's grouped options. */
export const auditActionGroups = auditCategoryIds.map((id) => ({
  id,
  label: auditCategories[id].label,
  actions: Object.entries(auditActionLabels)
    .filter(([action]) => auditCategories[id].prefixes.some((p) => action.startsWith(p)))
    .map(([value, label]) => ({ value, label })),
}));
