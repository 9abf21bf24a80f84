import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Facts about the database itself, such as whether it holds the demo dataset. */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
});
