import iconv from "iconv-lite";

export const downloadEncodings = ["utf-8-bom", "shift_jis"] as const;
export type DownloadEncoding = (typeof downloadEncodings)[number];

/**
 * A cell that a spreadsheet would read as a formula (= + - @, or a leading tab / CR) is prefixed
 * with an apostrophe, as OWASP recommends against CSV injection.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown): string {
  const text = neutralizeFormula(value === null || value === undefined ? "" : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** UTF-8 with a BOM so Excel opens it correctly, or Shift_JIS (CP932) for older tools. */
export function encodeCsv(text: string, encoding: DownloadEncoding, first: boolean): Uint8Array {
  if (encoding === "shift_jis") return iconv.encode(text, "cp932");
  return new TextEncoder().encode(first ? `\uFEFF${text}` : text);
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
