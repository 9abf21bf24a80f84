import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

export const users = pgTable("users", {
  id: serial().primaryKey(),
  loginId: text().notNull().unique(),
  displayName: text().notNull(),
  role: text().notNull(),
  /** Set for role 'prefecture' (and, for convenience, 'municipality'). */
  prefectureCode: text(),
  /** Set for role 'municipality'. */
  localGovernmentCode: text(),
  /** optional: where reminders are e-mailed when SMTP_URL is set */
  email: text(),
  passwordHash: text().notNull(),
  active: boolean().notNull().default(true),
  /** set when an administrator chose the password: the user must replace it before anything else */
  mustChangePassword: boolean().notNull().default(false),
  /** how the pages write dates: 'western' (2026年2月20日) or 'japanese' (令和8年2月20日); the account page sets it */
  dateStyle: text().notNull().default("western"),
  passwordChangedAt: timestamp({ withTimezone: true, mode: "string" }),
  createdBy: integer(),
  deactivatedAt: timestamp({ withTimezone: true, mode: "string" }),
  createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
});

/** Server-side sessions: the cookie carries only the signed id, so logout ends the session everywhere. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: serial().primaryKey(),
    at: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    userId: integer().references(() => users.id),
    action: text().notNull(),
    target: text(),
    detail: jsonb(),
    clientAddress: text(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    // login throttling counts recent failures per login id and per client address
    index("audit_log_action_target_idx").on(t.action, t.target, t.at),
    index("audit_log_client_idx").on(t.clientAddress, t.at),
    index("audit_log_user_idx").on(t.userId, t.at),
  ],
);

export type User = typeof users.$inferSelect;

/**
 * Personal API tokens (ADR 028): a user reads the data of the pages they may open with
 * `Authorization: Bearer <token>`. Only the SHA-256 of the token is kept (the token is 32 random
 * bytes, so a fast hash is enough: there is nothing to guess that a slow hash would protect).
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** the first characters of the token, so its owner can tell tokens apart */
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "string" }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true, mode: "string" }),
    revokedAt: timestamp({ withTimezone: true, mode: "string" }),
    revokedBy: integer().references(() => users.id),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;
