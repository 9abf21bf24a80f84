// National figures the demo dataset is calibrated to. `published` marks the figures that
// docs/domain.md marks as published (from the source documents and MHLW releases); the rest are demo
// estimates that continue the published trend and must never be quoted as official.

import type { MonthlyCounts } from "../app/domain/metric-catalogue";
import type { SurveyAnswer } from "../app/domain/vocabulary";

/** A monthly metric without figures here (one added after these were gathered) is zero in the demo. */
export type NationalMonthlyTotals = Partial<MonthlyCounts>;

type Row = NationalMonthlyTotals & { published: (keyof NationalMonthlyTotals)[] };

const all: (keyof NationalMonthlyTotals)[] = [
  "newConsultations",
  "plansCreated",
  "employmentSupportTargets",
  "employed",
  "increasedIncome",
  "housingBenefitDecisions",
];

export const nationalTotalsByFiscalYear: Record<number, Row> = {
  2015: { newConsultations: 226411, plansCreated: 55570, employmentSupportTargets: 28207, employed: 21465, increasedIncome: 6946, housingBenefitDecisions: 6613, referralsToPublicAssistance: 11000, published: all },
  2016: { newConsultations: 222426, plansCreated: 66892, employmentSupportTargets: 31970, employed: 25588, increasedIncome: 7199, housingBenefitDecisions: 5095, referralsToPublicAssistance: 12000, published: all },
  2017: { newConsultations: 229685, plansCreated: 71293, employmentSupportTargets: 31912, employed: 25332, increasedIncome: 6390, housingBenefitDecisions: 4109, referralsToPublicAssistance: 12500, published: all },
  2018: { newConsultations: 237000, plansCreated: 75000, employmentSupportTargets: 33000, employed: 25500, increasedIncome: 6400, housingBenefitDecisions: 4172, referralsToPublicAssistance: 13000, published: ["housingBenefitDecisions"] },
  2019: { newConsultations: 249000, plansCreated: 79000, employmentSupportTargets: 35000, employed: 26000, increasedIncome: 6500, housingBenefitDecisions: 3972, referralsToPublicAssistance: 13500, published: ["newConsultations", "plansCreated", "housingBenefitDecisions"] },
  2020: { newConsultations: 786163, plansCreated: 139000, employmentSupportTargets: 42000, employed: 18000, increasedIncome: 5000, housingBenefitDecisions: 134946, referralsToPublicAssistance: 15153, published: ["newConsultations", "plansCreated", "housingBenefitDecisions", "referralsToPublicAssistance"] },
  2021: { newConsultations: 555779, plansCreated: 120000, employmentSupportTargets: 50000, employed: 19000, increasedIncome: 5200, housingBenefitDecisions: 45671, referralsToPublicAssistance: 14500, published: ["newConsultations", "housingBenefitDecisions"] },
  2022: { newConsultations: 353095, plansCreated: 95000, employmentSupportTargets: 57720, employed: 19500, increasedIncome: 5495, housingBenefitDecisions: 24272, referralsToPublicAssistance: 14000, published: ["newConsultations", "employmentSupportTargets", "housingBenefitDecisions"] },
  2023: { newConsultations: 340000, plansCreated: 90000, employmentSupportTargets: 56000, employed: 20000, increasedIncome: 5600, housingBenefitDecisions: 18000, referralsToPublicAssistance: 14000, published: [] },
  2024: { newConsultations: 335000, plansCreated: 88000, employmentSupportTargets: 55000, employed: 20300, increasedIncome: 5700, housingBenefitDecisions: 16000, referralsToPublicAssistance: 13800, published: [] },
  2025: { newConsultations: 330000, plansCreated: 87000, employmentSupportTargets: 54000, employed: 20500, increasedIncome: 5800, housingBenefitDecisions: 15000, referralsToPublicAssistance: 13500, published: [] },
};

/** Share of implementing bodies running each optional program: FY2015 and FY2021 published, the rest interpolated or extended. */
export const optionalProgramRates: Record<number, [number, number, number, number]> = {
  2015: [0.28, 0.23, 0.19, 0.33],
  2021: [0.69, 0.71, 0.37, 0.65],
  2025: [0.77, 0.79, 0.41, 0.69],
};

/** 重層的支援体制整備事業 implementing municipalities (FY2025: planned). */
export const jusouImplementingCounts: Record<number, number> = { 2021: 42, 2022: 134, 2023: 189, 2024: 346, 2025: 473 };

/** 一体的実施, FY2020, n=905: [integrated, both_not_integrated, needy_only, recipients_only, not_implemented]. */
export const integratedDeliveryCounts = {
  employment_preparation: [264, 25, 277, 30, 309],
  household_budget: [51, 13, 514, 0, 327],
} as const;

/** Share of prefectures doing each support item, before (→FY2018) and after (FY2019→) the 2018 revision. */
export const prefectureSupportShares: Record<string, [number, number]> = {
  prefecture_training: [0.718, 0.744],
  promote_optional_programs: [0.538, 0.769],
  supporter_network: [0.333, 0.385],
  work_placement_development: [0.308, 0.436],
  joint_implementation_planning: [0.256, 0.359],
  multidisciplinary_network: [0.179, 0.179],
  labour_housing_expertise: [0.103, 0.154],
  housing_support_council: [0.103, 0.154],
  supervision_for_staff: [0.103, 0.128],
  social_resource_list: [0.051, 0.128],
  work_training_advisor: [0.051, 0.051],
  other: [0.026, 0.051],
};

/** 目安値 per 10万人 per month: FY2015–2017 published; later years carry FY2017 forward (demo assumption). */
export const targetValuesByFiscalYear: Record<number, [number, number, number]> = {
  2015: [20, 10, 6],
  2016: [22, 11, 7],
  2017: [24, 12, 7],
};

export const demoFirstFiscalYear = 2015;
export const demoLastFiscalYear = 2025;

/**
 * 保護→困窮 (second source document, FY2020 survey): 536 responding bodies, 32.6% of them with cases
 * moved from 保護 after 保護廃止, 4.7 cases on average among those (the demo: 175 bodies, 823 cases). The other
 * years are demo estimates.
 */
export const publicAssistanceTransferFigures: Record<number, { respondents: number; shareWithCases: number; averageCases: number; published: boolean }> = {
  2020: { respondents: 536, shareWithCases: 0.326, averageCases: 4.7, published: true },
  2021: { respondents: 560, shareWithCases: 0.34, averageCases: 4.6, published: false },
  2022: { respondents: 590, shareWithCases: 0.35, averageCases: 4.5, published: false },
  2023: { respondents: 610, shareWithCases: 0.36, averageCases: 4.5, published: false },
  2024: { respondents: 630, shareWithCases: 0.37, averageCases: 4.4, published: false },
  2025: { respondents: 640, shareWithCases: 0.37, averageCases: 4.4, published: false },
};

/** Fiscal years whose 保護→困窮 and cooperation-survey figures the demo takes from the source (the pages say which are estimates). */
export const cooperationPublishedFiscalYears: readonly number[] = Object.entries(publicAssistanceTransferFigures)
  .filter(([, f]) => f.published)
  .map(([fy]) => Number(fy));

/** The cooperation survey's shares per answer (FY2020, published: 連携強化に必要な取組 n=465, 移行にあたっての課題 n=536); the demo applies them to every year's respondents. */
export const cooperationSurveyShares: Record<SurveyAnswer, number> = {
  practiceMutualUnderstanding: 0.575,
  practiceCaseSharing: 0.496,
  practiceFaceToFace: 0.481,
  practiceHouseholdBudgetIntegrated: 0.386,
  practiceEmploymentPreparationIntegrated: 0.382,
  practiceJointTraining: 0.226,
  practiceViaHelloWork: 0.222,
  practiceNoneNeeded: 0.056,
  practiceOther: 0.024,
  issueNoIssue: 0.388,
  issueRelationshipAfterTransition: 0.194,
  issueSupportUnknown: 0.138,
  issueMeritUnrecognized: 0.129,
  issueCaseworkerStaysInvolved: 0.099,
  issueNoHandover: 0.065,
  issueOther: 0.052,
};
