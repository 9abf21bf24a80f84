import { boolean, date, index, integer, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { localGovernments, prefectures } from "./geography";
import { users } from "./auth";

/** スーパーバイズ: a prefecture's contact with a body's support workers. */
export const supervisionContacts = pgTable(
  "supervision_contacts",
  {
    id: serial().primaryKey(),
    prefectureCode: text()
      .notNull()
      .references(() => prefectures.code),
    localGovernmentCode: text()
      .notNull()
      .references(() => localGovernments.code),
    contactedOn: date().notNull(),
    form: text().notNull(),
    content: text().notNull().default(""),
    responder: text().notNull().default(""),
    uploadId: integer(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("supervision_contacts_prefecture_idx").on(t.prefectureCode, t.contactedOn),
    index("supervision_contacts_body_idx").on(t.localGovernmentCode, t.contactedOn),
    uniqueIndex("supervision_contacts_natural_key").on(t.localGovernmentCode, t.contactedOn, t.form, t.content),
  ],
);

/** 都道府県による市町村支援: the 11 items (plus その他) per prefecture and fiscal year. */
export const prefectureSupportActivities = pgTable(
  "prefecture_support_activities",
  {
    prefectureCode: text()
      .notNull()
      .references(() => prefectures.code),
    fiscalYear: smallint().notNull(),
    item: text().notNull(),
    implemented: boolean().notNull(),
    uploadId: integer(),
    /** when the prefecture last answered through the form (uploads are dated by their commit) */
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.prefectureCode, t.fiscalYear, t.item] })],
);
