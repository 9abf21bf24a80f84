import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { prefectureSupportFiscalYears, prefectureSupportHistory, prefectureSupportShares } from "../../db/queries/prefecture-support";
import { fiscalYearOfDate, recordFiscalYears } from "~/domain/fiscal-year";
import { savedFlag } from "~/domain/forms/form-fields";

export const prefectureSupportQuery = z.object({ fy: z.coerce.number().int().min(2015).max(2100).optional().catch(undefined), saved: savedFlag });

export async function loadPrefectureSupport(db: Database, prefectureCode: string, query: z.infer<typeof prefectureSupportQuery>, today: string) {
  const history = await prefectureSupportHistory(db, prefectureCode);
  const { fiscalYears, latest } = recordFiscalYears([...new Set(history.map((h) => h.fiscalYear))], fiscalYearOfDate(today));
  const fiscalYear = query.fy ?? latest;
  const [allYears, shares, uploadedAt, answeredAt] = await Promise.all([
    prefectureSupportFiscalYears(db),
    prefectureSupportShares(db, [fiscalYear]),
    datasetUpdatedAt(db, "prefecture_support"),
    recordsUpdatedAt(db, "prefecture_support_activities", prefectureCode),
  ]);
  return {
    fiscalYear,
    fiscalYears: [...new Set([fiscalYear, ...fiscalYears, ...allYears.filter((fy) => fy <= fiscalYearOfDate(today))])].sort((a, b) => b - a),
    history,
    nationalShares: shares,
    dataDate: latestDataDate(uploadedAt, answeredAt),
    savedMessage: query.saved ? "回答を保存しました" : undefined,
  };
}
