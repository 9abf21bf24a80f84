import type { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate } from "../../db/queries/meta";
import { integratedDeliveryByPrefecture, programStatusesOf } from "../../db/queries/optional-programs";
import { statisticsFiscalYears, totalsByBody, totalsByPrefecture } from "../../db/queries/support-statistics";
import { metricValue } from "~/domain/metrics";
import { integratedCounts, type cooperationQuery } from "../server/pages/cooperation.server";
import { chooseFiscalYear, periodOf, withMonthsDue } from "~/server/pages/fiscal-year-policy";

export async function loadPrefectureCooperation(db: Database, prefectureCode: string, query: z.infer<typeof cooperationQuery>, today: string, options: { detail: boolean }) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [totals, integrated, statisticsAt, programsAt] = await Promise.all([
    totalsByPrefecture(db, fiscalYear),
    integratedDeliveryByPrefecture(db, fiscalYear),
    datasetUpdatedAt(db, "monthly_support"),
    datasetUpdatedAt(db, "optional_programs"),
  ]);
  const scope = (code: string | null) => {
    const t = withMonthsDue(totals.find((x) => x.prefectureCode === code)!, fiscalYear, today);
    return { referrals: t.referralsToPublicAssistance, perHundredThousand: metricValue("referralsToPublicAssistance", t), submittedMonths: t.submittedMonths, expectedMonths: t.expectedMonths, ...integratedCounts(integrated, code) };
  };
  let bodies = null;
  if (options.detail) {
    const byBody = await totalsByBody(db, fiscalYear, { prefectureCode });
    const programs = await programStatusesOf(db, fiscalYear, byBody.map((b) => b.code));
    const categoryOf = (code: string, program: string) => programs.find((p) => p.code === code && p.program === program)?.integratedDelivery ?? null;
    bodies = byBody.map((b) => ({
      code: b.code,
      name: b.name,
      kind: b.kind,
      referrals: b.referralsToPublicAssistance,
      perHundredThousand: metricValue("referralsToPublicAssistance", b),
      submittedMonths: b.submittedMonths,
      employmentPreparation: categoryOf(b.code, "employment_preparation"),
      householdBudget: categoryOf(b.code, "household_budget"),
    }));
  }
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    own: scope(prefectureCode),
    nation: scope(null),
    distribution: integrated.filter((r) => r.prefectureCode === prefectureCode),
    bodies,
    dataDate: latestDataDate(statisticsAt, programsAt),
  };
}
