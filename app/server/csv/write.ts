import iconv from "iconv-lite";

export { csvCell, csvLine, neutralizeFormula } from "../../domain/csv/format";

export const downloadEncodings = ["utf-8-bom", "shift_jis"] as const;
export type DownloadEncoding = (typeof downloadEncodings)[number];

/** UTF-8 with a BOM so Excel opens it correctly, or Shift_JIS (CP932) for older tools. */
export function encodeCsv(text: string, encoding: DownloadEncoding, first: boolean): Uint8Array {
  if (encoding === "shift_jis") return iconv.encode(text, "cp932");
  return new TextEncoder().encode(first ? `\uFEFF${text}` : text);
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
