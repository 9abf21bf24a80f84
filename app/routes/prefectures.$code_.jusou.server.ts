import type { Database } from "../../db";
import { jusouBodiesOf, jusouCountsByFiscalYear, jusouFiscalYears } from "../../db/queries/jusou";
import { datasetUpdatedAt } from "../../db/queries/meta";
import type { jusouQuery } from "../server/pages/jusou.server";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import type { z } from "zod";

export async function loadPrefectureJusou(db: Database, prefectureCode: string, query: z.infer<typeof jusouQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await jusouFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [bodies, timeline, dataDate] = await Promise.all([
    jusouBodiesOf(db, prefectureCode, fiscalYear),
    jusouCountsByFiscalYear(db, prefectureCode),
    datasetUpdatedAt(db, "jusou"),
  ]);
  return { fiscalYear, fiscalYears, period: periodOf(choice, today), bodies, timeline, dataDate };
}
