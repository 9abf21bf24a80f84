import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, numeric, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";
import { byMetric, monthlyMetrics, perPopulationMetrics, targetValueMetrics, type PerPopulationMetric } from "../../app/domain/metric-catalogue";
import { publicAssistanceTransferFields, surveyAnswers } from "../../app/domain/vocabulary";
import { localGovernments } from "./geography";

const body = () =>
  text()
    .notNull()
    .references(() => localGovernments.code);

/** 支援状況調査: one row per implementing body and calendar month. A missing row means not submitted, never zero. */
export const monthlySupportStatistics = pgTable(
  "monthly_support_statistics",
  {
    localGovernmentCode: body(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    fiscalYear: smallint().notNull(),
    ...byMetric(monthlyMetrics, () => integer().notNull()),
    uploadId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.localGovernmentCode, t.year, t.month] }),
    index("monthly_support_statistics_fy_idx").on(t.fiscalYear),
    check("monthly_support_statistics_month", sql`${t.month} between 1 and 12`),
    check(
      "monthly_support_statistics_fiscal_year",
      sql`${t.fiscalYear} = case when ${t.month} >= 4 then ${t.year} else ${t.year} - 1 end`,
    ),
    check(
      "monthly_support_statistics_non_negative",
      sql`least(${sql.join(
        monthlyMetrics.map((m) => t[m]),
        sql`, `,
      )}) >= 0`,
    ),
  ],
);

const sum = () => bigint({ mode: "number" }).notNull();

/** pcNewConsultations, … : the column of each per-population metric's per-10万人 numerator. */
export const perCapitaColumn = <M extends PerPopulationMetric>(m: M) => `pc${m[0]!.toUpperCase()}${m.slice(1)}` as `pc${Capitalize<M>}`;
const perCapitaColumns = <T>(make: () => T) =>
  Object.fromEntries(perPopulationMetrics.map((m) => [perCapitaColumn(m), make()])) as Record<`pc${Capitalize<PerPopulationMetric>}`, T>;

/**
 * monthly_support_statistics summed per body and fiscal year, with the population of each month's
 * first day (ADR 011). Kept by triggers on monthly_support_statistics and populations in the same
 * transaction as every change, so the fiscal-year timelines read ~10k rows instead of every month.
 * Which bodies count in a year is still decided at query time.
 */
export const fiscalYearBodyTotals = pgTable(
  "fiscal_year_body_totals",
  {
    localGovernmentCode: text().notNull(),
    fiscalYear: smallint().notNull(),
    ...byMetric(monthlyMetrics, sum),
    submittedMonths: integer().notNull(),
    /** sum over the submitted months of the population in force on the month's first day (months without one add nothing) */
    populationMonths: sum(),
    /** each per-population metric summed over the months that have a population (the per-10万人 numerators) */
    ...perCapitaColumns(sum),
  },
  (t) => [primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear] })],
);

/**
 * monthly_support_statistics of bodies that run a welfare office (wards excluded) summed per
 * prefecture and calendar month (ADR 014). Kept by triggers on monthly_support_statistics and
 * local_governments, so the national monthly series reads ~6k rows instead of every body's month.
 */
export const monthlyPrefectureTotals = pgTable(
  "monthly_prefecture_totals",
  {
    prefectureCode: text().notNull(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    fiscalYear: smallint().notNull(),
    ...byMetric(monthlyMetrics, sum),
    submittedMonths: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefectureCode, t.year, t.month] })],
);

/** 任意事業 status per body, fiscal year and program. */
export const optionalProgramStatuses = pgTable(
  "optional_program_statuses",
  {
    localGovernmentCode: body(),
    fiscalYear: smallint().notNull(),
    program: text().notNull(),
    implemented: boolean().notNull(),
    deliveryForm: text(),
    implementationMethod: text(),
    /** Only for employment_preparation and household_budget. */
    integratedDelivery: text(),
    uploadId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear, t.program] }),
    index("optional_program_statuses_fy_idx").on(t.fiscalYear, t.program),
  ],
);

/** 重層的支援体制整備事業 status per municipality and fiscal year. */
export const jusouStatuses = pgTable(
  "jusou_statuses",
  {
    localGovernmentCode: body(),
    fiscalYear: smallint().notNull(),
    status: text().notNull(),
    uploadId: integer(),
  },
  (t) => [primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear] })],
);

/** 支援会議 (法第9条) set up or not, per body and fiscal year. */
export const supportMeetingStatuses = pgTable(
  "support_meeting_statuses",
  {
    localGovernmentCode: body(),
    fiscalYear: smallint().notNull(),
    established: boolean().notNull(),
    /** 重層事業の支援会議 (社会福祉法第106条の6); null where the body does not run 重層 or did not answer */
    jusouSupportMeeting: boolean(),
    /** 重層的支援会議; null as above */
    multiAgencyMeeting: boolean(),
    uploadId: integer(),
  },
  (t) => [primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear] })],
);

/**
 * 保護→困窮 per body and fiscal year: cases that moved to this system after 保護廃止, and the people
 * welfare offices referred by the notice's categories ア/イ/ウ. A missing row means no answer, never zero.
 */
export const publicAssistanceTransfers = pgTable(
  "public_assistance_transfers",
  {
    localGovernmentCode: body(),
    fiscalYear: smallint().notNull(),
    ...(Object.fromEntries(publicAssistanceTransferFields.map((f) => [f, integer().notNull()])) as Record<
      (typeof publicAssistanceTransferFields)[number],
      ReturnType<typeof integer> & { _: { notNull: true } }
    >),
    uploadId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear] }),
    check(
      "public_assistance_transfers_non_negative",
      sql`least(${sql.join(
        publicAssistanceTransferFields.map((f) => t[f]),
        sql`, `,
      )}) >= 0`,
    ),
  ],
);

/**
 * The annual cooperation survey per body and fiscal year: one boolean per answer of its two
 * multiple-answer questions (app/domain/vocabulary.ts, cooperationSurveyQuestions). A body without a
 * row did not answer; it is not in any share's n.
 */
export const cooperationSurveys = pgTable(
  "cooperation_surveys",
  {
    localGovernmentCode: body(),
    fiscalYear: smallint().notNull(),
    ...(Object.fromEntries(surveyAnswers.map((a) => [a, boolean().notNull()])) as Record<
      (typeof surveyAnswers)[number],
      ReturnType<typeof boolean> & { _: { notNull: true } }
    >),
    uploadId: integer(),
  },
  (t) => [primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear] })],
);

/** 目安値: national target values per 10万人 per month, kept as data per fiscal year. */
export const targetValues = pgTable("target_values", {
  fiscalYear: smallint().primaryKey(),
  ...byMetric(targetValueMetrics, () => numeric({ precision: 6, scale: 1, mode: "number" }).notNull()),
  uploadId: integer(),
});
