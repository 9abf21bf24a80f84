import { eq } from "drizzle-orm";
import { getDb } from "../../../db";
import { recordAudit } from "../../../db/queries/audit";
import { users } from "../../../db/schema";
import { getDecoyHash, verifyPassword } from "./password.server";

/** Checks a login; every attempt is audited. Returns the user id on success. */
export async function authenticate(loginId: string, password: string, clientAddress: string | null): Promise<number | null> {
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.loginId, loginId));
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDecoyHash()));
  const success = ok && user !== undefined && user.active;
  await recordAudit(db, {
    userId: user?.id ?? null,
    action: success ? "login.succeeded" : "login.failed",
    target: loginId,
    clientAddress,
  });
  return success ? user.id : null;
}
