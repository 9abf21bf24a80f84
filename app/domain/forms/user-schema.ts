import { z } from "zod";
import { userRoles } from "../vocabulary";
import { refineNewPassword } from "./password-policy";

const loginId = z
  .string({ required_error: "ログインIDを入力してください" })
  .trim()
  .min(3, "ログインIDは3文字以上にしてください")
  .max(64, "ログインIDは64文字以内にしてください")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "ログインIDは半角英小文字・数字と . _ - で入力してください");

/** A new account as an administrator enters it; the password is temporary (the user must change it). */
export const newUserSchema = z
  .object({
    loginId,
    displayName: z.string({ required_error: "表示名を入力してください" }).trim().min(1, "表示名を入力してください").max(100, "表示名は100文字以内にしてください"),
    role: z.enum(userRoles, { errorMap: () => ({ message: "役割を選んでください" }) }),
    prefectureCode: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.string().regex(/^\d{2}$/, "都道府県を選んでください").optional()),
    localGovernmentCode: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.string().regex(/^\d{6}$/, "自治体を選んでください").optional()),
    email: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : undefined))
      .pipe(z.string().max(254, "メールアドレスは254文字以内にしてください").email("メールアドレスの形が正しくありません（例: fukushi@city.example.lg.jp）").optional()),
    password: z.string({ required_error: "初期パスワードを入力してください" }),
    passwordConfirm: z.string({ required_error: "確認用のパスワードを入力してください" }),
  })
  .superRefine((v, ctx) => {
    refineNewPassword(v, ctx);
    if (v.role === "prefecture" && !v.prefectureCode) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["prefectureCode"], message: "都道府県を選んでください" });
    if (v.role === "municipality" && !v.localGovernmentCode) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["localGovernmentCode"], message: "自治体を選んでください" });
  });
export type NewUserInput = z.output<typeof newUserSchema>;

/** A password the administrator sets for someone who forgot theirs (again temporary). */
export const passwordResetSchema = z
  .object({ loginId: z.string(), password: z.string({ required_error: "新しいパスワードを入力してください" }), passwordConfirm: z.string({ required_error: "確認用のパスワードを入力してください" }) })
  .superRefine(refineNewPassword);

/** A user replacing their own password. */
export const passwordChangeSchema = z
  .object({
    loginId: z.string(),
    currentPassword: z.string({ required_error: "現在のパスワードを入力してください" }).min(1, "現在のパスワードを入力してください"),
    password: z.string({ required_error: "新しいパスワードを入力してください" }),
    passwordConfirm: z.string({ required_error: "確認用のパスワードを入力してください" }),
  })
  .superRefine((v, ctx) => {
    refineNewPassword(v, ctx);
    if (v.password === v.currentPassword) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["password"], message: "現在と異なるパスワードにしてください" });
  });
