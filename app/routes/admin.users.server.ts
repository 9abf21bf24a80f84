import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { bodiesForAccounts, getUserForAdmin, listUsers, type Actor } from "../../db/queries/users";
import { createUser, LoginIdTakenError, resetUserPassword, setUserActive } from "~/server/auth/accounts.server";
import type { SessionUser } from "~/server/auth/session.server";
import { canManageUser, creatableRoles } from "~/server/auth/user-admin";
import { newUserSchema, passwordResetSchema } from "~/domain/forms/user-schema";
import { fieldErrorsOf, savedFlag, type FieldErrors } from "~/domain/forms/form-fields";
import { findPrefectureByCode } from "~/domain/prefectures";
import { rowId } from "~/server/pages/query-params";

const savedText = { created: "アカウントを作成しました", updated: "変更を保存しました", deleted: "削除しました" } as const;
export const userAdminQuery = z.object({ saved: savedFlag, reset: z.coerce.number().int().optional().catch(undefined) });

/** The accounts the administrator manages, what they may create, and the account whose password is being reset. */
export async function loadUserAdmin(db: Database, user: SessionUser, scope: { prefectureCode: string | null }, q: z.infer<typeof userAdminQuery>) {
  const [accounts, prefectures, bodies] = await Promise.all([
    listUsers(db, scope),
    user.role === "mhlw" ? listPrefectures(db) : Promise.resolve([]),
    user.role === "prefecture" ? bodiesForAccounts(db, user.prefectureCode!) : Promise.resolve([]),
  ]);
  return {
    roles: creatableRoles(user),
    prefectures,
    bodies,
    users: accounts.map((a) => ({ ...a, manageable: canManageUser(user, { id: a.id, role: a.role, prefectureCode: a.prefectureCode }) })),
    savedMessage: q.saved ? savedText[q.saved] : undefined,
    resetting: q.reset ? (accounts.find((a) => a.id === q.reset && canManageUser(user, { id: a.id, role: a.role, prefectureCode: a.prefectureCode })) ?? null) : null,
  };
}

export const userAdminIntent = z.object({ intent: z.enum(["create", "deactivate", "activate", "reset"]), id: rowId.optional() });

export type UserAdminResult = { ok: true } | { ok: false; status: number; formError: string; fieldErrors: FieldErrors };

const refused = (formError: string, status = 403): UserAdminResult => ({ ok: false, status, formError, fieldErrors: {} });

/** Every user-administration write, checked against the actor's scope on the server whatever the form offered. */
export async function runUserAdminAction(db: Database, user: SessionUser, clientAddress: string | null, form: Record<string, FormDataEntryValue>): Promise<UserAdminResult> {
  const what = userAdminIntent.safeParse(form);
  if (!what.success) return refused("操作が正しくありません", 400);
  const actor: Actor = { userId: user.id, clientAddress };
  if (what.data.intent === "create") {
    const parsed = newUserSchema.safeParse(form);
    if (!parsed.success) return { ok: false, status: 400, formError: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error) };
    const input = parsed.data;
    if (!creatableRoles(user).includes(input.role)) return refused("この役割のアカウントを作成する権限がありません");
    if (user.role === "prefecture") {
      input.prefectureCode = user.prefectureCode!;
      const bodies = await bodiesForAccounts(db, user.prefectureCode!);
      if (!bodies.some((b) => b.code === input.localGovernmentCode)) return refused("自治体はこの都道府県の実施主体から選んでください");
    } else if (input.role === "prefecture" && !findPrefectureByCode(input.prefectureCode ?? "")) {
      return { ok: false, status: 400, formError: "入力内容を確認してください", fieldErrors: { prefectureCode: ["都道府県を選んでください"] } };
    }
    try {
      await createUser(db, actor, input);
    } catch (error) {
      if (error instanceof LoginIdTakenError) return { ok: false, status: 400, formError: "入力内容を確認してください", fieldErrors: { loginId: [error.message] } };
      throw error;
    }
    return { ok: true };
  }
  const target = what.data.id ? await getUserForAdmin(db, what.data.id) : null;
  if (!target || !canManageUser(user, target)) return refused("このアカウントを変更する権限がありません");
  if (what.data.intent === "reset") {
    const parsed = passwordResetSchema.safeParse({ ...form, loginId: target.loginId });
    if (!parsed.success) return { ok: false, status: 400, formError: "入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error) };
    await resetUserPassword(db, actor, target, parsed.data.password);
  } else {
    await setUserActive(db, actor, target, what.data.intent === "activate");
  }
  return { ok: true };
}
