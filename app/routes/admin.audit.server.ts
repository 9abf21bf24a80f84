import type { Database } from "../../db";
import { listUsers } from "../../db/queries/users";
import type { SessionUser } from "~/server/auth/session.server";
import { describedAuditEntries, type AuditQuery } from "~/server/pages/audit-log.server";

/** The newest entries of the log the user may read, the accounts to filter by, and the download of the same filter. */
export async function loadAuditLog(db: Database, user: SessionUser, query: AuditQuery, scope: { prefectureCode: string | null }) {
  const limit = 500;
  const [entries, accounts] = await Promise.all([describedAuditEntries(db, scope, query, limit), listUsers(db, scope)]);
  const download = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
  return {
    scope: user.role === "mhlw" ? "すべての操作" : "この都道府県と管内の市区町村のアカウントの操作",
    query,
    limit,
    entries,
    users: accounts.map((a) => ({ loginId: a.loginId, name: a.displayName })).sort((a, b) => (a.loginId < b.loginId ? -1 : 1)),
    downloadHref: `/admin/audit/download${download.size > 0 ? `?${download}` : ""}`,
  };
}
