import { sql } from "drizzle-orm";
import { bigint, check, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/** Facts about the database itself, such as whether it holds the demo dataset. */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
});

/**
 * One row whose version goes up with every committed transaction that changed what the pages show
 * (ADR 013). Raised at commit by a deferred trigger, so it becomes visible together with the data.
 */
export const dataVersion = pgTable(
  "data_version",
  {
    id: smallint().primaryKey(),
    version: bigint({ mode: "number" }).notNull(),
    changedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);

/** Transactions that changed data and have yet to raise data_version (rows live only until their commit). */
export const dataChangeMarks = pgTable("data_change_marks", {
  transactionId: bigint({ mode: "number" }).primaryKey(),
});
