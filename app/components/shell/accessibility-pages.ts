/**
 * The pages the automated accessibility check (axe-core in the browser tests) opens, as the
 * accessibility statement lists them. Paths use the demo data (鳥取県, 鳥取市).
 */
export const accessibilityCheckedPages = [
  { path: "/login", label: "ログイン", loginId: null },
  { path: "/", label: "全国の状況", loginId: "mhlw" },
  { path: "/supervision", label: "スーパーバイズ（全国）", loginId: "mhlw" },
  { path: "/training", label: "研修・修了証（全国）", loginId: "mhlw" },
  { path: "/support", label: "市町村支援（全国）", loginId: "mhlw" },
  { path: "/jusou", label: "重層的支援体制整備事業（全国）", loginId: "mhlw" },
  { path: "/cooperation", label: "生活保護との連携（全国）", loginId: "mhlw" },
  { path: "/completeness", label: "提出状況（全国、提出期限の設定を含む）", loginId: "mhlw" },
  { path: "/prefectures", label: "都道府県一覧", loginId: "mhlw" },
  { path: "/prefectures/31", label: "都道府県（鳥取県）", loginId: "tottori-pref" },
  { path: "/prefectures/31/submissions", label: "提出状況（督促を含む）", loginId: "tottori-pref" },
  { path: "/prefectures/31/supervision?fy=2025", label: "スーパーバイズ（記録の入力を含む）", loginId: "tottori-pref" },
  { path: "/prefectures/31/training?fy=2025", label: "研修（記録の入力を含む）", loginId: "tottori-pref" },
  { path: "/prefectures/31/support", label: "市町村支援（回答の入力を含む）", loginId: "tottori-pref" },
  { path: "/prefectures/31/jusou", label: "重層的支援体制整備事業（鳥取県）", loginId: "tottori-pref" },
  { path: "/prefectures/31/cooperation", label: "生活保護との連携（鳥取県）", loginId: "tottori-pref" },
  { path: "/municipalities/312011", label: "自治体（鳥取市）", loginId: "tottori-city" },
  { path: "/compare?prefectures=31,13", label: "比較", loginId: "mhlw" },
  { path: "/compare/funnel", label: "全国の実施主体のファネルプロット", loginId: "mhlw" },
  { path: "/uploads", label: "アップロード", loginId: "tottori-city" },
  { path: "/uploads/new/monthly_support", label: "アップロード（月次支援状況）", loginId: "tottori-city" },
  { path: "/rules", label: "ルール一覧", loginId: "tottori-city" },
  { path: "/indicators", label: "指標の定義", loginId: "tottori-city" },
  { path: "/indicators/employmentOrIncomeRate", label: "指標の定義（就労・増収率）", loginId: "tottori-city" },
  { path: "/datasets/monthly_support?body=312011&fy=2025", label: "データの一覧", loginId: "tottori-city" },
  { path: "/admin/users", label: "利用者の管理", loginId: "tottori-pref" },
  { path: "/admin/audit", label: "操作履歴", loginId: "mhlw" },
  { path: "/admin/tokens", label: "APIトークンの管理", loginId: "mhlw" },
  { path: "/account/password", label: "パスワードの変更", loginId: "tottori-city" },
  { path: "/account/tokens", label: "APIトークン", loginId: "tottori-pref" },
  { path: "/accessibility", label: "ウェブアクセシビリティ方針", loginId: null },
] as const;

/** The date the statement was last reviewed against the tests. */
export const accessibilityStatementDate = "2026-11-24";
