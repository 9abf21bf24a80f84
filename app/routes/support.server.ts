import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { prefectureSupportFiscalYears, prefectureSupportShares } from "../../db/queries/prefecture-support";
import { chooseFiscalYear, pickFiscalYear } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const nationalSupportQuery = z.object({ from: fiscalYearParam, to: fiscalYearParam });

/**
 * The comparison opens on the first and the latest year with answers; any two years from the first
 * with answers to the current one can be chosen (a year without answers shows no share).
 */
export async function loadNationalSupport(db: Database, query: z.infer<typeof nationalSupportQuery>, today: string) {
  const yearsWithData = await prefectureSupportFiscalYears(db);
  if (yearsWithData.length === 0) return { fiscalYears: yearsWithData, comparison: null };
  const { fiscalYear: to, fiscalYears } = chooseFiscalYear({ kind: "figures", yearsWithData }, query.to, today);
  const from = pickFiscalYear(fiscalYears, query.from, Math.min(...yearsWithData));
  const [shares, uploadedAt, answeredAt] = await Promise.all([
    prefectureSupportShares(db, [from, to]),
    datasetUpdatedAt(db, "prefecture_support"),
    recordsUpdatedAt(db, "prefecture_support_activities", null),
  ]);
  return { fiscalYears, comparison: { from, to, shares, dataDate: latestDataDate(uploadedAt, answeredAt) } };
}
