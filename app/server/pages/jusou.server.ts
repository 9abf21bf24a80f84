import { z } from "zod";
import type { Database } from "../../../db";
import { listPrefectures } from "../../../db/queries/geography";
import { jusouCountsByFiscalYear, jusouCountsByPrefecture, jusouFiscalYears } from "../../../db/queries/jusou";
import { datasetUpdatedAt } from "../../../db/queries/meta";
import { chooseFiscalYear, periodOf } from "./fiscal-year-policy";
import { fiscalYearParam } from "./query-params";

export const jusouQuery = z.object({ fy: fiscalYearParam });

export async function loadNationalJusou(db: Database, query: z.infer<typeof jusouQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await jusouFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [prefectures, byPrefecture, timeline, dataDate] = await Promise.all([
    listPrefectures(db),
    jusouCountsByPrefecture(db, fiscalYear),
    jusouCountsByFiscalYear(db),
    datasetUpdatedAt(db, "jusou"),
  ]);
  return { fiscalYear, fiscalYears, period: periodOf(choice, today), prefectures, byPrefecture, timeline, dataDate };
}
