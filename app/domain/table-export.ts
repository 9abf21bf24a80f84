// One description of a downloadable table, rendered as CSV (here) and as .xlsx (table-xlsx.ts).
// Safe on the client: the 「CSVダウンロード」 and 「Excelダウンロード」 buttons of DataTable use it, and the
// server uses it for `?format=csv|xlsx` and the dataset downloads (ADR 028).
import { csvLine } from "./csv/format";
import type { DateStyle } from "./format";

/** text as it is; count = integer with separators; number = one decimal (or the column's `decimals`); rate = a share shown as a percentage */
export const exportColumnKinds = ["text", "count", "number", "rate"] as const;
export type ExportColumnKind = (typeof exportColumnKinds)[number];
export type ExportCell = string | number | null;
/** `decimals`: of a number column, as the page shows it (default 1; the catalogue gives some figures two) */
export type ExportColumn = { label: string; kind: ExportColumnKind; decimals?: number };

export type ExportTable = {
  title: string;
  /** the title block under the title: 条件, 出典, データ時点 … (label, value) */
  notes: { label: string; value: string }[];
  columns: ExportColumn[];
  rows: ExportCell[][];
};

/** What a page's main table is made for: the page's URL without `format`, the reader's 西暦／和暦, and when (ISO). */
export type PageTableContext = { pageUrl: URL; dateStyle: DateStyle; generatedAt: string };

/**
 * What a route may declare in its `handle` export: its main table, for `<page URL>?format=csv|xlsx`
 * (ADR 028). `data` is the page's loader data as JSON gives it.
 */
export type PageDataHandle = { pageTable?: (data: unknown, context: PageTableContext) => ExportTable };

/** A share as the pages show it: 0.6902552204176334 -> "69.0%" (CSV keeps what the page shows). */
export function rateText(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * CSV of a table: the title block as lines starting with `#` (title, then 「label: value」; readers skip
 * them with `comment = "#"`, ADR 035), then the header row, counts as plain integers, numbers with one
 * decimal as shown (「1.5」), rates as 「69.0%」
 * beside their numerator and denominator columns.
 */
export function exportTableCsv(table: ExportTable): string {
  let text = exportNotesCsv(table);
  text += csvLine(table.columns.map((c) => c.label));
  for (const row of table.rows) text += exportRowCsv(table.columns, row);
  return text;
}

/**
 * The title block as comment lines. One cell each, never quoted (a quote before the `#` would hide it
 * from the readers' comment rule): ASCII commas, quotes and line breaks become their full-width forms.
 */
export function exportNotesCsv(table: Pick<ExportTable, "title" | "notes">): string {
  const lines = [table.title, ...table.notes.map((n) => `${n.label}: ${n.value}`)];
  return lines.map((line) => `# ${line.replace(/,/g, "，").replace(/"/g, "＂").replace(/[\r\n]+/g, " ")}\r\n`).join("");
}

export function exportRowCsv(columns: readonly ExportColumn[], row: readonly ExportCell[]): string {
  return csvLine(columns.map((c, i) => csvValue(c, row[i] ?? null)));
}

function csvValue({ kind, decimals = 1 }: ExportColumn, value: ExportCell): ExportCell {
  if (value === null || typeof value === "string") return value;
  if (!Number.isFinite(value)) return null;
  if (kind === "rate") return rateText(value);
  // as the page shows it; the counts beside it carry the exact figure
  if (kind === "number") return value.toFixed(decimals);
  return kind === "count" ? Math.round(value) : value;
}

/** Width of text in a spreadsheet column: full-width (Japanese) characters count as 2. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    // ASCII and half-width katakana are narrow; everything else in our tables (kana, kanji, full-width forms) is wide
    width += code < 0x1100 || (code >= 0xff61 && code <= 0xff9f) ? 1 : 2;
  }
  return width;
}

/** The text a cell shows in the spreadsheet, for sizing its column. */
export function shownText({ kind, decimals = 1 }: ExportColumn, value: ExportCell): string {
  if (value === null) return "";
  if (typeof value === "string") return value;
  if (kind === "rate") return rateText(value);
  if (kind === "count") return Math.round(value).toLocaleString("en-US");
  if (kind === "number") return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return String(value);
}

/** Column widths (in characters) that fit the header and every cell, between 6 and 60. */
export function columnWidths(table: Pick<ExportTable, "columns" | "rows">): number[] {
  return table.columns.map((c, i) => {
    let width = displayWidth(c.label);
    for (const row of table.rows) width = Math.max(width, displayWidth(shownText(c, row[i] ?? null)));
    return Math.min(60, Math.max(6, width + 2));
  });
}

const xlsxNumberFormats: Record<ExportColumnKind, string | undefined> = {
  text: undefined,
  count: "#,##0",
  number: "#,##0.0",
  rate: "0.0%",
};

/** The .xlsx number format of a column: a number column with its decimals. */
export function xlsxNumberFormat({ kind, decimals = 1 }: ExportColumn): string | undefined {
  if (kind !== "number") return xlsxNumberFormats[kind];
  return decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
}

/** File name of the .xlsx twin of a CSV file name. */
export function xlsxFileName(csvFileName: string): string {
  return csvFileName.replace(/\.csv$/i, "") + ".xlsx";
}
