/** A page tab: where it goes and what it says. */
export type TabItem = { to: string; label: string };

/** The national pages, one tab each. */
export const nationalPages: TabItem[] = [
  { to: "/", label: "全国の状況" },
  { to: "/supervision", label: "スーパーバイズ" },
  { to: "/training", label: "研修・修了証" },
  { to: "/support", label: "市町村支援" },
  { to: "/jusou", label: "重層的支援体制" },
  { to: "/cooperation", label: "生活保護との連携" },
  { to: "/completeness", label: "提出状況" },
];

/** A prefecture's pages; 提出状況 and 月次の確認 only for those who see its body-by-body detail. */
export function prefecturePages(code: string, options: { canSeeDetail: boolean }): TabItem[] {
  const base = `/prefectures/${code}`;
  return [
    { to: base, label: "概要" },
    ...(options.canSeeDetail ? [{ to: `${base}/submissions`, label: "提出状況" }, { to: `${base}/review`, label: "月次の確認" }] : []),
    { to: `${base}/supervision`, label: "スーパーバイズ" },
    { to: `${base}/training`, label: "研修" },
    { to: `${base}/support`, label: "市町村支援" },
    { to: `${base}/jusou`, label: "重層" },
    { to: `${base}/cooperation`, label: "生活保護との連携" },
  ];
}
