import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { apiTokens, users } from "../schema";
import { sessionUserColumns } from "./users";

export type ApiTokenListRow = {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  userId: number;
  loginId: string;
  displayName: string;
};

const listColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  userId: apiTokens.userId,
  loginId: users.loginId,
  displayName: users.displayName,
};

/** Tokens, newest first: one user's, or everyone's when userId is null. */
export async function listApiTokens(db: Database, userId: number | null): Promise<ApiTokenListRow[]> {
  return db
    .select(listColumns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId === null ? undefined : eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function insertApiToken(db: Database, row: { userId: number; name: string; tokenHash: string; prefix: string }): Promise<number> {
  const [inserted] = await db.insert(apiTokens).values(row).returning({ id: apiTokens.id });
  return inserted!.id;
}

export async function apiTokenOwner(db: Database, id: number): Promise<{ id: number; userId: number; revokedAt: string | null } | null> {
  const [row] = await db.select({ id: apiTokens.id, userId: apiTokens.userId, revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

/** Revokes a live token; false when it was already revoked. */
export async function markApiTokenRevoked(db: Database, id: number, revokedBy: number): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()`, revokedBy })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** The live token of a hash and its user, when the account is active. */
export async function apiTokenByHash(db: Database, tokenHash: string) {
  const [row] = await db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      ...sessionUserColumns,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), eq(users.active, true)));
  return row ?? null;
}

/**
 * Records a use: sets last_used_at, and returns true when the previous use was over an hour ago (or
 * never), which is when the use is audited.
 */
export async function touchApiToken(db: Database, id: number): Promise<boolean> {
  const [row] = await queryRows<{ audit: boolean }>(
    db,
    sql`
    update api_tokens t set last_used_at = now()
    from (select id, last_used_at from api_tokens where id = ${id}) old
    where t.id = old.id
    returning (old.last_used_at is null or old.last_used_at < now() - interval '1 hour') as audit`,
  );
  return row?.audit ?? false;
}
