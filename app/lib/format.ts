const numberFormat = new Intl.NumberFormat("ja-JP");

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** share as a percentage with one decimal: 0.6912 -> "69.1%" */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return "－";
  return `${(share * 100).toFixed(1)}%`;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** "2026年11月23日" in Japan time, whatever the server's zone. */
export function formatDateJa(iso: string): string {
  const parts = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "numeric", day: "numeric" }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}年${get("month")}月${get("day")}日`;
}
