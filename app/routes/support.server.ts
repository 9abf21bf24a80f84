import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { prefectureSupportFiscalYears, prefectureSupportShares } from "../../db/queries/prefecture-support";
import { pickFiscalYear } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const nationalSupportQuery = z.object({ from: fiscalYearParam, to: fiscalYearParam });

/** The comparison opens on the first and the latest year with answers; any two years can be chosen. */
export async function loadNationalSupport(db: Database, query: z.infer<typeof nationalSupportQuery>) {
  const fiscalYears = await prefectureSupportFiscalYears(db);
  if (fiscalYears.length === 0) return { fiscalYears, comparison: null };
  const from = pickFiscalYear(fiscalYears, query.from, fiscalYears[fiscalYears.length - 1]!);
  const to = pickFiscalYear(fiscalYears, query.to, fiscalYears[0]!);
  const [shares, uploadedAt, answeredAt] = await Promise.all([
    prefectureSupportShares(db, [from, to]),
    datasetUpdatedAt(db, "prefecture_support"),
    recordsUpdatedAt(db, "prefecture_support_activities", null),
  ]);
  return { fiscalYears, comparison: { from, to, shares, dataDate: latestDataDate(uploadedAt, answeredAt) } };
}
