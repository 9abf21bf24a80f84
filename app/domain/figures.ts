import type { PublicAssistanceTransferField, SurveyAnswer } from "./vocabulary";
// Shapes of aggregated figures that a query returns (db/queries) and a card renders (components),
// declared once here because both may import app/domain and neither may import the other.

/** 重層 statuses of the municipalities of a prefecture (prefectureCode null: the nation) in a fiscal year. */
export type JusouStatusCounts = {
  prefectureCode: string | null;
  municipalities: number;
  implementing: number;
  transitionPreparation: number;
  modelProject: number;
  notImplemented: number;
  /** municipalities without a status row: not reported, not 未実施 */
  notReported: number;
};

/** 修了証 coverage of the three roles that need it over a prefecture's (or the nation's) implementing bodies, with the 後期研修 held. */
export type CertificateCoverage = {
  prefectureCode: string | null;
  bodies: number;
  reported: number;
  complete: number;
  assigned: number;
  national: number;
  latterTerm: number;
  certified: number;
  latterTermSessions: number;
};

/** 保護→困窮 of a prefecture (prefectureCode null: the nation) in a fiscal year, over the bodies that answered. */
export type TransferSummary = Record<PublicAssistanceTransferField, number> & {
  prefectureCode: string | null;
  /** bodies that answered (n); bodies without an answer are not in n */
  respondents: number;
  /** of them, bodies with at least one case moved from 保護 after 保護廃止 */
  withCases: number;
  /** the respondents' population on 1 April (bodies without a population add nothing) */
  population: number;
};

/**
 * The source's figures (FY2020: 32.6% of responding bodies had cases, 4.7 on average among them):
 * share = withCases ÷ respondents, average = cases ÷ withCases, per 10万人 = cases ÷ population × 100,000.
 */
export function transferFigures(s: Pick<TransferSummary, "respondents" | "withCases" | "casesAfterDiscontinuation" | "population">) {
  return {
    shareWithCases: s.respondents > 0 ? s.withCases / s.respondents : null,
    averageAmongWithCases: s.withCases > 0 ? s.casesAfterDiscontinuation / s.withCases : null,
    perHundredThousand: perHundredThousand(s.casesAfterDiscontinuation, s.population),
  };
}

/** An annual count per 人口10万人 (null without a population). */
export function perHundredThousand(count: number, population: number | null): number | null {
  return population && population > 0 ? (count * 100_000) / population : null;
}

/** The cooperation survey in one scope: respondents (n) and how many chose each answer. */
export type SurveyDistribution = { respondents: number } & Record<SurveyAnswer, number>;

/** 支援会議 in one fiscal year: implementing bodies, those that answered (n), those with one set up. */
export type SupportMeetingShare = { fiscalYear: number; bodies: number; answered: number; established: number };
