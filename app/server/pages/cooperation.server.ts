import { z } from "zod";
import type { Database } from "../../../db";
import { listPrefectures } from "../../../db/queries/geography";
import { datasetUpdatedAt, isDemoDataset, latestDataDate } from "../../../db/queries/meta";
import { cooperationPublishedFiscalYears } from "../../../seeds/published-figures";
import { integratedDeliveryByPrefecture } from "../../../db/queries/optional-programs";
import { cooperationSurveyDistribution, publicAssistanceTransferSummary, supportMeetingSharesByFiscalYear } from "../../../db/queries/cooperation";
import { statisticsFiscalYears, totalsByPrefecture } from "../../../db/queries/support-statistics";
import { metricValue } from "~/domain/metrics";
import { chooseFiscalYear, periodOf, withMonthsDue } from "./fiscal-year-policy";
import { fiscalYearParam } from "./query-params";

export const cooperationQuery = z.object({ fy: fiscalYearParam });

type Integrated = Awaited<ReturnType<typeof integratedDeliveryByPrefecture>>;

/** Bodies in the 一体的 category and bodies that answered, per program, for one scope (null: the nation). */
export function integratedCounts(rows: Integrated, prefectureCode: string | null) {
  const count = (program: string, integratedOnly: boolean) =>
    rows
      .filter((r) => r.prefectureCode === prefectureCode && r.program === program && r.category !== null && (!integratedOnly || r.category === "integrated"))
      .reduce((s, r) => s + r.count, 0);
  return {
    integratedEmploymentPreparation: count("employment_preparation", true),
    answeredEmploymentPreparation: count("employment_preparation", false),
    integratedHouseholdBudget: count("household_budget", true),
    answeredHouseholdBudget: count("household_budget", false),
  };
}

export async function loadNationalCooperation(db: Database, query: z.infer<typeof cooperationQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [prefectures, totals, integrated, statisticsAt, programsAt, other] = await Promise.all([
    listPrefectures(db),
    totalsByPrefecture(db, fiscalYear),
    integratedDeliveryByPrefecture(db, fiscalYear),
    datasetUpdatedAt(db, "monthly_support"),
    datasetUpdatedAt(db, "optional_programs"),
    loadOtherDirections(db, fiscalYear, null),
  ]);
  const rowOf = (code: string | null, name: string) => {
    const found = totals.find((x) => x.prefectureCode === code);
    const t = found ? withMonthsDue(found, fiscalYear, today) : undefined;
    return {
      code,
      name,
      referrals: t?.referralsToPublicAssistance ?? 0,
      perHundredThousand: t ? metricValue("referralsToPublicAssistance", t) : null,
      submittedMonths: t?.submittedMonths ?? 0,
      expectedMonths: t?.expectedMonths ?? 0,
      ...integratedCounts(integrated, code),
    };
  };
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    rows: [rowOf(null, "全国"), ...prefectures.map((p) => rowOf(p.code, p.name))],
    distribution: integrated.filter((r) => r.prefectureCode === null),
    dataDate: latestDataDate(statisticsAt, programsAt),
    transfers: other.transfers,
    transfersByPrefecture: other.transferRows
      .filter((r) => r.prefectureCode !== null)
      .map((r) => ({ ...r, name: prefectures.find((p) => p.code === r.prefectureCode)?.name ?? r.prefectureCode! })),
    survey: other.survey,
    supportMeetings: other.supportMeetings,
    dates: other.dates,
    demoFigures: other.demoFigures,
  };
}

/**
 * 保護→困窮, the cooperation survey and 支援会議 for one scope (null: the nation), with each dataset's
 * data date; shared by the national and the prefecture cooperation pages.
 */
export async function loadOtherDirections(db: Database, fiscalYear: number, prefectureCode: string | null) {
  const [demo, transferRows, survey, supportMeetings, transfersAt, surveyAt, meetingsAt] = await Promise.all([
    isDemoDataset(db),
    publicAssistanceTransferSummary(db, fiscalYear),
    cooperationSurveyDistribution(db, fiscalYear, prefectureCode),
    supportMeetingSharesByFiscalYear(db, prefectureCode),
    datasetUpdatedAt(db, "public_assistance_transfers"),
    datasetUpdatedAt(db, "cooperation_survey"),
    datasetUpdatedAt(db, "support_meeting"),
  ]);
  return {
    transferRows,
    transfers: transferRows.find((r) => r.prefectureCode === prefectureCode) ?? null,
    nationalTransfers: transferRows.find((r) => r.prefectureCode === null) ?? null,
    survey,
    supportMeetings,
    dates: { transfers: transfersAt, survey: surveyAt, supportMeetings: meetingsAt },
    /** on demo data: whether this fiscal year's national 保護→困窮 and survey figures follow the source, or are the demo's estimates */
    demoFigures: demo ? (cooperationPublishedFiscalYears.includes(fiscalYear) ? ("source" as const) : ("estimate" as const)) : null,
  };
}
