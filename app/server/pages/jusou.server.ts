import { z } from "zod";
import type { Database } from "../../../db";
import { listPrefectures } from "../../../db/queries/geography";
import { jusouCountsByFiscalYear, jusouCountsByPrefecture, jusouFiscalYears } from "../../../db/queries/jusou";
import { datasetUpdatedAt } from "../../../db/queries/meta";

export const jusouQuery = z.object({ fy: z.coerce.number().int().optional().catch(undefined) });

/** The year a page opens on: the one asked for if it has data, else the latest with data. */
export function chooseFiscalYear(fiscalYears: number[], asked: number | undefined): number | null {
  return asked !== undefined && fiscalYears.includes(asked) ? asked : (fiscalYears[0] ?? null);
}

export async function loadNationalJusou(db: Database, query: z.infer<typeof jusouQuery>) {
  const fiscalYears = await jusouFiscalYears(db);
  const fiscalYear = chooseFiscalYear(fiscalYears, query.fy);
  if (fiscalYear === null) return null;
  const [prefectures, byPrefecture, timeline, dataDate] = await Promise.all([
    listPrefectures(db),
    jusouCountsByPrefecture(db, fiscalYear),
    jusouCountsByFiscalYear(db),
    datasetUpdatedAt(db, "jusou"),
  ]);
  return { fiscalYear, fiscalYears, prefectures, byPrefecture, timeline, dataDate };
}
