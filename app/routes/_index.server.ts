import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { jusouCountsByFiscalYear } from "../../db/queries/jusou";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { provisionalMonthsNationally } from "../../db/queries/approval";
import { integratedDeliveryDistribution, optionalProgramFiscalYears, optionalProgramRatesByPrefecture } from "../../db/queries/optional-programs";
import { monthlySeries, statisticsFiscalYears, totalsByPrefecture } from "../../db/queries/support-statistics";
import { optionalPrograms } from "~/domain/vocabulary";
import { comparableMetrics, metricValue } from "~/domain/metrics";
import { areaFigure } from "~/domain/compared-figures";
import { inMonthRange } from "~/domain/month-range";
import { chooseFiscalYear, periodOf, withMonthsDue } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam, monthRangeParams } from "~/server/pages/query-params";

export const nationalOverviewParams = monthRangeParams.extend({
  fy: fiscalYearParam,
  program: z.enum(optionalPrograms).default("employment_preparation"),
  metric: z.enum(comparableMetrics).default("newConsultations"),
});

export async function loadNationalOverview(db: Database, params: z.infer<typeof nationalOverviewParams>, today: string) {
  const [programYears, statisticsYears] = await Promise.all([optionalProgramFiscalYears(db), statisticsFiscalYears(db)]);
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: [...new Set([...programYears, ...statisticsYears])] }, params.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [prefectures, rows, current, previous, trend, jusou, integrated, dataDate, provisional] = await Promise.all([
    listPrefectures(db),
    optionalProgramRatesByPrefecture(db, fiscalYear),
    totalsByPrefecture(db, fiscalYear),
    // the previous year feeds the change of the KPI counts
    totalsByPrefecture(db, fiscalYear - 1),
    monthlySeries(db),
    jusouCountsByFiscalYear(db),
    integratedDeliveryDistribution(db, fiscalYear),
    datasetUpdatedAt(db, "monthly_support"),
    provisionalMonthsNationally(db, fiscalYear),
  ]);
  const national = withMonthsDue(current.find((r) => r.prefectureCode === null)!, fiscalYear, today);
  const nationalPreviousTotals = previous.find((r) => r.prefectureCode === null);
  const nationalPrevious = nationalPreviousTotals ? withMonthsDue(nationalPreviousTotals, fiscalYear - 1, today) : null;
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    provisional,
    program: params.program,
    metric: params.metric,
    prefectures,
    rows,
    dataDate,
    national,
    nationalPrevious,
    tiles: prefectures.map((p) => {
      const totals = current.find((r) => r.prefectureCode === p.code);
      return { code: p.code, name: p.name, ...areaFigure(params.metric, totals, national) };
    }),
    nationalMetric: metricValue(params.metric, national),
    range: { from: params.from, to: params.to },
    trend: trend.filter((t) => inMonthRange(t, params)).map((t) => ({
      year: t.year,
      month: t.month,
      fiscalYear: t.fiscalYear,
      newConsultations: t.newConsultations,
      plansCreated: t.plansCreated,
      housingBenefitDecisions: t.housingBenefitDecisions,
      submittedMonths: t.submittedMonths,
    })),
    jusou,
    integrated,
  };
}
