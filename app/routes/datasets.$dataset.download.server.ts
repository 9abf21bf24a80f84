import { z } from "zod";
import type { Database } from "../../db";
import { exportDatasetPage } from "../../db/queries/dataset-export";
import { datasetExportLayout } from "../../db/queries/dataset-tables";
import type { SessionUser } from "~/server/auth/session.server";
import { contentDisposition, csvLine, downloadEncodings, encodeCsv, type DownloadEncoding } from "~/server/csv/write";
import { datasets, type DatasetId } from "~/domain/datasets";
import { templateTable } from "~/domain/datasets/template";
import { bodyCode, datasetFiscalYear } from "~/server/pages/query-params";

export const downloadQuery = z.object({
  kind: z.enum(["data", "template"]).default("data"),
  encoding: z.enum(downloadEncodings).default("utf-8-bom"),
  body: bodyCode.optional(),
  // a year outside what the columns hold fails only once the stream has begun: 200, then a broken connection
  fy: datasetFiscalYear.optional(),
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

/** The data the user may read, streamed page by page. */
export function dataDownload(db: Database, user: SessionUser, dataset: DatasetId, q: DownloadQuery): Response {
  const d = datasets[dataset];
  const { encoding } = q;
  const pageSize = 5000;
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
