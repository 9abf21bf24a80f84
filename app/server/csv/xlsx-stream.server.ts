// A workbook streamed as it is written (ADR 028): ExcelJS's WorkbookWriter zips each committed row into
// the response, and the next page of rows is read only when the client has taken what was written, so
// memory stays at about one page whatever the number of rows.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { columnWidths, type ExportCell, type ExportTable } from "../../domain/table-export";
import { startTableSheet } from "../../domain/table-xlsx";

export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * `nextPage` returns the next rows, or null when there are no more. `table` is read once the first page
 * is in (so a caller may settle its columns' kinds from it); the widths are fitted to the header and the
 * first page (a later, wider cell is still shown, only in a narrower column).
 */
export function streamTableXlsx(table: Omit<ExportTable, "rows">, nextPage: () => Promise<ExportCell[][] | null>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  let ended = false;
  let failed: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  out.on("data", (chunk: Buffer) => {
    chunks.push(chunk);
    notify();
  });
  out.on("end", () => {
    ended = true;
    notify();
  });
  out.on("error", (error) => {
    failed = error;
    notify();
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  let write: ((row: readonly ExportCell[]) => void) | null = null;
  let producing = true;

  async function produce() {
    const rows = await nextPage();
    if (!write) write = startTableSheet(book, { ...table, rows: [] }, columnWidths({ columns: table.columns, rows: rows ?? [] }));
    for (const row of rows ?? []) write(row);
    if (rows === null) {
      producing = false;
      book.commit().catch((error: unknown) => {
        failed = error;
        notify();
      });
    }
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (chunks.length === 0 && !ended) {
        if (failed) throw failed;
        if (producing) {
          await produce();
          // let the zip stream hand over what the rows made (it deflates asynchronously); a page too small to
          // fill ExcelJS's buffer makes nothing yet, so the next page is read after a short wait
          if (chunks.length === 0 && !ended) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, 50);
            });
          }
        } else {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      }
      if (failed) throw failed;
      if (chunks.length > 0) controller.enqueue(new Uint8Array(Buffer.concat(chunks.splice(0))));
      else controller.close();
    },
    cancel() {
      producing = false;
      out.destroy();
    },
  });
}
