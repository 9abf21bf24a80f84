import { eq } from "drizzle-orm";
import { getDb } from "../../../db";
import { recordAudit } from "../../../db/queries/audit";
import { loginThrottle, recentLoginFailures } from "../../../db/queries/users";
import { users } from "../../../db/schema";
import { getDecoyHash, verifyPassword } from "./password.server";

export type LoginOutcome = { ok: true; userId: number } | { ok: false; locked: boolean };

/**
 * Checks a login; every attempt is audited. After repeated failures the login id (or the client
 * address) is refused for a while without looking at the password, so guessing gains nothing.
 */
export async function authenticate(loginId: string, password: string, clientAddress: string | null): Promise<LoginOutcome> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.loginId, loginId));
  const failures = await recentLoginFailures(db, loginId, clientAddress);
  if (failures.account >= loginThrottle.accountFailures || failures.client >= loginThrottle.clientFailures) {
    await recordAudit(db, { userId: user?.id ?? null, action: "login.locked", target: loginId, clientAddress, detail: failures });
    return { ok: false, locked: true };
  }
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  const success = ok && user !== undefined && user.active;
  await recordAudit(db, {
    userId: user?.id ?? null,
    action: success ? "login.succeeded" : "login.failed",
    target: loginId,
    clientAddress,
  });
  return success ? { ok: true, userId: user.id } : { ok: false, locked: false };
}
