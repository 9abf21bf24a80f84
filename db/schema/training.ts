import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { latterTermMinimumHours } from "../../app/domain/vocabulary";
import { localGovernments, prefectures } from "./geography";
import { users } from "./auth";

/** 支援員配置・研修 per body, fiscal year and role. */
export const staffTraining = pgTable(
  "staff_training",
  {
    localGovernmentCode: text()
      .notNull()
      .references(() => localGovernments.code),
    fiscalYear: smallint().notNull(),
    role: text().notNull(),
    assigned: integer().notNull(),
    nationalTrainingCompleted: integer().notNull(),
    prefectureTrainingCompleted: integer().notNull(),
    certified: integer().notNull(),
    uploadId: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.localGovernmentCode, t.fiscalYear, t.role] }),
    check(
      "staff_training_non_negative",
      sql`least(${t.assigned}, ${t.nationalTrainingCompleted}, ${t.prefectureTrainingCompleted}, ${t.certified}) >= 0`,
    ),
  ],
);

/** Training sessions a prefecture holds (後期研修, 新任者研修, フォローアップ研修, その他). */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: serial().primaryKey(),
    prefectureCode: text()
      .notNull()
      .references(() => prefectures.code),
    heldOn: date().notNull(),
    fiscalYear: smallint().notNull(),
    title: text().notNull(),
    kind: text().notNull(),
    hours: numeric({ precision: 4, scale: 1, mode: "number" }).notNull(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("training_sessions_prefecture_idx").on(t.prefectureCode, t.fiscalYear),
    check("training_sessions_hours_positive", sql`${t.hours} > 0`),
    // the prefectural half of the 修了証 course: a 後期研修 shorter than this does not count
    check("training_sessions_latter_term_hours", sql`${t.kind} <> 'latter_term' or ${t.hours} >= ${sql.raw(String(latterTermMinimumHours))}`),
  ],
);

export const trainingSessionParticipants = pgTable(
  "training_session_participants",
  {
    sessionId: integer()
      .notNull()
      .references(() => trainingSessions.id, { onDelete: "cascade" }),
    localGovernmentCode: text()
      .notNull()
      .references(() => localGovernments.code),
    role: text().notNull(),
    participants: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.localGovernmentCode, t.role] }),
    check("training_session_participants_positive", sql`${t.participants} > 0`),
  ],
);
