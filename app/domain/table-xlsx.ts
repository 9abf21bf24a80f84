// The .xlsx rendering of an ExportTable (table-export.ts): the title block, a frozen header row, numbers as
// numbers with their formats (#,##0 and 0.0%), and columns as wide as their Japanese text. It writes into a
// worksheet of either ExcelJS workbook: the browser's in-memory Workbook (DataTable's button) or the server's
// streaming WorkbookWriter (rows are committed as they are written, so memory stays bounded).
import type { Worksheet } from "exceljs";
import { columnWidths, xlsxNumberFormat, type ExportCell, type ExportColumn, type ExportTable } from "./table-export";

type SheetOwner = { addWorksheet(name: string, options?: Parameters<import("exceljs").Workbook["addWorksheet"]>[1]): Worksheet };

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "データ";
}

/**
 * Starts the sheet: title, notes, a blank row, the header (frozen with everything above it), and the
 * columns' widths and formats. Returns a function that writes one data row (and commits it).
 * `widths` defaults to what fits `table.rows`; a streamed table passes its own.
 */
export function startTableSheet(owner: SheetOwner, table: ExportTable, widths?: number[]): (row: readonly ExportCell[]) => void {
  const headerRow = table.notes.length + 3;
  const sheet = owner.addWorksheet(sheetName(table.title), { views: [{ state: "frozen", ySplit: headerRow, xSplit: 0 }] });
  const fit = widths ?? columnWidths(table);
  sheet.columns = table.columns.map((c, i) => ({ key: `c${i}`, width: fit[i], style: styleOf(c) }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const note of table.notes) sheet.addRow([note.label, note.value]).commit();
  sheet.addRow([]).commit();
  const header = sheet.addRow(table.columns.map((c) => c.label));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "top" };
  header.commit();
  return (row) => sheet.addRow(table.columns.map((c, i) => cellValue(c, row[i] ?? null))).commit();
}

/** The whole table into one sheet. */
export function writeTableSheet(owner: SheetOwner, table: ExportTable): void {
  const write = startTableSheet(owner, table);
  for (const row of table.rows) write(row);
}

function styleOf(column: ExportColumn) {
  const numFmt = xlsxNumberFormat(column);
  return numFmt ? { numFmt } : {};
}

function cellValue(column: ExportColumn, value: ExportCell): ExportCell {
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}
