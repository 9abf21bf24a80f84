import { getTableName, sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { DatasetId } from "~/domain/datasets/types";
import { labelOf, yesNoLabel } from "~/domain/datasets/helpers";
import {
  deliveryFormLabels,
  implementationMethodLabels,
  integratedDeliveryLabels,
  jusouStatusLabels,
  optionalProgramLabels,
  prefectureSupportItemLabels,
  supervisionFormLabels,
  publicAssistanceTransferFields,
  publicAssistanceTransferLabels,
  supportStaffRoleLabels,
  cooperationSurveyQuestions,
  surveyAnswers,
} from "~/domain/vocabulary";
import { surveyAnswerHeader } from "~/domain/datasets/cooperation-survey";
import { monthlyMetricCatalogue, monthlyMetricLabels, targetValueMetrics } from "~/domain/metric-catalogue";
import {
  jusouStatuses,
  localGovernments,
  monthlySupportStatistics,
  optionalProgramStatuses,
  populations,
  prefectures,
  prefectureSupportActivities,
  staffTraining,
  stagedJusouStatuses,
  stagedMonthlySupportStatistics,
  stagedOptionalProgramStatuses,
  stagedPopulations,
  stagedPrefectureSupportActivities,
  stagedStaffTraining,
  stagedSupervisionContacts,
  stagedTargetValues,
  supervisionContacts,
  targetValues,
  cooperationSurveys,
  publicAssistanceTransfers,
  stagedCooperationSurveys,
  stagedPublicAssistanceTransfers,
  stagedSupportMeetingStatuses,
  supportMeetingStatuses,
} from "../schema";

// Where each dataset's records are stored and how its downloads read them: the drizzle tables and
// columns, so the dataset definitions (app/domain/datasets) carry no SQL.

export type ExportColumn = { header: string; value: SQL | PgColumn; format?: (value: unknown) => string };

export type DatasetTable = {
  /** the table the commit writes (every one has an upload_id column) */
  target: PgTable;
  /** its typed staging table: upload_id, line, part, then the key and value columns */
  staging: PgTable;
  /** the target's key, in the order of the records' keys */
  keyColumns: readonly PgColumn[];
  valueColumns: readonly PgColumn[];
  /** how downloads and templates present the data (re-uploadable as is) */
  export: {
    columns: readonly ExportColumn[];
    from: SQL;
    order: readonly PgColumn[];
    /** the exported row's body code and prefecture code, for scoping; its fiscal year, for filtering */
    bodyCode: PgColumn | null;
    prefectureCode: PgColumn | null;
    fiscalYear: PgColumn | null;
  };
};

/** The body's code, prefecture name and name (blank for the prefecture's own row), as the upload reads them. */
const bodyExportColumns = (code: PgColumn, blankPrefectureName: boolean): ExportColumn[] => [
  { header: "自治体コード", value: code },
  { header: "都道府県名", value: prefectures.name },
  {
    header: "市区町村名",
    value: blankPrefectureName ? sql`case when ${localGovernments.kind} = 'prefecture' then '' else ${localGovernments.name} end` : localGovernments.name,
  },
];

const withBodyAndPrefecture = (table: PgTable, code: PgColumn): SQL =>
  sql`${table} join ${localGovernments} on ${localGovernments.code} = ${code} join ${prefectures} on ${prefectures.code} = ${localGovernments.prefectureCode}`;

const isoDate = (column: PgColumn): SQL => sql`to_char(${column}, 'YYYY-MM-DD')`;

const monthlyMetricColumns = monthlyMetricCatalogue.map((m) => [m.key, monthlySupportStatistics[m.key]] as const);

const surveyMark = (v: unknown) => (v === true ? "○" : "");

/** A fiscal-year dataset of implementing bodies (one row per body and year): its export columns, source and order. */
const bodyYearExport = (table: typeof supportMeetingStatuses | typeof publicAssistanceTransfers | typeof cooperationSurveys, columns: ExportColumn[]) => ({
  columns: [...bodyExportColumns(table.localGovernmentCode, true), { header: "年度", value: table.fiscalYear }, ...columns],
  from: withBodyAndPrefecture(table, table.localGovernmentCode),
  order: [table.localGovernmentCode, table.fiscalYear],
  bodyCode: table.localGovernmentCode,
  prefectureCode: localGovernments.prefectureCode,
  fiscalYear: table.fiscalYear,
});

const supportMeetingTable: DatasetTable = {
  target: supportMeetingStatuses,
  staging: stagedSupportMeetingStatuses,
  keyColumns: [supportMeetingStatuses.localGovernmentCode, supportMeetingStatuses.fiscalYear],
  valueColumns: [supportMeetingStatuses.established, supportMeetingStatuses.jusouSupportMeeting, supportMeetingStatuses.multiAgencyMeeting],
  export: bodyYearExport(supportMeetingStatuses, [
    { header: "支援会議", value: supportMeetingStatuses.established, format: yesNoLabel },
    { header: "重層事業の支援会議", value: supportMeetingStatuses.jusouSupportMeeting, format: yesNoLabel },
    { header: "重層的支援会議", value: supportMeetingStatuses.multiAgencyMeeting, format: yesNoLabel },
  ]),
};

const publicAssistanceTransfersTable: DatasetTable = {
  target: publicAssistanceTransfers,
  staging: stagedPublicAssistanceTransfers,
  keyColumns: [publicAssistanceTransfers.localGovernmentCode, publicAssistanceTransfers.fiscalYear],
  valueColumns: publicAssistanceTransferFields.map((f) => publicAssistanceTransfers[f]),
  export: bodyYearExport(
    publicAssistanceTransfers,
    publicAssistanceTransferFields.map((f) => ({ header: publicAssistanceTransferLabels[f], value: publicAssistanceTransfers[f] })),
  ),
};

const cooperationSurveyTable: DatasetTable = {
  target: cooperationSurveys,
  staging: stagedCooperationSurveys,
  keyColumns: [cooperationSurveys.localGovernmentCode, cooperationSurveys.fiscalYear],
  valueColumns: surveyAnswers.map((a) => cooperationSurveys[a]),
  export: bodyYearExport(
    cooperationSurveys,
    cooperationSurveyQuestions.flatMap((q) =>
      q.answers.map((a) => ({ header: surveyAnswerHeader(q.key, q.labels[a]!), value: cooperationSurveys[a], format: surveyMark })),
    ),
  ),
};

export const datasetTables: Record<DatasetId, DatasetTable> = {
  monthly_support: {
    target: monthlySupportStatistics,
    staging: stagedMonthlySupportStatistics,
    keyColumns: [monthlySupportStatistics.localGovernmentCode, monthlySupportStatistics.year, monthlySupportStatistics.month],
    valueColumns: [monthlySupportStatistics.fiscalYear, ...monthlyMetricColumns.map(([, c]) => c)],
    export: {
      columns: [
        ...bodyExportColumns(monthlySupportStatistics.localGovernmentCode, true),
        { header: "年度", value: monthlySupportStatistics.fiscalYear },
        { header: "月", value: monthlySupportStatistics.month },
        ...monthlyMetricColumns.map(([key, c]) => ({ header: monthlyMetricLabels[key], value: c })),
      ],
      from: withBodyAndPrefecture(monthlySupportStatistics, monthlySupportStatistics.localGovernmentCode),
      order: [monthlySupportStatistics.localGovernmentCode, monthlySupportStatistics.year, monthlySupportStatistics.month],
      bodyCode: monthlySupportStatistics.localGovernmentCode,
      prefectureCode: localGovernments.prefectureCode,
      fiscalYear: monthlySupportStatistics.fiscalYear,
    },
  },
  optional_programs: {
    target: optionalProgramStatuses,
    staging: stagedOptionalProgramStatuses,
    keyColumns: [optionalProgramStatuses.localGovernmentCode, optionalProgramStatuses.fiscalYear, optionalProgramStatuses.program],
    valueColumns: [
      optionalProgramStatuses.implemented,
      optionalProgramStatuses.deliveryForm,
      optionalProgramStatuses.implementationMethod,
      optionalProgramStatuses.integratedDelivery,
    ],
    export: {
      columns: [
        ...bodyExportColumns(optionalProgramStatuses.localGovernmentCode, true),
        { header: "年度", value: optionalProgramStatuses.fiscalYear },
        { header: "事業", value: optionalProgramStatuses.program, format: labelOf(optionalProgramLabels) },
        { header: "実施", value: optionalProgramStatuses.implemented, format: yesNoLabel },
        { header: "実施形態", value: optionalProgramStatuses.deliveryForm, format: labelOf(deliveryFormLabels) },
        { header: "実施方法", value: optionalProgramStatuses.implementationMethod, format: labelOf(implementationMethodLabels) },
        { header: "一体的実施", value: optionalProgramStatuses.integratedDelivery, format: labelOf(integratedDeliveryLabels) },
      ],
      from: withBodyAndPrefecture(optionalProgramStatuses, optionalProgramStatuses.localGovernmentCode),
      order: [optionalProgramStatuses.localGovernmentCode, optionalProgramStatuses.fiscalYear, optionalProgramStatuses.program],
      bodyCode: optionalProgramStatuses.localGovernmentCode,
      prefectureCode: localGovernments.prefectureCode,
      fiscalYear: optionalProgramStatuses.fiscalYear,
    },
  },
  jusou: {
    target: jusouStatuses,
    staging: stagedJusouStatuses,
    keyColumns: [jusouStatuses.localGovernmentCode, jusouStatuses.fiscalYear],
    valueColumns: [jusouStatuses.status],
    export: {
      columns: [
        ...bodyExportColumns(jusouStatuses.localGovernmentCode, false),
        { header: "年度", value: jusouStatuses.fiscalYear },
        { header: "状況", value: jusouStatuses.status, format: labelOf(jusouStatusLabels) },
      ],
      from: withBodyAndPrefecture(jusouStatuses, jusouStatuses.localGovernmentCode),
      order: [jusouStatuses.localGovernmentCode, jusouStatuses.fiscalYear],
      bodyCode: jusouStatuses.localGovernmentCode,
      prefectureCode: localGovernments.prefectureCode,
      fiscalYear: jusouStatuses.fiscalYear,
    },
  },
  staff_training: {
    target: staffTraining,
    staging: stagedStaffTraining,
    keyColumns: [staffTraining.localGovernmentCode, staffTraining.fiscalYear, staffTraining.role],
    valueColumns: [staffTraining.assigned, staffTraining.nationalTrainingCompleted, staffTraining.prefectureTrainingCompleted, staffTraining.certified],
    export: {
      columns: [
        ...bodyExportColumns(staffTraining.localGovernmentCode, true),
        { header: "年度", value: staffTraining.fiscalYear },
        { header: "職種", value: staffTraining.role, format: labelOf(supportStaffRoleLabels) },
        { header: "配置人数", value: staffTraining.assigned },
        { header: "国研修（前期）修了者数", value: staffTraining.nationalTrainingCompleted },
        { header: "都道府県研修（後期）修了者数", value: staffTraining.prefectureTrainingCompleted },
        { header: "修了証取得者数", value: staffTraining.certified },
      ],
      from: withBodyAndPrefecture(staffTraining, staffTraining.localGovernmentCode),
      order: [staffTraining.localGovernmentCode, staffTraining.fiscalYear, staffTraining.role],
      bodyCode: staffTraining.localGovernmentCode,
      prefectureCode: localGovernments.prefectureCode,
      fiscalYear: staffTraining.fiscalYear,
    },
  },
  supervision: {
    target: supervisionContacts,
    staging: stagedSupervisionContacts,
    keyColumns: [supervisionContacts.localGovernmentCode, supervisionContacts.contactedOn, supervisionContacts.form, supervisionContacts.content],
    valueColumns: [supervisionContacts.prefectureCode, supervisionContacts.responder],
    export: {
      columns: [
        { header: "都道府県", value: prefectures.name },
        { header: "実施日", value: isoDate(supervisionContacts.contactedOn) },
        { header: "対象自治体", value: supervisionContacts.localGovernmentCode },
        { header: "形態", value: supervisionContacts.form, format: labelOf(supervisionFormLabels) },
        { header: "内容", value: supervisionContacts.content },
        { header: "対応者", value: supervisionContacts.responder },
      ],
      from: sql`${supervisionContacts} join ${prefectures} on ${prefectures.code} = ${supervisionContacts.prefectureCode}`,
      order: [supervisionContacts.prefectureCode, supervisionContacts.contactedOn, supervisionContacts.localGovernmentCode, supervisionContacts.form],
      bodyCode: supervisionContacts.localGovernmentCode,
      prefectureCode: supervisionContacts.prefectureCode,
      fiscalYear: null,
    },
  },
  prefecture_support: {
    target: prefectureSupportActivities,
    staging: stagedPrefectureSupportActivities,
    keyColumns: [prefectureSupportActivities.prefectureCode, prefectureSupportActivities.fiscalYear, prefectureSupportActivities.item],
    valueColumns: [prefectureSupportActivities.implemented],
    // Downloads list one item per row: the long form, easier to filter in Excel.
    export: {
      columns: [
        { header: "都道府県", value: prefectures.name },
        { header: "年度", value: prefectureSupportActivities.fiscalYear },
        { header: "項目", value: prefectureSupportActivities.item, format: labelOf(prefectureSupportItemLabels) },
        { header: "実施", value: prefectureSupportActivities.implemented, format: yesNoLabel },
      ],
      from: sql`${prefectureSupportActivities} join ${prefectures} on ${prefectures.code} = ${prefectureSupportActivities.prefectureCode}`,
      order: [prefectureSupportActivities.prefectureCode, prefectureSupportActivities.fiscalYear, prefectureSupportActivities.item],
      bodyCode: null,
      prefectureCode: prefectureSupportActivities.prefectureCode,
      fiscalYear: prefectureSupportActivities.fiscalYear,
    },
  },
  population: {
    target: populations,
    staging: stagedPopulations,
    keyColumns: [populations.localGovernmentCode, populations.asOf],
    valueColumns: [populations.population],
    export: {
      columns: [
        ...bodyExportColumns(populations.localGovernmentCode, true),
        { header: "基準日", value: isoDate(populations.asOf) },
        { header: "人口", value: populations.population },
      ],
      from: withBodyAndPrefecture(populations, populations.localGovernmentCode),
      order: [populations.localGovernmentCode, populations.asOf],
      bodyCode: populations.localGovernmentCode,
      prefectureCode: localGovernments.prefectureCode,
      fiscalYear: null,
    },
  },
  target_values: {
    target: targetValues,
    staging: stagedTargetValues,
    keyColumns: [targetValues.fiscalYear],
    valueColumns: targetValueMetrics.map((key) => targetValues[key]),
    export: {
      columns: [
        { header: "年度", value: targetValues.fiscalYear },
        ...targetValueMetrics.map((key) => ({ header: monthlyMetricLabels[key], value: targetValues[key] })),
      ],
      from: sql`${targetValues}`,
      order: [targetValues.fiscalYear],
      bodyCode: null,
      prefectureCode: null,
      fiscalYear: targetValues.fiscalYear,
    },
  },
  support_meeting: supportMeetingTable,
  public_assistance_transfers: publicAssistanceTransfersTable,
  cooperation_survey: cooperationSurveyTable,
};

/** A column's name in SQL (the schema names columns by their keys, in snake_case). */
export function columnName(column: PgColumn): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

export const tableName = (table: PgTable): string => getTableName(table);

/** The names of a dataset's stored columns, in the order of its staging table after upload_id, line and part. */
export function storedColumnNames(id: DatasetId): { keys: string[]; values: string[] } {
  const t = datasetTables[id];
  return { keys: t.keyColumns.map(columnName), values: t.valueColumns.map(columnName) };
}

/** What the data page needs to know of a dataset's download layout. */
export function datasetExportLayout(id: DatasetId): { headers: string[]; hasBody: boolean; hasFiscalYear: boolean } {
  const e = datasetTables[id].export;
  return { headers: e.columns.map((c) => c.header), hasBody: e.bodyCode !== null, hasFiscalYear: e.fiscalYear !== null };
}
