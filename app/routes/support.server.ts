import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { prefectureSupportFiscalYears, prefectureSupportShares } from "../../db/queries/prefecture-support";

export const nationalSupportQuery = z.object({
  from: z.coerce.number().int().optional().catch(undefined),
  to: z.coerce.number().int().optional().catch(undefined),
});

/** The comparison opens on the first and the latest year with answers; any two years can be chosen. */
export async function loadNationalSupport(db: Database, query: z.infer<typeof nationalSupportQuery>) {
  const fiscalYears = await prefectureSupportFiscalYears(db);
  if (fiscalYears.length === 0) return { fiscalYears, comparison: null };
  const pick = (fy: number | undefined, fallback: number) => (fy !== undefined && fiscalYears.includes(fy) ? fy : fallback);
  const from = pick(query.from, fiscalYears[fiscalYears.length - 1]!);
  const to = pick(query.to, fiscalYears[0]!);
  const [shares, uploadedAt, answeredAt] = await Promise.all([
    prefectureSupportShares(db, [from, to]),
    datasetUpdatedAt(db, "prefecture_support"),
    recordsUpdatedAt(db, "prefecture_support_activities", null),
  ]);
  return { fiscalYears, comparison: { from, to, shares, dataDate: latestDataDate(uploadedAt, answeredAt) } };
}
