import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "../../db";
import { exportDatasetPage } from "../../db/queries/dataset-export";
import { datasetExportLayout } from "../../db/queries/dataset-tables";
import { requireUser } from "~/server/auth/session.server";
import { contentDisposition, csvLine, downloadEncodings, encodeCsv } from "~/server/csv/write";
import { datasetIds, datasets } from "~/domain/datasets";

const params = z.object({ dataset: z.enum(datasetIds) });
const query = z.object({
  kind: z.enum(["data", "template"]).default("data"),
  encoding: z.enum(downloadEncodings).default("utf-8-bom"),
  body: z.string().regex(/^\d{6}$/).optional(),
  // a year outside what the columns hold fails only once the stream has begun: 200, then a broken connection
  fy: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** CSV downloads, streamed page by page: the data the user may read, or the upload template. */
export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = params.safeParse(raw);
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!p.success || !q.success) throw new Response("ダウンロードの指定が正しくありません", { status: 404 });
  const d = datasets[p.data.dataset];
  const { kind, encoding } = q.data;
  const suffix = encoding === "shift_jis" ? "_sjis" : "";
  const headers = {
    "Content-Type": `text/csv; charset=${encoding === "shift_jis" ? "Shift_JIS" : "utf-8"}`,
    "Content-Disposition": contentDisposition(`${d.label}${kind === "template" ? "_テンプレート" : ""}${suffix}.csv`),
    "Cache-Control": "private, no-store",
  };
  if (kind === "template") {
    const text = csvLine(d.columns.map((c) => c.header)) + d.templateRows.map((r) => csvLine(r)).join("");
    return new Response(Buffer.from(encodeCsv(text, encoding, true)), { headers });
  }
  const db = await getDb();
  const pageSize = 5000;
  let offset = 0;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        controller.enqueue(encodeCsv(csvLine(datasetExportLayout(d.id).headers), encoding, true));
        first = false;
      }
      const rows = await exportDatasetPage(db, d, user, { offset, limit: pageSize }, { bodyCode: q.data.body, fiscalYear: q.data.fy });
      if (rows.length > 0) controller.enqueue(encodeCsv(rows.map((r) => csvLine(r)).join(""), encoding, false));
      offset += rows.length;
      if (rows.length < pageSize) controller.close();
    },
  });
  return new Response(stream, { headers });
}
