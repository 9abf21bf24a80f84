import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db";
import { contentDisposition, encodeCsv } from "~/lib/csv/write";
import { auditCsvHeader, auditCsvLine, auditRequest, describedAuditEntries } from "./admin.audit.server";

/** The filtered audit log as CSV (UTF-8 with BOM, formulas neutralised), streamed page by page, same scope as the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query, scope } = await auditRequest(request);
  const db = await getDb();
  const pageSize = 2000;
  let offset = 0;
  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (first) {
        controller.enqueue(encodeCsv(auditCsvHeader, "utf-8-bom", true));
        first = false;
      }
      const entries = await describedAuditEntries(db, scope, query, pageSize, offset);
      if (entries.length > 0) controller.enqueue(encodeCsv(entries.map(auditCsvLine).join(""), "utf-8-bom", false));
      offset += entries.length;
      if (entries.length < pageSize) controller.close();
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
