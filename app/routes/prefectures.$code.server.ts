import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { jusouStatusOf } from "../../db/queries/jusou";
import { provisionalMonthsByBody } from "../../db/queries/approval";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { programStatusesOf } from "../../db/queries/optional-programs";
import { certificateCoverageOf, lastSupervisionContactOf, targetValuesOf } from "../../db/queries/prefecture-work";
import { statisticsFiscalYears, totalsByBody, totalsByFiscalYear, totalsByPrefecture } from "../../db/queries/support-statistics";
import { comparableMetrics, metricValue } from "~/domain/metrics";
import { byMetric, perPopulationMetrics } from "~/domain/metric-catalogue";
import { bodyFunnel, comparedFigures, figureTrends } from "~/domain/compared-figures";
import { employmentOrIncomeRate, perHundredThousandPerMonth } from "~/domain/statistics";
import { chooseFiscalYear, periodOf, withMonthsDue } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const prefectureQuery = z.object({
  fy: fiscalYearParam,
  metric: z.enum(comparableMetrics).default("newConsultations").catch("newConsultations"),
});

export async function loadPrefecture(db: Database, code: string, query: z.infer<typeof prefectureQuery>, today: string, detail: boolean) {
  const prefectures = await listPrefectures(db);
  const prefecture = prefectures.find((p) => p.code === code);
  if (!prefecture) return null;
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;

  const [all, byYear, targets, dataDate] = await Promise.all([
    totalsByPrefecture(db, fiscalYear),
    totalsByFiscalYear(db, code),
    targetValuesOf(db, fiscalYear),
    datasetUpdatedAt(db, "monthly_support"),
  ]);
  const own = withMonthsDue(all.find((r) => r.prefectureCode === code)!, fiscalYear, today);
  const nation = withMonthsDue(all.find((r) => r.prefectureCode === null)!, fiscalYear, today);
  const ranking = all
    .filter((r) => r.prefectureCode !== null)
    .map((r) => ({ code: r.prefectureCode!, value: metricValue(query.metric, r) }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const rank = ranking.findIndex((r) => r.code === code) + 1;
  const years = byYear.filter((r) => r.scope === code && r.fiscalYear <= fiscalYear);
  const trends = figureTrends(years);
  const summarize = (t: Omit<typeof own, "fiscalYear" | "prefectureCode" | "bodies">) => ({
    ...byMetric(perPopulationMetrics, (m) => perHundredThousandPerMonth(t.perCapita[m], t.populationMonths)),
    employmentOrIncomeRate: employmentOrIncomeRate(t),
    submittedMonths: t.submittedMonths,
    expectedMonths: t.expectedMonths,
  });

  let bodies = null;
  let funnel = null;
  if (detail) {
    const totals = await totalsByBody(db, fiscalYear, { prefectureCode: code });
    const codes = totals.map((t) => t.code);
    const [programs, jusou, certificates, lastContacts, provisional] = await Promise.all([
      programStatusesOf(db, fiscalYear, codes),
      jusouStatusOf(db, fiscalYear, codes),
      certificateCoverageOf(db, fiscalYear, codes),
      lastSupervisionContactOf(db, codes),
      provisionalMonthsByBody(db, code, fiscalYear),
    ]);
    // the funnel plot of the page's metric: the prefecture's bodies around the national figure (ADR 024)
    funnel = bodyFunnel(query.metric, totals.map((t) => ({ code: t.code, name: t.kind === "prefecture" ? `${t.name}（郡部）` : t.name, totals: t })), nation);
    bodies = totals.map((t) => ({
      code: t.code,
      name: t.name,
      kind: t.kind,
      population: t.population,
      ...summarize(withMonthsDue(t, fiscalYear, today)),
      compared: comparedFigures(t, { nation }, targets),
      programs: Object.fromEntries(
        programs.filter((p) => p.code === t.code).map((p) => [p.program, { implemented: p.implemented, deliveryForm: p.deliveryForm }]),
      ) as Record<string, { implemented: boolean; deliveryForm: string | null }>,
      jusou: (jusou as Record<string, string>)[t.code] ?? null,
      certificates: (certificates as Record<string, { assigned: number; certified: number }>)[t.code] ?? null,
      lastContact: (lastContacts as Record<string, string>)[t.code] ?? null,
      /** months of the year submitted but not yet confirmed by the prefecture (ADR 022) */
      provisionalMonths: provisional[t.code] ?? 0,
    }));
  }
  return {
    prefecture,
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    metric: query.metric,
    own: summarize(own),
    ownCompared: comparedFigures(own, { nation }, targets),
    trends,
    nation: summarize(nation),
    targets,
    rank,
    rankedOf: ranking.length,
    regionPeers: prefectures.filter((p) => p.regionalBlock === prefecture.regionalBlock),
    byYear: [...new Set(byYear.map((r) => r.fiscalYear))].map((fy) => {
      const p = byYear.find((r) => r.fiscalYear === fy && r.scope === code);
      const n = byYear.find((r) => r.fiscalYear === fy && r.scope === "nation");
      return { fiscalYear: fy, prefecture: p ? metricValue(query.metric, p) : null, nation: n ? metricValue(query.metric, n) : null };
    }),
    bodies,
    funnel,
    dataDate,
  };
}
