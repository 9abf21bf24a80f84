import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../db";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { requireUser } from "~/server/auth/session.server";
import { parseOrNotFound } from "~/server/http/not-found";
import { datasetParams, queryOf } from "~/server/pages/query-params";
import { dataDownload, downloadQuery, templateDownload } from "./datasets.$dataset.download.server";

/** CSV downloads, streamed page by page: the data the user may read, or the upload template. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { dataset } = parseOrNotFound(datasetParams, params, "ダウンロードの指定が正しくありません");
  const q = parseOrNotFound(downloadQuery, queryOf(request), "ダウンロードの指定が正しくありません");
  if (q.kind === "template") return templateDownload(dataset, q.encoding);
  const db = await getDb();
  return dataDownload(db, user, dataset, q, q.format === "xlsx" ? await datasetUpdatedAt(db, dataset) : null);
}
