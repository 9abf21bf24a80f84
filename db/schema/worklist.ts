import { index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { localGovernments, prefectures } from "./geography";

/**
 * 対応済: a prefecture official's mark on one item of the worklist (要フォロー, ADR 025). An item is a
 * rule, a body and a subject (a program, an upload; "" when the rule has none); `cause` is what made
 * the item (its facts, e.g. the late months); the mark holds while the item's cause is unchanged within
 * the fiscal year. Marks are never deleted: they are the body's history.
 */
export const worklistResolutions = pgTable(
  "worklist_resolutions",
  {
    id: serial().primaryKey(),
    prefectureCode: text()
      .notNull()
      .references(() => prefectures.code),
    localGovernmentCode: text()
      .notNull()
      .references(() => localGovernments.code),
    rule: text().notNull(),
    subject: text().notNull().default(""),
    fiscalYear: smallint().notNull(),
    cause: text().notNull(),
    /** the row's 理由 when it was marked, for the body's history */
    why: text().notNull(),
    note: text().notNull(),
    resolvedBy: integer().references(() => users.id),
    resolvedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("worklist_resolutions_item_cause").on(t.prefectureCode, t.fiscalYear, t.rule, t.localGovernmentCode, t.subject, t.cause),
    index("worklist_resolutions_body_idx").on(t.localGovernmentCode, t.resolvedAt),
  ],
);

/** A user's named list of implementing bodies (「県内の市」, 「中核市」), used as a comparator. */
export const bodyLists = pgTable(
  "body_lists",
  {
    id: serial().primaryKey(),
    ownerId: integer()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("body_lists_owner_name").on(t.ownerId, t.name)],
);

export const bodyListMembers = pgTable(
  "body_list_members",
  {
    listId: integer()
      .notNull()
      .references(() => bodyLists.id, { onDelete: "cascade" }),
    localGovernmentCode: text()
      .notNull()
      .references(() => localGovernments.code),
  },
  (t) => [primaryKey({ columns: [t.listId, t.localGovernmentCode] })],
);
