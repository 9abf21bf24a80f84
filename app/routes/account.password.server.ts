import type { Database } from "../../db";
import { loginThrottle, passwordHashOf } from "../../db/queries/users";
import { changeOwnPassword } from "~/server/auth/accounts.server";
import { checkCurrentPassword } from "~/server/auth/login.server";
import type { SessionUser } from "~/server/auth/session.server";
import { passwordChangeSchema } from "~/domain/forms/user-schema";
import { fieldErrorsOf, type FieldErrors } from "~/domain/forms/form-fields";

type PasswordChange = { ok: true } | { ok: false; status: number; fieldErrors: FieldErrors; formError: string | null };

/** Changes the user's own password after checking the current one (throttled like the login). */
export async function changePassword(db: Database, user: SessionUser, form: Record<string, FormDataEntryValue>, clientAddress: string | null): Promise<PasswordChange> {
  const parsed = passwordChangeSchema.safeParse({ ...form, loginId: user.loginId });
  if (!parsed.success) return { ok: false, status: 400, fieldErrors: fieldErrorsOf(parsed.error), formError: null };
  const current = await checkCurrentPassword(user, parsed.data.currentPassword, await passwordHashOf(db, user.id), clientAddress);
  if (current === "locked") {
    const formError = `パスワードの確認に続けて失敗したため、しばらく変更できません。${loginThrottle.windowMinutes}分ほどたってから、もう一度お試しください。`;
    return { ok: false, status: 429, fieldErrors: {}, formError };
  }
  if (current === "wrong") return { ok: false, status: 400, fieldErrors: { currentPassword: ["現在のパスワードが正しくありません"] }, formError: null };
  await changeOwnPassword(db, user, parsed.data.password, clientAddress);
  return { ok: true };
}
