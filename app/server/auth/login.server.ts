import { eq } from "drizzle-orm";
import { getDb, type Database } from "../../../db";
import { writeAudit } from "~/server/audit/write.server";
import { loginThrottle, recentLoginFailures } from "../../../db/queries/users";
import { users } from "../../../db/schema";
import type { UserRole } from "~/domain/vocabulary";
import { getDecoyHash, verifyPassword } from "./password.server";

export type LoginOutcome = { ok: true; userId: number; viewer: { role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null } } | { ok: false; locked: boolean };

/**
 * Checks a login; every attempt is audited. After repeated failures the login id (or the client
 * address) is refused for a while without looking at the password, so guessing gains nothing.
 */
export async function authenticate(loginId: string, password: string, clientAddress: string | null): Promise<LoginOutcome> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, role: users.role, prefectureCode: users.prefectureCode, localGovernmentCode: users.localGovernmentCode })
    .from(users)
    .where(eq(users.loginId, loginId));
  if (await refusedForFailures(db, { userId: user?.id ?? null, loginId, clientAddress, via: "login" })) return { ok: false, locked: true };
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  const success = ok && user !== undefined && user.active;
  await writeAudit(db, {
    userId: user?.id ?? null,
    action: success ? "login.succeeded" : "login.failed",
    target: loginId,
    clientAddress,
  });
  return success
    ? { ok: true, userId: user.id, viewer: { role: user.role as UserRole, prefectureCode: user.prefectureCode, localGovernmentCode: user.localGovernmentCode } }
    : { ok: false, locked: false };
}

/** The throttling rule of ADR 010, shared by every check of a password; a refusal is audited as login.locked. */
async function refusedForFailures(
  db: Database,
  attempt: { userId: number | null; loginId: string; clientAddress: string | null; via: "login" | "password.change" },
): Promise<boolean> {
  const failures = await recentLoginFailures(db, attempt.loginId, attempt.clientAddress);
  if (failures.account < loginThrottle.accountFailures && failures.client < loginThrottle.clientFailures) return false;
  const detail = attempt.via === "login" ? failures : { ...failures, via: attempt.via };
  await writeAudit(db, { userId: attempt.userId, action: "login.locked", target: attempt.loginId, clientAddress: attempt.clientAddress, detail });
  return true;
}

export type CurrentPasswordOutcome = "ok" | "wrong" | "locked";

/**
 * The current-password check before a password change. A wrong password is audited as
 * password.change_failed, which counts towards the same limit as failed logins, so a borrowed
 * session cannot be used to guess the password either.
 */
export async function checkCurrentPassword(
  user: { id: number; loginId: string },
  password: string,
  passwordHash: string | null,
  clientAddress: string | null,
): Promise<CurrentPasswordOutcome> {
  const db = await getDb();
  if (await refusedForFailures(db, { userId: user.id, loginId: user.loginId, clientAddress, via: "password.change" })) return "locked";
  if (passwordHash && (await verifyPassword(password, passwordHash))) return "ok";
  await writeAudit(db, { userId: user.id, action: "password.change_failed", target: user.loginId, clientAddress });
  return "wrong";
}
