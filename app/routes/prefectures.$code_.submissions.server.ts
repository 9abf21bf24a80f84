import { z } from "zod";
import type { Database } from "../../db";
import { latestSubmittedMonth, submissionsOf } from "../../db/queries/support-statistics";
import { yearMonth } from "~/server/pages/query-params";

export const submissionsQuery = z.object({ month: yearMonth.optional().catch(undefined) });

/** The month asked for, else the latest month with a submission anywhere, and who in the prefecture submitted it. */
export async function loadSubmissions(db: Database, prefectureCode: string, q: z.infer<typeof submissionsQuery>) {
  const latest = await latestSubmittedMonth(db);
  const [year, month] = q.month ? q.month.split("-").map(Number) : latest ? [latest.year, latest.month] : [2025, 4];
  const rows = await submissionsOf(db, prefectureCode, year!, month!);
  return { year: year!, month: month!, rows };
}
