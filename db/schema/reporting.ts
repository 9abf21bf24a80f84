import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * The reporting schedule of a fiscal year, set by MHLW: monthly figures of month M are due on day
 * monthlyDueDay of month M+1; the annual datasets on annualDueDate. A year without a row uses the
 * defaults of app/domain/reporting.ts.
 */
export const reportingSchedules = pgTable(
  "reporting_schedules",
  {
    fiscalYear: smallint().primaryKey(),
    monthlyDueDay: smallint().notNull(),
    annualDueDate: date({ mode: "string" }).notNull(),
    updatedBy: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [check("reporting_schedules_due_day", sql`${t.monthlyDueDay} between 1 and 28`)],
);

/** When a body's month was first submitted: the first committed upload that set it (ADR 021); the upload is checked per statement (ADR 034). */
export const monthlySubmissions = pgTable(
  "monthly_submissions",
  {
    localGovernmentCode: text().notNull(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    uploadId: integer().notNull(),
    submittedAt: timestamp({ withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.localGovernmentCode, t.year, t.month] }), index("monthly_submissions_upload_idx").on(t.uploadId)],
);

/**
 * A reminder a prefecture sent to a body about a late month: one per body, month and day (Japan),
 * so sending twice in a row sends once. The e-mail outcome is kept with it.
 */
export const reminders = pgTable(
  "reminders",
  {
    id: serial().primaryKey(),
    localGovernmentCode: text().notNull(),
    year: smallint().notNull(),
    month: smallint().notNull(),
    sentOn: date({ mode: "string" }).notNull(),
    sentBy: integer().references(() => users.id),
    sentAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /** addresses the e-mail reached and those it failed for; null when no e-mail was sent (SMTP_URL unset or no address) */
    emailDelivered: jsonb().$type<string[]>(),
    emailFailed: jsonb().$type<{ address: string; reason: string }[]>(),
  },
  (t) => [unique("reminders_body_month_day").on(t.localGovernmentCode, t.year, t.month, t.sentOn), index("reminders_body_idx").on(t.localGovernmentCode, t.sentAt)],
);
