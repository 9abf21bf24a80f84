import { CsvFileError } from "../../domain/csv/stream-decoder";

export type UploadFileFormat = "csv" | "xlsx";

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
/** Microsoft's compound file: an old .xls, or an encrypted .xlsx */
const compoundMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

// A workbook with a password to open is stored in the old compound format too.
export const oldExcelMessage =
  "古い形式のExcelファイル（.xls）や、開くときにパスワードが必要なブックは読み取れません。Excelで開き、パスワードを外して「名前を付けて保存」で「Excel ブック（*.xlsx）」か「CSV（コンマ区切り）」を選んで保存し直してください";
export const macroWorkbookMessage =
  "マクロ有効ブック（.xlsm）やバイナリブック（.xlsb）は受け付けません。「Excel ブック（*.xlsx）」か「CSV（コンマ区切り）」で保存し直してください";
export const notWorkbookMessage =
  "ファイル名は .xlsx ですが、Excelブックではありません。Excelで開いて「Excel ブック（*.xlsx）」で保存し直してください";

/**
 * Whether an upload is a CSV (or TSV) text or an Excel workbook, from its first bytes (a workbook is a
 * ZIP archive) and its name; a format we do not read is a file error that says how to save it instead.
 */
export function uploadFileFormat(head: Uint8Array, fileName: string): UploadFileFormat {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? "";
  if (extension === "xls" || startsWith(head, compoundMagic)) throw new CsvFileError(oldExcelMessage);
  if (extension === "xlsm" || extension === "xlsb") throw new CsvFileError(macroWorkbookMessage);
  if (startsWith(head, zipMagic)) return "xlsx";
  if (extension === "xlsx") throw new CsvFileError(notWorkbookMessage);
  return "csv";
}
