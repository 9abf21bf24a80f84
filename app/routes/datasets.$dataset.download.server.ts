import { z } from "zod";
import type { Database } from "../../db";
import { exportDatasetPage } from "../../db/queries/dataset-export";
import { datasetExportLayout } from "../../db/queries/dataset-tables";
import type { SessionUser } from "~/server/auth/session.server";
import { contentDisposition, csvLine, downloadEncodings, encodeCsv, type DownloadEncoding } from "~/server/csv/write";
import { datasets, type DatasetId } from "~/domain/datasets";
import { templateTable } from "~/domain/datasets/template";
import { bodyCode, datasetFiscalYear } from "~/server/pages/query-params";
import { streamTableXlsx, xlsxContentType } from "~/server/csv/xlsx-stream.server";
import type { ExportColumnKind, ExportTable } from "~/domain/table-export";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatDateJa } from "~/domain/format";

export const downloadQuery = z.object({
  kind: z.enum(["data", "template"]).default("data"),
  encoding: z.enum(downloadEncodings).default("utf-8-bom"),
  body: bodyCode.optional(),
  // a year outside what the columns hold fails only once the stream has begun: 200, then a broken connection
  fy: datasetFiscalYear.optional(),
  /** csv (the upload layout) or xlsx (the same columns, numbers as numbers, with a title block) */
  format: z.enum(["csv", "xlsx"]).default("csv"),
});
type DownloadQuery = z.infer<typeof downloadQuery>;

function downloadHeaders(dataset: DatasetId, kind: DownloadQuery["kind"], encoding: DownloadEncoding) {
  const d = datasets[dataset];
  const suffix = encoding === "shift_jis" ? "_sjis" : "";
  return {
    "Content-Type": `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}`,
    "Content-Disposition": contentDisposition(`${d.label}${kind === "template" ? "_テンプレート" : ""}${suffix}.csv`),
    "Cache-Control": "private, no-store",
  };
}

/** The upload template: the header row and the example rows, marked in its 「例」 column. */
export function templateDownload(dataset: DatasetId, encoding: DownloadEncoding): Response {
  const { header, rows } = templateTable(datasets[dataset]);
  const text = csvLine(header) + rows.map((r) => csvLine(r)).join("");
  return new Response(Buffer.from(encodeCsv(text, encoding, true)), { headers: downloadHeaders(dataset, "template", encoding) });
}

const pageSize = 5000;

/** The data the user may read, streamed page by page. */
export function dataDownload(db: Database, user: SessionUser, dataset: DatasetId, q: DownloadQuery, dataDate: string | null = null): Response {
  if (q.format === "xlsx") return xlsxDataDownload(db, user, dataset, q, dataDate);
  const d = datasets[dataset];
  const { encoding } = q;
  let offset = 0;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        controller.enqueue(encodeCsv(csvLine(datasetExportLayout(d.id).headers), encoding, true));
        first = false;
      }
      const rows = await exportDatasetPage(db, d, user, { offset, limit: pageSize }, { bodyCode: q.body, fiscalYear: q.fy });
      if (rows.length > 0) controller.enqueue(encodeCsv(rows.map((r) => csvLine(r)).join(""), encoding, false));
      offset += rows.length;
      if (rows.length < pageSize) controller.close();
    },
  });
  return new Response(stream, { headers: downloadHeaders(dataset, "data", encoding) });
}

/**
 * Which columns of a dataset's export are counts in a workbook: every column but codes and year-months
 * whose cells on the first page are all whole numbers (or empty). Codes keep their leading zeros as text.
 */
export function exportColumnKinds(headers: readonly string[], firstPage: readonly string[][]): ExportColumnKind[] {
  return headers.map((header, i) => {
    if (/コード|年月/.test(header)) return "text";
    const values = firstPage.map((r) => r[i] ?? "").filter((v) => v !== "");
    return values.length > 0 && values.every((v) => /^-?\d{1,15}$/.test(v)) ? "count" : "text";
  });
}

/** The same rows as an .xlsx, streamed with ExcelJS's WorkbookWriter (memory bounded by one page). */
function xlsxDataDownload(db: Database, user: SessionUser, dataset: DatasetId, q: DownloadQuery, dataDate: string | null): Response {
  const d = datasets[dataset];
  const { headers } = datasetExportLayout(d.id);
  let offset = 0;
  let done = false;
  let kinds: ExportColumnKind[] | null = null;
  const conditions = [q.fy ? `${formatFiscalYear(q.fy)}` : "全年度", q.body ? `実施主体 ${q.body}` : "閲覧できるすべての実施主体"].join("、");
  const notes = [
    { label: "条件", value: conditions },
    { label: "出典", value: `つなぐ（${d.label}の登録データ）` },
    ...(dataDate ? [{ label: "データ時点", value: formatDateJa(dataDate) }] : []),
  ];
  const table: Omit<ExportTable, "rows"> = { title: d.label, notes, columns: headers.map((label) => ({ label, kind: "text" })) };
  const stream = streamTableXlsx(table, async () => {
    if (done) return null;
    const rows = await exportDatasetPage(db, d, user, { offset, limit: pageSize }, { bodyCode: q.body, fiscalYear: q.fy });
    offset += rows.length;
    if (rows.length < pageSize) done = true;
    if (!kinds) {
      kinds = exportColumnKinds(headers, rows);
      table.columns = headers.map((label, i) => ({ label, kind: kinds![i]! }));
    }
    const k = kinds;
    if (rows.length === 0 && offset > 0) return null;
    return rows.map((r) => r.map((v, i) => (v === "" ? null : k[i] === "count" ? Number(v) : v)));
  });
  return new Response(stream, {
    headers: {
      "Content-Type": xlsxContentType,
      "Content-Disposition": contentDisposition(`${d.label}.xlsx`),
      "Cache-Control": "private, no-store",
    },
  });
}
