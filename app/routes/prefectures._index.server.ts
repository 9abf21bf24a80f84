import type { Database } from "../../db";
import { prefectureSummaries } from "../../db/queries/geography";
import { fiscalYearOfDate } from "~/domain/fiscal-year";

/** Every prefecture with its implementing bodies as of April 1 of the current fiscal year. */
export async function loadPrefectureList(db: Database, today: string) {
  const fiscalYear = fiscalYearOfDate(today);
  return { fiscalYear, prefectures: await prefectureSummaries(db, fiscalYear) };
}
