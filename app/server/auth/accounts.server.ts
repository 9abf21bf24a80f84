import { eq, sql } from "drizzle-orm";
import type { Database } from "../../../db";
import { writeAudit } from "~/server/audit/write.server";
import type { Actor } from "../../../db/queries/users";
import { sessions, users } from "../../../db/schema";
import type { NewUserInput } from "../../domain/forms/user-schema";
import { hashPassword } from "./password.server";

// Account changes: each one hashes outside the transaction, writes, ends sessions where it must, and is audited.

export class LoginIdTakenError extends Error {}

/** Opens an account with a temporary password the user must replace at first login. */
export async function createUser(db: Database, actor: Actor, input: NewUserInput): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.loginId, input.loginId));
    if (taken) throw new LoginIdTakenError("このログインIDは既に使われています");
    const [row] = await tx
      .insert(users)
      .values({
        loginId: input.loginId,
        displayName: input.displayName,
        role: input.role,
        prefectureCode: input.role === "mhlw" ? null : (input.prefectureCode ?? null),
        localGovernmentCode: input.role === "municipality" ? (input.localGovernmentCode ?? null) : null,
        email: input.email ?? null,
        passwordHash,
        mustChangePassword: true,
        createdBy: actor.userId,
      })
      .returning({ id: users.id });
    await writeAudit(tx, {
      userId: actor.userId,
      action: "user.create",
      target: input.loginId,
      detail: { id: row!.id, role: input.role, prefectureCode: input.prefectureCode ?? null, localGovernmentCode: input.localGovernmentCode ?? null, displayName: input.displayName, email: input.email ?? null },
      clientAddress: actor.clientAddress ?? null,
    });
    return row!.id;
  });
}

/** Deactivation also ends every session of the account at once. */
export async function setUserActive(db: Database, actor: Actor, target: { id: number; loginId: string }, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ active, deactivatedAt: active ? null : sql`now()` })
      .where(eq(users.id, target.id));
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, target.id));
    await writeAudit(tx, { userId: actor.userId, action: active ? "user.activate" : "user.deactivate", target: target.loginId, clientAddress: actor.clientAddress ?? null });
  });
}

/** Sets a temporary password (the user must replace it) and ends the account's sessions. */
export async function resetUserPassword(db: Database, actor: Actor, target: { id: number; loginId: string }, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: sql`now()` }).where(eq(users.id, target.id));
    await tx.delete(sessions).where(eq(sessions.userId, target.id));
    await writeAudit(tx, { userId: actor.userId, action: "user.password_reset", target: target.loginId, clientAddress: actor.clientAddress ?? null });
  });
}

/** The user's own new password: every other session of the account ends; the caller starts a fresh one. */
export async function changeOwnPassword(db: Database, user: { id: number; loginId: string }, password: string, clientAddress: string | null): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()` }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await writeAudit(tx, { userId: user.id, action: "password.change", target: user.loginId, clientAddress });
  });
}

