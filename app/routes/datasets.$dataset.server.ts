import { z } from "zod";
import type { Database } from "../../db";
import { countDatasetRows, exportDatasetPage } from "../../db/queries/dataset-export";
import { datasetExportLayout } from "../../db/queries/dataset-tables";
import type { SessionUser } from "~/server/auth/session.server";
import { datasets, type DatasetId } from "~/domain/datasets";
import { bodyCode, datasetFiscalYear, pageNumber } from "~/server/pages/query-params";

export const datasetQuery = z.object({
  body: bodyCode.optional().catch(undefined),
  fy: datasetFiscalYear.optional().catch(undefined),
  page: pageNumber,
});
const pageSize = 100;

/** One page of a dataset's rows the user may read, filtered by body and fiscal year. */
export async function loadDatasetPage(db: Database, user: SessionUser, dataset: DatasetId, q: z.infer<typeof datasetQuery>) {
  const d = datasets[dataset];
  const filter = { bodyCode: q.body, fiscalYear: q.fy };
  const [total, rows] = await Promise.all([
    countDatasetRows(db, d, user, filter),
    exportDatasetPage(db, d, user, { offset: (q.page - 1) * pageSize, limit: pageSize }, filter),
  ]);
  return {
    id: d.id,
    label: d.label,
    description: d.description,
    ...datasetExportLayout(d.id),
    rows,
    total,
    page: q.page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    filter: { body: q.body ?? "", fy: q.fy ?? "" },
  };
}
