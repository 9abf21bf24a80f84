import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { fiscalYearTotalsByBody, statisticsFiscalYears, totalsByPrefecture } from "../../db/queries/support-statistics";
import { bodyFunnel } from "~/domain/compared-figures";
import { comparableMetrics } from "~/domain/metrics";
import { findPrefectureByCode } from "~/domain/prefectures";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const nationalFunnelQuery = z.object({
  fy: fiscalYearParam,
  metric: z.enum(comparableMetrics).default("newConsultations").catch("newConsultations"),
});

/** Every implementing body of the nation in one funnel plot around the national figure (ADR 024). */
export async function loadNationalFunnel(db: Database, query: z.infer<typeof nationalFunnelQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [bodies, areas, dataDate] = await Promise.all([fiscalYearTotalsByBody(db, fiscalYear), totalsByPrefecture(db, fiscalYear), datasetUpdatedAt(db, "monthly_support")]);
  const nation = areas.find((a) => a.prefectureCode === null)!;
  const funnel = nationalBodyFunnel(query.metric, bodies, nation);
  return { fiscalYear, fiscalYears, period: periodOf(choice, today), metric: query.metric, funnel, dataDate };
}

/** The in-memory part (intervals, labels, limits), timed by the bench. */
export function nationalBodyFunnel(metric: z.infer<typeof nationalFunnelQuery>["metric"], bodies: Awaited<ReturnType<typeof fiscalYearTotalsByBody>>, nation: Awaited<ReturnType<typeof totalsByPrefecture>>[number]) {
  // names with their prefecture: 府中市 is in 東京都 and in 広島県
  const nameOf = (t: (typeof bodies)[number]) => (t.kind === "prefecture" ? `${t.name}（郡部）` : `${findPrefectureByCode(t.prefectureCode)?.name ?? ""}${t.name}`);
  return bodyFunnel(metric, bodies.map((t) => ({ code: t.code, name: nameOf(t), totals: t })), nation);
}
