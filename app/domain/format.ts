const numberFormat = new Intl.NumberFormat("ja-JP");

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** share as a percentage with one decimal: 0.6912 -> "69.1%" */
export function formatPercent(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return "－";
  return `${(share * 100).toFixed(1)}%`;
}

/** a rate or an average with one decimal and its unit: 4.697 -> "4.7件"; null -> "－" */
export function formatOneDecimal(value: number | null, unit = ""): string {
  if (value === null || !Number.isFinite(value)) return "－";
  return `${formatDecimal(value, 1)}${unit}`;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** How a user reads dates: 西暦 (2026年2月20日) or 和暦 (令和8年2月20日); stored on the user, default 西暦. */
export const dateStyles = ["western", "japanese"] as const;
export type DateStyle = (typeof dateStyles)[number];
export const dateStyleLabels: Record<DateStyle, string> = { western: "西暦（2026年2月20日）", japanese: "和暦（令和8年2月20日）" };

export function isDateStyle(value: unknown): value is DateStyle {
  return typeof value === "string" && (dateStyles as readonly string[]).includes(value);
}

const westernDate = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "numeric", day: "numeric" });
// NOTE: the era comes from ICU's Japanese calendar, never from a table of our own. ICU writes the
// first year of an era as 1 (令和1/5/1); Japanese documents write 元年, so year "1" becomes 元.
const japaneseDate = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { timeZone: "Asia/Tokyo", era: "long", year: "numeric", month: "numeric", day: "numeric" });
const japaneseMonth = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", { timeZone: "UTC", era: "long", year: "numeric", month: "numeric" });

function partsOf(format: Intl.DateTimeFormat, date: Date) {
  const parts = format.formatToParts(date);
  return (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
}

function eraYearText(get: (type: Intl.DateTimeFormatPartTypes) => string): string {
  const year = get("year");
  return `${get("era")}${year === "1" ? "元" : year}年`;
}

// A page writes the same few dates many times (each body's last contact, the print stamp) and
// formatToParts costs ~2 µs a call: the texts are kept, up to a bound.
const formattedDates = new Map<string, string>();

/** "2026年11月23日" (西暦) or "令和8年11月23日" (和暦) in Japan time, whatever the server's zone. What is not a date is returned as it is. */
export function formatDateJa(iso: string, style: DateStyle = "western"): string {
  const key = `${style} ${iso}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    if (formattedDates.size >= 4096) formattedDates.clear();
    text = dateText(iso, style);
    formattedDates.set(key, text);
  }
  return text;
}

function dateText(iso: string, style: DateStyle): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (style === "japanese") {
    const get = partsOf(japaneseDate, date);
    return `${eraYearText(get)}${get("month")}月${get("day")}日`;
  }
  const get = partsOf(westernDate, date);
  return `${get("year")}年${get("month")}月${get("day")}日`;
}

const timeOfDay = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "numeric", minute: "2-digit", hourCycle: "h23" });
const timeOfDayWithSeconds = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/**
 * "2026年12月2日 14:05" in Japan time, whatever the server's zone; with seconds, a log's
 * "2026年12月2日 14:05:09" (hours in two digits). What is not a time is returned as it is.
 */
export function formatDateTimeJa(iso: string, options: { seconds?: boolean; style?: DateStyle } = {}): string {
  if (Number.isNaN(Date.parse(iso))) return iso;
  const parts = (options.seconds ? timeOfDayWithSeconds : timeOfDay).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const time = `${options.seconds ? get("hour") : Number(get("hour"))}:${get("minute")}${options.seconds ? `:${get("second")}` : ""}`;
  return `${formatDateJa(iso, options.style)} ${time}`;
}

/** A calendar month: "2025年4月" (西暦) or "令和7年4月" (和暦), of {year, month} or a "2025-04" key. Never "2025-04" on a page. */
export function formatMonthJa(month: { year: number; month: number } | string, style: DateStyle = "western"): string {
  const m = typeof month === "string" ? { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) } : month;
  if (!Number.isInteger(m.year) || !Number.isInteger(m.month) || m.month < 1 || m.month > 12) return String(month);
  if (style === "japanese") {
    const get = partsOf(japaneseMonth, new Date(Date.UTC(m.year, m.month - 1, 15)));
    return `${eraYearText(get)}${get("month")}月`;
  }
  return `${m.year}年${m.month}月`;
}

/** A number with separators, or 「－」 when there is none: 181239 -> "181,239". */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "－" : numberFormat.format(value);
}

/** A number with separators and a fixed count of decimals: 1234.56 -> "1,234.6". */
export function formatDecimal(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "－";
  let format = decimalFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("ja-JP", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    decimalFormats.set(digits, format);
  }
  return format.format(value);
}
// one formatter per count of decimals: building one costs far more than using it, and a table formats hundreds of cells
const decimalFormats = new Map<number, Intl.NumberFormat>();

/** The formatters bound to one user's date style (what `useFormat()` hands to components). */
export function formattersFor(style: DateStyle) {
  return {
    style,
    date: (iso: string) => formatDateJa(iso, style),
    dateTime: (iso: string, options: { seconds?: boolean } = {}) => formatDateTimeJa(iso, { ...options, style }),
    month: (month: { year: number; month: number } | string) => formatMonthJa(month, style),
    /** a month of the reporting cycle: 「2026年11月分」 */
    reportingMonth: (month: { year: number; month: number } | string) => `${formatMonthJa(month, style)}分`,
    number: formatCount,
    decimal: formatDecimal,
    percent: formatPercent,
  };
}
export type Formatters = ReturnType<typeof formattersFor>;

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

/** A month as 「2025年4月」 (chart axes, tables). */
export function formatYearMonth(year: number, month: number, style: DateStyle = "western"): string {
  return formatMonthJa({ year, month }, style);
}

/** A fiscal year on a chart axis, short: 「2025年度」. */
export function formatFiscalYearShort(fiscalYear: number): string {
  return `${fiscalYear}年度`;
}

/** A confidence interval as tables show it: 「1.7–24.4」 (「－」 without one). */
export function formatInterval(interval: { lower: number; upper: number } | null, format: (value: number) => string): string {
  if (!interval) return "－";
  return `${format(interval.lower)}–${Number.isFinite(interval.upper) ? format(interval.upper) : "∞"}`;
}
