import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { recordsUpdatedAt } from "../../db/queries/meta";
import { supervisionCoverageByPrefecture, supervisionFiscalYears } from "../../db/queries/supervision";
import { fiscalYearOfDate, recordFiscalYears } from "~/domain/fiscal-year";

export const nationalSupervisionQuery = z.object({ fy: z.coerce.number().int().min(2015).max(2100).optional().catch(undefined) });

export async function loadNationalSupervision(db: Database, query: z.infer<typeof nationalSupervisionQuery>, today: string) {
  const { fiscalYears, latest } = recordFiscalYears(await supervisionFiscalYears(db), fiscalYearOfDate(today));
  const fiscalYear = query.fy ?? latest;
  const [prefectures, rows, dataDate] = await Promise.all([
    listPrefectures(db),
    supervisionCoverageByPrefecture(db, fiscalYear),
    recordsUpdatedAt(db, "supervision_contacts", null),
  ]);
  return { fiscalYear, fiscalYears: [...new Set([fiscalYear, ...fiscalYears])].sort((a, b) => b - a), prefectures, rows, dataDate };
}
