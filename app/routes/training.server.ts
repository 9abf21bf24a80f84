import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { certificateCoverageByPrefecture, trainingByRole, trainingFiscalYears } from "../../db/queries/training";
import { fiscalYearOfDate, recordFiscalYears } from "~/domain/fiscal-year";

export const nationalTrainingQuery = z.object({ fy: z.coerce.number().int().min(2015).max(2100).optional().catch(undefined) });

export async function loadNationalTraining(db: Database, query: z.infer<typeof nationalTrainingQuery>, today: string) {
  const { fiscalYears, latest } = recordFiscalYears(await trainingFiscalYears(db), fiscalYearOfDate(today));
  const fiscalYear = query.fy ?? latest;
  const [prefectures, byPrefecture, byRole, reportedAt, recordedAt] = await Promise.all([
    listPrefectures(db),
    certificateCoverageByPrefecture(db, fiscalYear),
    trainingByRole(db, fiscalYear, null),
    datasetUpdatedAt(db, "staff_training"),
    recordsUpdatedAt(db, "training_sessions", null),
  ]);
  return { fiscalYear, fiscalYears: [...new Set([fiscalYear, ...fiscalYears])].sort((a, b) => b - a), prefectures, byPrefecture, byRole, dataDate: latestDataDate(reportedAt, recordedAt) };
}
