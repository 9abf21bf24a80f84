import { z } from "zod";

export const passwordMinimumLength = 12;
/** distinct characters, upper and lower case counted as one */
export const passwordMinimumKinds = 5;

/** The rule in plain Japanese, shown beside every new-password field. */
export const passwordRuleText = `${passwordMinimumLength}文字以上で、異なる文字を${passwordMinimumKinds}種類以上含めてください（大文字と小文字は同じ文字と数えます）。数字だけのもの、ログインIDを含むもの、password・123456 などの推測されやすい語を含むものは使えません。`;

const weakParts = ["password", "passw0rd", "qwerty", "123456", "abcdef", "tsunagu", "letmein", "welcome"];

/**
 * A new password (chosen by the user or given by an administrator): long rather than complicated,
 * as current guidance (NIST SP 800-63B) recommends, and not guessable from the login id.
 * Existing passwords are not re-checked at login.
 */
export function newPasswordProblems(password: string, loginId: string): string[] {
  const problems: string[] = [];
  const lower = password.normalize("NFKC").toLowerCase();
  if ([...password].length < passwordMinimumLength) problems.push(`パスワードは${passwordMinimumLength}文字以上にしてください`);
  if ([...password].length > 200) problems.push("パスワードは200文字以内にしてください");
  if (new Set(lower).size < passwordMinimumKinds) problems.push(`パスワードには異なる文字を${passwordMinimumKinds}種類以上使ってください（同じ文字の繰り返しは1種類です。大文字と小文字は同じ文字と数えます）`);
  if (/^\d+$/.test(lower)) problems.push("数字だけのパスワードは使えません");
  if (loginId && lower.includes(loginId.toLowerCase())) problems.push("ログインIDを含むパスワードは使えません");
  if (weakParts.some((w) => lower.includes(w))) problems.push("推測されやすい語（password、123456 など）を含むパスワードは使えません");
  return problems;
}

/** Adds the password problems (and a confirmation mismatch) to a form schema's issues, on the fields that caused them. */
export function refineNewPassword(value: { password: string; passwordConfirm: string; loginId: string }, ctx: z.RefinementCtx): void {
  for (const message of newPasswordProblems(value.password, value.loginId)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message });
  if (value.password !== value.passwordConfirm) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["passwordConfirm"], message: "確認用のパスワードが一致しません" });
}
