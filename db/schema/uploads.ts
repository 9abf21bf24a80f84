import { bigint, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

export type UploadCounts = {
  rows: number;
  new: number;
  changed: number;
  unchanged: number;
  errorRows: number;
  warnings: number;
  /** values flagged against history (ADR 018): committing them needs an explanation; absent on older uploads */
  flagged?: number;
  /** staged rows changing stored figures of a fiscal year closed long ago: committing them needs an explanation too; absent on older uploads */
  closedFiscalYearChanges?: number;
};

/** Every CSV upload, previewed or committed, with what it counted. */
export const uploads = pgTable(
  "uploads",
  {
    id: serial().primaryKey(),
    dataset: text().notNull(),
    fileName: text().notNull(),
    sizeBytes: bigint({ mode: "number" }).notNull(),
    sha256: text().notNull(),
    encoding: text().notNull(),
    userId: integer().references(() => users.id),
    status: text().notNull(), // staging | previewed | rejected | committing | committed | failed | reverted | discarded
    counts: jsonb().$type<UploadCounts>(),
    message: text(),
    /** why flagged values are right, given by whoever committed them (ADR 018) */
    explanation: text(),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    committedAt: timestamp({ withTimezone: true, mode: "string" }),
    revertedBy: integer().references(() => users.id),
    revertedAt: timestamp({ withTimezone: true, mode: "string" }),
  },
  (t) => [index("uploads_sha256_idx").on(t.sha256), index("uploads_dataset_idx").on(t.dataset, t.createdAt)],
);

/** One changed row of a committed upload with its previous values, so the upload can be reverted. */
export const uploadChanges = pgTable(
  "upload_changes",
  {
    id: serial().primaryKey(),
    uploadId: integer()
      .notNull()
      .references(() => uploads.id),
    tableName: text().notNull(),
    rowKey: jsonb().notNull(),
    previousValues: jsonb(), // null: the row did not exist before
    newValues: jsonb().notNull(),
  },
  (t) => [index("upload_changes_upload_idx").on(t.uploadId)],
);

/** Problems found in an upload, as 行・列・値・理由. Errors block the commit; warnings do not. */
export const uploadIssues = pgTable(
  "upload_issues",
  {
    id: serial().primaryKey(),
    uploadId: integer()
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    severity: text().notNull(), // error | warning
    line: integer().notNull(),
    columnName: text().notNull(),
    cellValue: text().notNull(),
    reason: text().notNull(),
  },
  (t) => [index("upload_issues_upload_idx").on(t.uploadId, t.severity, t.line)],
);
