import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { auditLog } from "../schema";
import { sqlIn } from "./fragments";

/** An audit_log row as the log pages read it. */
export type AuditRow = {
  id: number;
  /** the instant, ISO 8601 with its offset */
  at: string;
  login_id: string | null;
  display_name: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  client_address: string | null;
};

export type AuditEntry = {
  userId: number | null;
  action: string;
  target?: string | null;
  detail?: unknown;
  clientAddress?: string | null;
};

/** The insert behind `writeAudit` (app/server/audit/write.server.ts), which names the actions: write through that. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? null,
    clientAddress: entry.clientAddress ?? null,
  });
}

/** untilId: only entries up to this id (a download reads the log as it was when it began). */
export type AuditFilter = { prefixes?: readonly string[]; action?: string; loginId?: string; from?: string; to?: string; untilId?: number };

/**
 * The newest audit entries, for MHLW (prefectureCode null: everything) or a prefecture (what its own
 * officials and its municipalities' accounts did, failed logins of those accounts included).
 */
export async function listAuditEntries(db: Database, scope: { prefectureCode: string | null }, filter: AuditFilter, limit = 500, offset = 0) {
  return queryRows<AuditRow>(
    db,
    sql`select a.id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, u.login_id, u.display_name, a.action, a.target, a.detail, a.client_address
        from audit_log a left join users u on u.id = a.user_id
        where ${scope.prefectureCode ? sql`u.prefecture_code = ${scope.prefectureCode}` : sql`true`}
          and ${filter.prefixes ? sql`(${sql.join(filter.prefixes.map((p) => sql`a.action like ${`${p}%`}`), sql` or `)})` : sql`true`}
          and ${filter.action ? sql`a.action = ${filter.action}` : sql`true`}
          and ${filter.untilId !== undefined ? sql`a.id <= ${filter.untilId}` : sql`true`}
          and ${filter.loginId ? sql`(u.login_id = ${filter.loginId} or (a.action like 'login.%' and a.target = ${filter.loginId}))` : sql`true`}
          and ${filter.from ? sql`a.at >= (${filter.from}::date)::timestamp at time zone 'Asia/Tokyo'` : sql`true`}
          and ${filter.to ? sql`a.at < (${filter.to}::date + 1)::timestamp at time zone 'Asia/Tokyo'` : sql`true`}
        order by a.at desc, a.id desc limit ${limit} offset ${offset}`,
  );
}

export async function newestAuditId(db: Database): Promise<number> {
  const [row] = await queryRows<{ id: number | null }>(db, sql`select max(id) as id from audit_log`);
  return row?.id ?? 0;
}

/** Display names of the bodies audit entries mention; a prefecture's own body as 「鳥取県（郡部）」. */
export async function auditBodyNames(db: Database, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await queryRows<{ code: string; name: string; kind: string }>(
    db,
    sql`select code, name, kind from local_governments where ${sqlIn(sql`code`, codes)}`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.kind === "prefecture" ? `${r.name}（郡部）` : r.name]));
}
