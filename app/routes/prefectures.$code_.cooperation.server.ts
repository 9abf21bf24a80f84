import type { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate } from "../../db/queries/meta";
import { integratedDeliveryByPrefecture, programStatusesOf } from "../../db/queries/optional-programs";
import { statisticsFiscalYears, totalsByBody, totalsByPrefecture } from "../../db/queries/support-statistics";
import { metricValue } from "~/domain/metrics";
import { integratedCounts, loadOtherDirections, type cooperationQuery } from "../server/pages/cooperation.server";
import { bodiesWithoutSupportMeeting, cooperationSurveyBodies, publicAssistanceTransfersByBody } from "../../db/queries/cooperation";
import { perHundredThousand } from "~/domain/figures";
import { cooperationSurveyQuestions } from "~/domain/vocabulary";
import { chooseFiscalYear, periodOf, withMonthsDue } from "~/server/pages/fiscal-year-policy";

/** A body's 保護→困窮 beside its 困窮→保護 (all null: the body did not answer). */
function transferColumns(t: Awaited<ReturnType<typeof publicAssistanceTransfersByBody>>[number] | null) {
  return {
    transfers: t?.casesAfterDiscontinuation ?? null,
    transfersPerHundredThousand: t ? perHundredThousand(t.casesAfterDiscontinuation, t.population) : null,
    referralsFromWelfareOffice: t ? t.referredAtRisk + t.referredAfterRejection + t.referredAfterExit : null,
  };
}

export async function loadPrefectureCooperation(db: Database, prefectureCode: string, query: z.infer<typeof cooperationQuery>, today: string, options: { detail: boolean }) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [totals, integrated, statisticsAt, programsAt, other] = await Promise.all([
    totalsByPrefecture(db, fiscalYear),
    integratedDeliveryByPrefecture(db, fiscalYear),
    datasetUpdatedAt(db, "monthly_support"),
    datasetUpdatedAt(db, "optional_programs"),
    loadOtherDirections(db, fiscalYear, prefectureCode),
  ]);
  const scope = (code: string | null) => {
    const t = withMonthsDue(totals.find((x) => x.prefectureCode === code)!, fiscalYear, today);
    return { referrals: t.referralsToPublicAssistance, perHundredThousand: metricValue("referralsToPublicAssistance", t), submittedMonths: t.submittedMonths, expectedMonths: t.expectedMonths, ...integratedCounts(integrated, code) };
  };
  let bodies = null;
  let surveyBodies = null;
  let withoutSupportMeeting = null;
  if (options.detail) {
    const [byBody, transfers, answers, without] = await Promise.all([
      totalsByBody(db, fiscalYear, { prefectureCode }),
      publicAssistanceTransfersByBody(db, fiscalYear, prefectureCode),
      cooperationSurveyBodies(db, fiscalYear, prefectureCode),
      bodiesWithoutSupportMeeting(db, prefectureCode, fiscalYear),
    ]);
    withoutSupportMeeting = without;
    // the prefecture's bodies listed by answer, question by question
    surveyBodies = cooperationSurveyQuestions.map((q) => ({
      question: q.key,
      label: q.label,
      answers: q.answers.map((a) => ({ answer: a, label: q.labels[a]!, bodies: answers.filter((b) => b.answers.includes(a)).map((b) => ({ code: b.code, name: b.name, kind: b.kind })) })),
    }));
    const transferOf = (code: string) => transfers.find((t) => t.code === code) ?? null;
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
      ...transferColumns(transferOf(b.code)),
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
    surveyBodies,
    withoutSupportMeeting,
    transfers: other.transfers,
    nationalTransfers: other.nationalTransfers,
    survey: other.survey,
    supportMeetings: other.supportMeetings,
    dates: other.dates,
    demoFigures: other.demoFigures,
    dataDate: latestDataDate(statisticsAt, programsAt),
  };
}
