import { bigint, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

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
    status: text().notNull(), // previewed | committing | committed | failed | reverted
    counts: jsonb().$type<{ new: number; changed: number; unchanged: number; error: number }>(),
    message: text(),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    committedAt: timestamp({ withTimezone: true, mode: "string" }),
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
