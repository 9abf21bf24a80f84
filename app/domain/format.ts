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

/**
 * "2026年12月2日 14:05" in Japan time, whatever the server's zone; with seconds, a log's
 * "2026年12月2日 14:05:09" (hours in two digits). What is not a time is returned as it is.
 */
export function formatDateTimeJa(iso: string, options: { seconds?: boolean } = {}): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const parts = new Intl.DateTimeFormat("ja-JP", {
    timeZone: "Asia/Tokyo",
    hour: options.seconds ? "2-digit" : "numeric",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${options.seconds ? get("hour") : Number(get("hour"))}:${get("minute")}${options.seconds ? `:${get("second")}` : ""}`;
  return `${formatDateJa(iso)} ${time}`;
}

/** The top of a value axis with four equal, round steps (1, 2, 2.5 or 5 × 10ⁿ; whole steps for counts) that reaches `value`. */
export function niceAxisMax(value: number, options: { integer?: boolean } = {}): number {
  if (!(value > 0)) return options.integer ? 4 : 1;
  const quarter = value / 4;
  const magnitude = 10 ** Math.floor(Math.log10(quarter));
  const multiples = options.integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = multiples
    .map((m) => m * magnitude)
    .filter((s) => !options.integer || Number.isInteger(s))
    .concat(options.integer ? [Math.max(1, Math.ceil(quarter))] : [])
    .sort((a, b) => a - b)
    .find((s) => s * 4 >= value - 1e-9)!;
  return Number((step * 4).toPrecision(12));
}

/** A confidence interval as tables show it: 「1.7–24.4」 (「－」 without one). */
export function formatInterval(interval: { lower: number; upper: number } | null, format: (value: number) => string): string {
  if (!interval) return "－";
  return `${format(interval.lower)}–${Number.isFinite(interval.upper) ? format(interval.upper) : "∞"}`;
}
