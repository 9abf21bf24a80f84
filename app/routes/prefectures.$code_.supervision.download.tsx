import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db";
import { requirePrefectureWorkReader } from "~/server/auth/page-guards.server";
import { contentDisposition, encodeCsv } from "~/server/csv/write";
import { parseQuery } from "~/server/pages/query-params";
import { supervisionLogCsv, supervisionQuery } from "../server/pages/supervision-log.server";

/** The whole filtered supervision log as CSV (UTF-8 with BOM, formulas neutralised), to whoever may read the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture } = await requirePrefectureWorkReader(request, params);
  const query = parseQuery(supervisionQuery, request);
  const text = await supervisionLogCsv(await getDb(), prefecture.code, query);
  return new Response(new Blob([encodeCsv(text, "utf-8-bom", true) as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(`${prefecture.name}_スーパーバイズ記録.csv`),
      "Cache-Control": "private, no-store",
    },
  });
}
