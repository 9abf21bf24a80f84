// The loader of /municipalities/:code (and of its profile): monthly figures, programs, 重層, staff, supervision, peers.
import { z } from "zod";
import type { Database } from "../../../db";
import { getBody, peerBodies, staffTrainingOf, supervisionContactsOf } from "../../../db/queries/bodies";
import { jusouHistory } from "../../../db/queries/jusou";
import { cooperationSurveyHistory, publicAssistanceTransferHistory, supportMeetingHistory } from "../../../db/queries/cooperation";
import { returnedMonthsOf, reviewStatesOfBody } from "../../../db/queries/approval";
import { datasetUpdatedAt } from "../../../db/queries/meta";
import { monthlyExplanationsOf } from "../../../db/queries/uploads";
import { programHistory } from "../../../db/queries/optional-programs";
import { targetValuesOf } from "../../../db/queries/prefecture-work";
import { monthlySeries, statisticsFiscalYears, totalsByBody, totalsByFiscalYearOfBody, totalsByPrefecture } from "../../../db/queries/support-statistics";
import { comparedFigures, figureTrends, pooledTotals } from "~/domain/compared-figures";
import { byMetric, monthlyMetrics } from "~/domain/metric-catalogue";
import { inMonthRange } from "~/domain/month-range";
import { employmentOrIncomeRate, perHundredThousandPerMonth } from "~/domain/statistics";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { missingMonths, monthsPastDeadline } from "~/domain/reporting-period";
import { getReportingSchedule } from "../../../db/queries/reporting";
import { fiscalYearParam, monthRangeParams } from "~/server/pages/query-params";
import { worklistMarksOfBody } from "../../../db/queries/worklist";
import { worklistRuleLabel } from "~/domain/worklist";

export const municipalityQuery = monthRangeParams.extend({ fy: fiscalYearParam });

export async function loadMunicipality(db: Database, body: NonNullable<Awaited<ReturnType<typeof getBody>>>, query: z.infer<typeof municipalityQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [cooperation, [series, programs, jusou, staff, contacts, targets, { inPrefecture, nationally, sameKind }, dataDate, explanations, schedule, reviewStates, returned, followUps, areaTotals, yearlyTotals]] = await Promise.all([
    Promise.all([publicAssistanceTransferHistory(db, body.code), cooperationSurveyHistory(db, body.code), supportMeetingHistory(db, body.code)]).then(
      ([transfers, survey, meetings]) => ({ transfers, survey, meetings }),
    ),
    Promise.all([
    monthlySeries(db, { bodyCode: body.code }, { withPopulation: true }),
    programHistory(db, body.code),
    jusouHistory(db, body.code),
    staffTrainingOf(db, body.code, fiscalYear),
    supervisionContactsOf(db, body.code),
    targetValuesOf(db, fiscalYear),
    peerBodies(db, body.code, fiscalYear, body.prefectureCode),
    datasetUpdatedAt(db, "monthly_support"),
    monthlyExplanationsOf(db, body.code, fiscalYear),
    getReportingSchedule(db, fiscalYear),
    reviewStatesOfBody(db, body.code, fiscalYear),
    returnedMonthsOf(db, body.code),
    worklistMarksOfBody(db, body.code),
    totalsByPrefecture(db, fiscalYear),
    totalsByFiscalYearOfBody(db, body.code),
    ]),
  ]);
  const explanationOf = new Map(explanations.map((e) => [`${e.year}-${e.month}`, e]));
  const reviewStateOf = (p: { year: number; month: number }) => reviewStates.find((r) => r.year === p.year && r.month === p.month)?.state ?? null;
  const peerCodes = [...new Set([body.code, ...inPrefecture, ...nationally, ...sameKind])];
  const allPeerTotals = await totalsByBody(db, fiscalYear, { bodyCodes: peerCodes });
  const ownTotals = allPeerTotals.find((t) => t.code === body.code) ?? null;
  const peerGroup = allPeerTotals.filter((t) => sameKind.includes(t.code));
  // the comparisons of ADR 024: against the nation, the prefecture, the same-kind peer group and the 目安値
  const compared = ownTotals
    ? comparedFigures(
        ownTotals,
        {
          nation: areaTotals.find((t) => t.prefectureCode === null) ?? null,
          prefecture: areaTotals.find((t) => t.prefectureCode === body.prefectureCode) ?? null,
          peers: peerGroup.length > 0 ? pooledTotals(peerGroup) : null,
        },
        targets,
      )
    : null;
  const trends = figureTrends(yearlyTotals.filter((y) => y.fiscalYear <= fiscalYear));
  const peerTotals = allPeerTotals.filter((t) => t.code === body.code || inPrefecture.includes(t.code) || nationally.includes(t.code));
  const peers = peerTotals.map((t) => ({
    code: t.code,
    name: t.name,
    prefectureCode: t.prefectureCode,
    population: t.population,
    newConsultations: perHundredThousandPerMonth(t.perCapita.newConsultations, t.populationMonths),
    plansCreated: perHundredThousandPerMonth(t.perCapita.plansCreated, t.populationMonths),
    employmentOrIncomeRate: employmentOrIncomeRate(t),
    submittedMonths: t.submittedMonths,
    group: t.code === body.code ? "self" : inPrefecture.includes(t.code) ? "prefecture" : "nation",
  }));
  const months = series.filter((p) => p.fiscalYear === fiscalYear);
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    monthsDue: monthsPastDeadline(fiscalYear, today, schedule.monthlyDueDay).length,
    missingMonths: missingMonths(fiscalYear, today, months, schedule.monthlyDueDay),
    months: months
      .map((p) => ({
        year: p.year,
        month: p.month,
        ...byMetric(monthlyMetrics, (m) => p[m]),
        perCapitaNew: perHundredThousandPerMonth(p.perCapita.newConsultations, p.populationMonths),
        // why the upload that last set this month's values was committed despite its warnings (ADR 018)
        explanation: explanationOf.get(`${p.year}-${p.month}`) ?? null,
        reviewState: reviewStateOf(p),
      })),
    returned,
    /** the prefecture's 対応済 marks on this body's worklist items (ADR 025), newest first */
    followUps: followUps.map((m) => ({ ruleLabel: worklistRuleLabel(m.rule), fiscalYear: m.fiscalYear, why: m.why, note: m.note, resolvedAt: m.resolvedAt, resolvedBy: m.resolvedBy })),
    range: { from: query.from, to: query.to },
    allMonths: series.filter((p) => inMonthRange(p, query)).map((p) => ({ year: p.year, month: p.month, fiscalYear: p.fiscalYear, newConsultations: p.newConsultations, plansCreated: p.plansCreated, housingBenefitDecisions: p.housingBenefitDecisions, submittedMonths: p.submittedMonths })),
    programs,
    jusou,
    cooperation,
    staff,
    contacts,
    targets,
    peers,
    compared,
    trends,
    peerGroup: peerGroup
      .map((t) => ({ code: t.code, name: t.name, kind: t.kind, prefectureCode: t.prefectureCode, population: t.population }))
      .sort((a, b) => sameKind.indexOf(a.code) - sameKind.indexOf(b.code)),
    dataDate,
  };
}
export { openRemindersOf } from "../../../db/queries/reporting";
