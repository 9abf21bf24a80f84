// Personal API tokens (ADR 028): created and revoked by their owner (and revoked by MHLW), stored as
// SHA-256 hashes, accepted as `Authorization: Bearer` for GET of page data only, throttled per token.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "../../../db";
import { apiTokenByHash, apiTokenOwner, insertApiToken, listApiTokens, markApiTokenRevoked, touchApiToken } from "../../../db/queries/api-tokens";
import { toSessionUser } from "../../../db/queries/users";
import type { UserRole } from "../../domain/vocabulary";
import { writeAudit } from "../audit/write.server";
import { canAdministerApiTokens, canRevokeApiToken } from "./access";
import type { SessionUser } from "./session.server";

/** The visible start of every token, so a leaked one is easy to search for in code and logs. */
export const apiTokenPrefix = "tsng_";

/**
 * SHA-256 of the token. The token is 32 random bytes (256 bits): no dictionary or brute force reaches
 * it, so a slow password hash would only slow every API request without protecting anything more.
 */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const apiTokenNameSchema = z.object({
  name: z
    .string({ required_error: "名前を入力してください" })
    .trim()
    .min(1, "名前を入力してください（例: R の集計用）")
    .max(60, "名前は60文字以内にしてください"),
});

/** Creates a token; the token itself is returned this once and never stored. */
export async function createApiToken(db: Database, user: SessionUser, name: string, clientAddress: string | null): Promise<{ id: number; token: string }> {
  const token = apiTokenPrefix + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, apiTokenPrefix.length + 6);
  const id = await db.transaction(async (tx) => {
    const tokenId = await insertApiToken(tx, { userId: user.id, name, tokenHash: hashApiToken(token), prefix });
    await writeAudit(tx, { action: "api_token.create", userId: user.id, clientAddress, target: `api_token:${tokenId}`, detail: { name, prefix } });
    return tokenId;
  });
  return { id, token };
}

export type RevokeResult = "revoked" | "already" | "not_found" | "forbidden";

/** Revokes a token: its owner, or MHLW. A token of someone else answers not_found to non-MHLW users (no probing). */
export async function revokeApiToken(
  db: Database,
  actor: { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null },
  tokenId: number,
  clientAddress: string | null,
): Promise<RevokeResult> {
  const token = await apiTokenOwner(db, tokenId);
  if (!token) return "not_found";
  if (!canRevokeApiToken(actor, token)) return actor.role === "mhlw" ? "forbidden" : "not_found";
  return db.transaction(async (tx) => {
    if (!(await markApiTokenRevoked(tx, tokenId, actor.id))) return "already";
    await writeAudit(tx, { action: "api_token.revoke", userId: actor.id, clientAddress, target: `api_token:${tokenId}`, detail: { owner: token.userId } });
    return "revoked";
  });
}

export async function tokensOf(db: Database, user: SessionUser) {
  return listApiTokens(db, user.id);
}

export async function allTokens(db: Database, viewer: SessionUser) {
  if (!canAdministerApiTokens(viewer)) throw new Response("APIトークンの一覧は厚生労働省の担当者のみが見られます", { status: 403 });
  return listApiTokens(db, null);
}

/** The bearer token of a request, or null when it has none. */
export function bearerTokenOf(request: Request): string | null {
  const header = request.headers.get("Authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1]! : null;
}

/**
 * The user a token acts as, or null for an unknown, revoked or inactive one. Records the use; the
 * audit log gets one entry per token per hour (every request would drown the log).
 */
export async function userOfApiToken(db: Database, token: string, use: { path: string; clientAddress: string | null }): Promise<(SessionUser & { tokenId: number }) | null> {
  const row = await apiTokenByHash(db, hashApiToken(token));
  if (!row) return null;
  if (await touchApiToken(db, row.tokenId)) {
    await writeAudit(db, { action: "api_token.use", userId: row.id, clientAddress: use.clientAddress, target: `api_token:${row.tokenId}`, detail: { path: use.path } });
  }
  const { tokenId, lastUsedAt: _lastUsedAt, ...user } = row;
  return { ...toSessionUser(user), tokenId };
}

/**
 * Per-token throttle: a fixed window of one minute per token, in this process's memory (each instance
 * counts its own; the limit is a guard against runaway scripts, not an accounting).
 */
export class ApiTokenThrottle {
  private windows = new Map<number, { start: number; count: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** null when the request may go ahead, else the seconds to wait. */
  take(tokenId: number): number | null {
    const now = this.now();
    const window = this.windows.get(tokenId);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(tokenId, { start: now, count: 1 });
      return null;
    }
    if (window.count < this.perMinute) {
      window.count += 1;
      return null;
    }
    return Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000));
  }
}
