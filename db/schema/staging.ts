import { boolean, date, index, integer, numeric, pgTable, smallint, text } from "drizzle-orm/pg-core";
import { byMetric, monthlyMetrics, targetValueMetrics } from "../../app/domain/metric-catalogue";
import { publicAssistanceTransferFields, surveyAnswers } from "../../app/domain/vocabulary";

// Rows of an upload that passed validation, held between preview and commit (the app is
// stateless, so they live in the database). One typed table per dataset table, filled by COPY:
// the preview's diff and the commit are then plain joins on typed columns.

const staged = <T extends Record<string, ReturnType<typeof text | typeof smallint | typeof integer | typeof boolean | typeof date | typeof numeric>>>(
  name: string,
  columns: T,
) =>
  pgTable(name, { uploadId: integer().notNull(), line: integer().notNull(), part: smallint().notNull(), ...columns }, (t) => [
    index(`${name}_upload_idx`).on(t.uploadId),
  ]);

export const stagedMonthlySupportStatistics = staged("staged_monthly_support_statistics", {
  localGovernmentCode: text(),
  year: smallint(),
  month: smallint(),
  fiscalYear: smallint(),
  ...byMetric(monthlyMetrics, () => integer()),
});

export const stagedOptionalProgramStatuses = staged("staged_optional_program_statuses", {
  localGovernmentCode: text(),
  fiscalYear: smallint(),
  program: text(),
  implemented: boolean(),
  deliveryForm: text(),
  implementationMethod: text(),
  integratedDelivery: text(),
});

export const stagedJusouStatuses = staged("staged_jusou_statuses", {
  localGovernmentCode: text(),
  fiscalYear: smallint(),
  status: text(),
});

export const stagedStaffTraining = staged("staged_staff_training", {
  localGovernmentCode: text(),
  fiscalYear: smallint(),
  role: text(),
  assigned: integer(),
  nationalTrainingCompleted: integer(),
  prefectureTrainingCompleted: integer(),
  certified: integer(),
});

export const stagedSupervisionContacts = staged("staged_supervision_contacts", {
  localGovernmentCode: text(),
  contactedOn: date(),
  form: text(),
  content: text(),
  prefectureCode: text(),
  responder: text(),
});

export const stagedPrefectureSupportActivities = staged("staged_prefecture_support_activities", {
  prefectureCode: text(),
  fiscalYear: smallint(),
  item: text(),
  implemented: boolean(),
});

export const stagedPopulations = staged("staged_populations", {
  localGovernmentCode: text(),
  asOf: date(),
  population: integer(),
});

export const stagedTargetValues = staged("staged_target_values", {
  fiscalYear: smallint(),
  ...byMetric(targetValueMetrics, () => numeric({ precision: 6, scale: 1 })),
});

export const stagedSupportMeetingStatuses = staged("staged_support_meeting_statuses", {
  localGovernmentCode: text(),
  fiscalYear: smallint(),
  established: boolean(),
  jusouSupportMeeting: boolean(),
  multiAgencyMeeting: boolean(),
});

export const stagedPublicAssistanceTransfers = staged("staged_public_assistance_transfers", {
  localGovernmentCode: text(),
  fiscalYear: smallint(),
  ...(Object.fromEntries(publicAssistanceTransferFields.map((f) => [f, integer()])) as Record<(typeof publicAssistanceTransferFields)[number], ReturnType<typeof integer>>),
});

export const stagedCooperationSurveys = staged("staged_cooperation_surveys", {
  localGovernmentCode: text(),
  fiscalYear: smallint(),
  ...(Object.fromEntries(surveyAnswers.map((a) => [a, boolean()])) as Record<(typeof surveyAnswers)[number], ReturnType<typeof boolean>>),
});
