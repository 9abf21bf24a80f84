import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The prefecture's review of one body's month of monthly_support_statistics (ADR 022): submitted
 * (提出済（未確認）), confirmed (確認済, locked) or returned (差戻し, with the comment the body sees).
 * A month without a row was stored before approval existed or by a seed: not locked, not 暫定.
 * `version` goes up with every change, so two officials acting on the same month cannot both win.
 * Its references (body, upload, user) are checked once per statement by triggers, not per row (ADR 034).
 */
export const monthlyReviews = pgTable(
  "monthly_reviews",
  {
    localGovernmentCode: text().notNull(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    state: text().notNull(),
    version: integer().notNull().default(1),
    /** the comment of the last return or reopening; cleared by the next submission */
    comment: text(),
    /** the upload that last wrote the month's figures */
    uploadId: integer(),
    updatedBy: integer(),
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /**
     * A row created by an upload's commit keeps that submission (its first event: 'submit' from no state)
     * here rather than as an event row, with the event id it would have had (ADR 039); listReviewEvents
     * reads it as an event, and a revert that deletes the row writes it out first. Null for rows created
     * by a prefecture's decision (their first event is an event row).
     */
    createdEventId: integer(),
    createdState: text(),
    createdUploadId: integer(),
    createdBy: integer(),
    createdAt: timestamp({ withTimezone: true, mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.localGovernmentCode, t.year, t.month] }),
    // only the months still open for the prefecture: a national upload's confirmed months add no entries (ADR 034)
    index("monthly_reviews_open_idx").on(t.state).where(sql`${t.state} in ('submitted', 'returned')`),
    check("monthly_reviews_state", sql`${t.state} in ('submitted', 'confirmed', 'returned')`),
  ],
);

/** Every review action on a body's month, oldest first: who, when, from which state to which, and why. References checked per statement (ADR 034). */
export const monthlyReviewEvents = pgTable(
  "monthly_review_events",
  {
    id: serial().primaryKey(),
    localGovernmentCode: text().notNull(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    /** submit | confirm | return | reopen | revert */
    action: text().notNull(),
    fromState: text(),
    toState: text(),
    comment: text(),
    uploadId: integer(),
    userId: integer(),
    at: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [index("monthly_review_events_month_idx").on(t.localGovernmentCode, t.year, t.month, t.id)],
);
