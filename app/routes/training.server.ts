import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { certificateCoverageByPrefecture, trainingByRole, trainingFiscalYears } from "../../db/queries/training";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const nationalTrainingQuery = z.object({ fy: fiscalYearParam });

export async function loadNationalTraining(db: Database, query: z.infer<typeof nationalTrainingQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "records", yearsWithData: await trainingFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [prefectures, byPrefecture, byRole, reportedAt, recordedAt] = await Promise.all([
    listPrefectures(db),
    certificateCoverageByPrefecture(db, fiscalYear),
    trainingByRole(db, fiscalYear, null),
    datasetUpdatedAt(db, "staff_training"),
    recordsUpdatedAt(db, "training_sessions", null),
  ]);
  return { fiscalYear, fiscalYears, period: periodOf(choice, today), prefectures, byPrefecture, byRole, dataDate: latestDataDate(reportedAt, recordedAt) };
}
