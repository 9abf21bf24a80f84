import { z } from "zod";

export const loginSchema = z.object({
  loginId: z.string({ required_error: "ログインIDを入力してください" }).trim().min(1, "ログインIDを入力してください").max(100),
  password: z.string({ required_error: "パスワードを入力してください" }).min(1, "パスワードを入力してください").max(200),
  redirectTo: z.string().optional(),
});
export type LoginInput = z.infer<typeof loginSchema>;
