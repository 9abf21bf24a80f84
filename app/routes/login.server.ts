import type { Database } from "../../db";
import { isDemoDataset } from "../../db/queries/meta";
import { loginThrottle } from "../../db/queries/users";
import { loginSchema } from "~/domain/forms/login-schema";
import { afterLoginPath } from "~/server/auth/access";
import { authenticate } from "~/server/auth/login.server";
import { demoAccounts, demoPassword } from "../../seeds/demo-users";

/** The demo accounts are listed on the login page only while the demo dataset is loaded. */
export async function listDemoAccounts(db: Database) {
  if (!(await isDemoDataset(db))) return null;
  return { password: demoPassword, accounts: demoAccounts.map(({ loginId, displayName }) => ({ loginId, displayName })) };
}

type LoginAttempt =
  | { ok: true; userId: number; redirectTo: string }
  | { ok: false; status: number; fieldErrors: { loginId?: string[]; password?: string[] }; formError: string | null };

/** Checks the login form and the password (throttled); the answer says which page and which message follow. */
export async function attemptLogin(form: Record<string, FormDataEntryValue>, clientAddress: string | null): Promise<LoginAttempt> {
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) return { ok: false, status: 400, fieldErrors: parsed.error.flatten().fieldErrors, formError: null };
  const outcome = await authenticate(parsed.data.loginId, parsed.data.password, clientAddress);
  if (!outcome.ok) {
    return outcome.locked
      ? { ok: false, status: 429, fieldErrors: {}, formError: `ログインに続けて失敗したため、しばらくログインできません。${loginThrottle.windowMinutes}分ほどたってから、もう一度お試しください。` }
      : { ok: false, status: 401, fieldErrors: {}, formError: "ログインIDまたはパスワードが正しくありません。" };
  }
  return { ok: true, userId: outcome.userId, redirectTo: afterLoginPath(outcome.viewer, parsed.data.redirectTo) };
}
