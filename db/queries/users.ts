import { and, eq, gt, sql } from "drizzle-orm";
import { isDateStyle, type DateStyle } from "~/domain/format";
import type { UserRole } from "~/domain/vocabulary";
import { queryRows, type Database } from "../client";
import { isImplementingBodyEver } from "./implementing-bodies";
import { sessions, users } from "../schema";

/** Who is asking: the account behind a session cookie or an API token (ADR 028), as every loader sees it. */
export type SessionUser = {
  id: number;
  loginId: string;
  displayName: string;
  role: UserRole;
  prefectureCode: string | null;
  localGovernmentCode: string | null;
  mustChangePassword: boolean;
  /** 西暦 or 和暦 on every page (the account page sets it) */
  dateStyle: DateStyle;
};

/** The columns of a SessionUser, for a select that joins users (sessions here, API tokens in api-tokens.ts). */
export const sessionUserColumns = {
  id: users.id,
  loginId: users.loginId,
  displayName: users.displayName,
  role: users.role,
  prefectureCode: users.prefectureCode,
  localGovernmentCode: users.localGovernmentCode,
  mustChangePassword: users.mustChangePassword,
  dateStyle: users.dateStyle,
};

export function toSessionUser(row: { [K in keyof typeof sessionUserColumns]: K extends "role" | "dateStyle" ? string : SessionUser[K] }): SessionUser {
  return { ...row, role: row.role as UserRole, dateStyle: isDateStyle(row.dateStyle) ? row.dateStyle : "western" };
}

/** The user of a live session of an active account, else null. */
export async function userOfSession(db: Database, sessionId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select(sessionUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, sql`now()`), eq(users.active, true)));
  return row ? toSessionUser(row) : null;
}

export type Actor = { userId: number; clientAddress?: string | null };

/** Login throttling (ADR 010): failures in the window, per login id since its last success and per client address. */
export const loginThrottle = { windowMinutes: 15, accountFailures: 5, clientFailures: 20 } as const;

export async function recentLoginFailures(db: Database, loginId: string, clientAddress: string | null): Promise<{ account: number; client: number }> {
  const window = sql`now() - make_interval(mins => ${loginThrottle.windowMinutes})`;
  const [row] = await queryRows<{ account: number; client: number }>(
    db,
    sql`select
          (select count(*)::int from audit_log f
           where f.action in ('login.failed', 'password.change_failed') and f.target = ${loginId} and f.at > ${window}
             and f.at > coalesce((select max(s.at) from audit_log s where s.action = 'login.succeeded' and s.target = ${loginId}), '-infinity')) as account,
          ${clientAddress === null ? sql`0` : sql`(select count(*)::int from audit_log f where f.action in ('login.failed', 'password.change_failed') and f.client_address = ${clientAddress} and f.at > ${window})`} as client`,
  );
  return { account: row?.account ?? 0, client: row?.client ?? 0 };
}

/** The accounts an administrator sees: every account for MHLW, the prefecture's own and its municipalities' for a prefecture. */
export async function listUsers(db: Database, scope: { prefectureCode: string | null }) {
  return queryRows<{
    id: number;
    loginId: string;
    displayName: string;
    role: string;
    prefectureCode: string | null;
    localGovernmentCode: string | null;
    bodyName: string | null;
    email: string | null;
    active: boolean;
    mustChangePassword: boolean;
    lastLogin: string | null;
  }>(
    db,
    sql`select u.id, u.login_id as "loginId", u.display_name as "displayName", u.role, u.prefecture_code as "prefectureCode",
               u.local_government_code as "localGovernmentCode", lg.name as "bodyName", u.email, u.active, u.must_change_password as "mustChangePassword",
               (select max(a.at)::text from audit_log a where a.action = 'login.succeeded' and a.user_id = u.id) as "lastLogin"
        from users u left join local_governments lg on lg.code = u.local_government_code
        where ${scope.prefectureCode ? sql`u.prefecture_code = ${scope.prefectureCode}` : sql`true`}
        order by case u.role when 'mhlw' then 0 when 'prefecture' then 1 else 2 end, u.prefecture_code nulls first, u.local_government_code nulls first, u.login_id`,
  );
}

export async function getUserForAdmin(db: Database, id: number) {
  const [row] = await db
    .select({ id: users.id, loginId: users.loginId, role: users.role, prefectureCode: users.prefectureCode, active: users.active })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

export async function passwordHashOf(db: Database, userId: number): Promise<string | null> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(and(eq(users.id, userId), eq(users.active, true)));
  return row?.hash ?? null;
}

/** Implementing bodies of a prefecture that may have municipal accounts (current, not the prefecture itself). */
export async function bodiesForAccounts(db: Database, prefectureCode: string) {
  return queryRows<{ code: string; name: string }>(
    db,
    sql`select lg.code, lg.name from local_governments lg
        where lg.prefecture_code = ${prefectureCode} and ${isImplementingBodyEver("lg")} and lg.kind <> 'prefecture' and lg.valid_to is null
        order by lg.code`,
  );
}
