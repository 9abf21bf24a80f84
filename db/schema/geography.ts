import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

export const prefectures = pgTable("prefectures", {
  code: text().primaryKey(), // "13"
  name: text().notNull().unique(),
  kana: text().notNull(),
  regionalBlock: text().notNull(),
});

/**
 * Every local government ever known, kept across mergers: a closed code gets valid_to and, where
 * known, its successor. Prefectures appear here too (kind 'prefecture') because they are
 * implementing bodies for their 郡部.
 */
export const localGovernments = pgTable(
  "local_governments",
  {
    code: text().primaryKey(), // 6 digits with check digit
    prefectureCode: text()
      .notNull()
      .references(() => prefectures.code),
    name: text().notNull(),
    kana: text().notNull().default(""),
    kind: text().notNull(),
    /** Runs a welfare office (福祉事務所設置自治体), i.e. is an implementing body (実施主体). */
    hasWelfareOffice: boolean().notNull(),
    /** For wards of a designated city: the city. */
    parentCode: text(),
    validFrom: date().notNull().default("1900-01-01"),
    validTo: date(),
    successorCode: text(),
    /** false for the six Northern Territories villages: coded, but never counted as municipalities. */
    administered: boolean().notNull().default(true),
  },
  (t) => [
    check("local_governments_code_format", sql`${t.code} ~ '^[0-9]{6}$'`),
    index("local_governments_prefecture_idx").on(t.prefectureCode),
  ],
);

export const populations = pgTable(
  "populations",
  {
    localGovernmentCode: text()
      .notNull()
      .references(() => localGovernments.code),
    asOf: date().notNull(),
    population: integer().notNull(),
    uploadId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.localGovernmentCode, t.asOf] }),
    check("populations_positive", sql`${t.population} >= 0`),
  ],
);

export type Prefecture = typeof prefectures.$inferSelect;
export type LocalGovernment = typeof localGovernments.$inferSelect;
export type NewLocalGovernment = typeof localGovernments.$inferInsert;
