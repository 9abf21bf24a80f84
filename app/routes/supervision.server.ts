import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { recordsUpdatedAt } from "../../db/queries/meta";
import { supervisionCoverageByPrefecture, supervisionFiscalYears } from "../../db/queries/supervision";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const nationalSupervisionQuery = z.object({ fy: fiscalYearParam });

export async function loadNationalSupervision(db: Database, query: z.infer<typeof nationalSupervisionQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "records", yearsWithData: await supervisionFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [prefectures, rows, dataDate] = await Promise.all([
    listPrefectures(db),
    supervisionCoverageByPrefecture(db, fiscalYear),
    recordsUpdatedAt(db, "supervision_contacts", null),
  ]);
  return { fiscalYear, fiscalYears, period: periodOf(choice, today), prefectures, rows, dataDate };
}
