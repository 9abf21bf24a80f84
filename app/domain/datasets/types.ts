import type { z } from "zod";
import type { UserRole } from "../vocabulary";

export const datasetIds = [
  "monthly_support",
  "optional_programs",
  "jusou",
  "staff_training",
  "supervision",
  "prefecture_support",
  "population",
  "target_values",
  "support_meeting",
  "public_assistance_transfers",
  "cooperation_survey",
] as const;
export type DatasetId = (typeof datasetIds)[number];

export type CellSchema = z.ZodType<unknown, z.ZodTypeDef, string>;

export type ColumnSpec = {
  key: string;
  header: string;
  aliases: readonly string[];
  cell: CellSchema;
  /** whether the header must contain this column (some columns are alternatives, checked per row) */
  required: boolean;
  description: string;
  example: string;
};

/**
 * How a row names the body it is about:
 * - implementing_body: a body with a welfare office (prefectures included)
 * - municipality: a city, ward (特別区), town or village (重層)
 * - local_government: any current local government except designated-city wards
 * - prefecture: a prefecture (by name or code)
 * - supervision: the supervising prefecture and the body it supervised
 * - none: national rows (目安値)
 */
export type BodyMode = "implementing_body" | "municipality" | "local_government" | "prefecture" | "supervision" | "none";

export type Json = string | number | boolean | null;
export type DatasetRecord = { key: Record<string, Json>; values: Record<string, Json> };

export type ResolvedBody = { code: string; prefectureCode: string; name: string; kind: string };

export type RowIssue = { column: string; message: string };

export type DatasetDefinition = {
  id: DatasetId;
  label: string;
  description: string;
  uploadRoles: readonly UserRole[];
  bodyMode: BodyMode;
  columns: readonly ColumnSpec[];
  /** sets of optional columns the header must hold one of (the values are alternatives, checked per row) */
  columnAlternatives?: readonly { header: string; anyOf: readonly (readonly string[])[]; message: string }[];
  /** its rows are monthly figures of the metric catalogue, checked against each body's history (ADR 018) */
  outlierChecked?: boolean;
  /** the date the row is about, for deciding whether a closed (merged) code was still valid */
  referenceDate: (values: Record<string, unknown>) => string | null;
  /** the stored rows, keyed by column name (the table they go to is bound in db/queries/dataset-tables.ts) */
  toRecords: (values: Record<string, unknown>, body: ResolvedBody | null) => DatasetRecord[];
  templateRows: readonly (readonly string[])[];
};
