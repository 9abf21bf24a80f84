import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db";
import { contentDisposition, encodeCsv } from "~/server/csv/write";
import { auditCsvChunks, auditRequest } from "../server/pages/audit-log.server";

/** The filtered audit log as CSV (UTF-8 with BOM, formulas neutralised), streamed page by page, same scope as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query, scope } = await auditRequest(request);
  const chunks = auditCsvChunks(await getDb(), scope, query);
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await chunks.next();
      if (chunk.done) return controller.close();
      controller.enqueue(encodeCsv(chunk.value, "utf-8-bom", first));
      first = false;
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition("操作履歴.csv"),
      "Cache-Control": "private, no-store",
    },
  });
}
