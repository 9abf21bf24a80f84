import { z } from "zod";
import type { Database } from "../../db";
import { bodiesForAccounts, getUserForAdmin, type Actor } from "../../db/queries/users";
import { createUser, LoginIdTakenError, resetUserPassword, setUserActive } from "~/server/auth/accounts.server";
import type { SessionUser } from "~/server/auth/session.server";
import { canManageUser, creatableRoles } from "~/server/auth/user-admin";
import { newUserSchema, passwordResetSchema } from "~/domain/forms/user-schema";
import { fieldErrorsOf, type FieldErrors } from "~/domain/forms/form-fields";
import { findPrefectureByCode } from "~/domain/prefectures";
import { rowId } from "~/server/pages/query-params";

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
