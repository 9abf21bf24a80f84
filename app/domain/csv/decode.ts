// Japanese offices export CSV as Shift_JIS (CP932) or UTF-8, with or without BOM.

export const csvEncodings = ["utf-8-bom", "utf-8", "shift_jis"] as const;
export type CsvEncoding = (typeof csvEncodings)[number];

export const csvEncodingLabels: Record<CsvEncoding, string> = {
  "utf-8-bom": "UTF-8（BOM付き）",
  "utf-8": "UTF-8",
  shift_jis: "Shift_JIS（CP932）",
};

/** What an upload's stored `encoding` says: a CSV's character encoding, or "xlsx" for an Excel workbook (ADR 020). */
export function uploadEncodingLabel(encoding: string): string {
  if (encoding === "xlsx") return "Excelブック（.xlsx）";
  return csvEncodingLabels[encoding as CsvEncoding] ?? encoding;
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * UTF-8 is tried strictly first: Shift_JIS text is almost never valid UTF-8, while the reverse
 * misreading is common. Node's TextDecoder calls CP932 "shift_jis" (alias "windows-31j").
 */
export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (hasUtf8Bom(bytes)) return "utf-8-bom";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return "utf-8";
  } catch {
    return "shift_jis";
  }
}

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const encoding = detectEncoding(bytes);
  if (encoding === "shift_jis") return { text: new TextDecoder("shift_jis").decode(bytes), encoding };
  return { text: new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes), encoding };
}

/** Header cells as offices write them: full-width parentheses, line breaks, stray spaces. */
export function normalizeHeader(cell: string): string {
  return cell
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^\uFEFF/, "")
    .toLowerCase();
}
