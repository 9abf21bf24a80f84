// The loader of /prefectures/:code (and of its profile): the figures against the nation, the rank, the bodies.
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "../../../db";
import { listPrefectures } from "../../../db/queries/geography";
import { jusouStatusOf } from "../../../db/queries/jusou";
import { provisionalMonthsByBody } from "../../../db/queries/approval";
import { datasetUpdatedAt } from "../../../db/queries/meta";
import { programStatusesOf } from "../../../db/queries/optional-programs";
import { certificateCoverageOf, lastSupervisionContactOf, targetValuesOf } from "../../../db/queries/prefecture-work";
import { statisticsFiscalYears, totalsByBody, totalsByFiscalYear, totalsByPrefecture } from "../../../db/queries/support-statistics";
import { comparableMetrics, metricValue } from "~/domain/metrics";
import { byMetric, perPopulationMetrics, targetValueMetrics } from "~/domain/metric-catalogue";
import { bodyFunnel, comparedFigureKeys, comparedFigures, countAndDenominator, figureTrends, type ComparedFigureKey } from "~/domain/compared-figures";
import { employmentOrIncomeRate, perHundredThousandPerMonth } from "~/domain/statistics";
import { chooseFiscalYear, periodOf, withMonthsDue } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";
import { worklistRuleIds } from "~/domain/worklist";
import { canResolveWorklist } from "~/server/auth/access";
import { worklistSettingsFromEnv } from "~/server/env.server";
import { loadWorklist, markWorklistItem, WorklistForbiddenError, WorklistStateError, type WorklistActor } from "~/server/worklist/worklist.server";

export const prefectureQuery = z.object({
  fy: fiscalYearParam,
  metric: z.enum(comparableMetrics).default("newConsultations").catch("newConsultations"),
});

export async function loadPrefecture(db: Database, code: string, query: z.infer<typeof prefectureQuery>, today: string, detail: boolean) {
  const [prefectures, yearsWithData] = await Promise.all([listPrefectures(db), statisticsFiscalYears(db)]);
  const prefecture = prefectures.find((p) => p.code === code);
  if (!prefecture) return null;
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;

  const [all, byYear, targets, dataDate, bodyTotals] = await Promise.all([
    totalsByPrefecture(db, fiscalYear),
    totalsByFiscalYear(db, code),
    targetValuesOf(db, fiscalYear),
    datasetUpdatedAt(db, "monthly_support"),
    detail ? totalsByBody(db, fiscalYear, { prefectureCode: code }) : null,
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
  if (bodyTotals) {
    const totals = bodyTotals;
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
      compared: shownBodyFigures(comparedFigures(t, {}, targets)),
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
    /** each compared figure's count and denominator: the key-figures table and its downloads carry them beside the figure */
    ownCounts: Object.fromEntries(comparedFigureKeys.map((k) => [k, countAndDenominator(k, own)])) as Record<ComparedFigureKey, ReturnType<typeof countAndDenominator>>,
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

/**
 * What the bodies table shows of each body's compared figures: the per-10万人 figures with their 95%
 * interval and label against the 目安値. The rest (99.8% limits, 就労・増収率's interval, the nation's
 * benchmark, repeated per body) was half of the page's loader data and never shown.
 */
function shownBodyFigures(compared: ReturnType<typeof comparedFigures>) {
  return byMetric(targetValueMetrics, (m) => {
    const { value, ci95, labels } = compared[m];
    return { value, ci95, labels: { target: labels.target } };
  });
}

export const worklistQuery = z.object({ done: z.literal("resolved").optional().catch(undefined) });

const noteRequired = "対応の内容を「メモ」に入力してください（実施主体の履歴に残ります）";
const worklistMarkForm = z.object({
  intent: z.literal("resolve", { errorMap: () => ({ message: "操作が正しくありません" }) }),
  rule: z.enum(worklistRuleIds, { errorMap: () => ({ message: "要フォローの項目が正しくありません。画面を開き直してください" }) }),
  code: z.string().regex(/^\d{6}$/, "実施主体のコードが正しくありません"),
  subject: z.string().max(100).default(""),
  cause: z.string().min(1, "要フォローの項目が正しくありません。画面を開き直してください").max(2000),
  note: z.string({ required_error: noteRequired }).trim().min(1, noteRequired),
});

/** 対応済 on the landing page's worklist: parse, mark (checked and audited), then back to the worklist. */
export async function worklistAction(db: Database, actor: WorklistActor, prefectureCode: string, request: Request, today: string) {
  const parsed = worklistMarkForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ formError: parsed.error.issues[0]?.message ?? "入力が正しくありません" }, { status: 400 });
  try {
    await markWorklistItem(db, actor, { prefectureCode, ...parsed.data }, today, worklistSettingsFromEnv());
  } catch (error) {
    if (error instanceof WorklistForbiddenError) return data({ formError: error.message }, { status: 403 });
    if (error instanceof WorklistStateError) return data({ formError: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/prefectures/${prefectureCode}?done=resolved#worklist`);
}

/** The worklist of the landing page, for the prefecture's own officials only (null for everyone else). */
export async function loadLandingWorklist(db: Database, viewer: Omit<WorklistActor, "id">, prefectureCode: string, today: string) {
  return canResolveWorklist(viewer, prefectureCode) ? loadWorklist(db, prefectureCode, today, worklistSettingsFromEnv()) : null;
}
