import type { Database } from "../../db";
import { jusouBodiesOf, jusouCountsByFiscalYear, jusouFiscalYears } from "../../db/queries/jusou";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { chooseFiscalYear, type jusouQuery } from "../server/pages/jusou.server";
import type { z } from "zod";

export async function loadPrefectureJusou(db: Database, prefectureCode: string, query: z.infer<typeof jusouQuery>) {
  const fiscalYears = await jusouFiscalYears(db);
  const fiscalYear = chooseFiscalYear(fiscalYears, query.fy);
  if (fiscalYear === null) return null;
  const [bodies, timeline, dataDate] = await Promise.all([
    jusouBodiesOf(db, prefectureCode, fiscalYear),
    jusouCountsByFiscalYear(db, prefectureCode),
    datasetUpdatedAt(db, "jusou"),
  ]);
  return { fiscalYear, fiscalYears, bodies, timeline, dataDate };
}
