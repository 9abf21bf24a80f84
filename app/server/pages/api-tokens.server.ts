// The account page's and the admin page's token forms (ADR 028): parse, check, act, answer in Japanese.
import { z } from "zod";
import type { Database } from "../../../db";
import { apiTokenNameSchema, createApiToken, revokeApiToken } from "../auth/api-tokens.server";
import type { SessionUser } from "../auth/session.server";
import { rowId } from "./query-params";

export const apiTokenIntent = z.object({ intent: z.enum(["create", "revoke"]), id: rowId.optional() });

export type ApiTokenActionResult =
  | { ok: true; created: { name: string; token: string } | null; message: string }
  | { ok: false; status: number; formError: string; fieldErrors: Record<string, string[]> };

/** A token form's post: create (the owner only, for themself) or revoke (the owner, or MHLW). */
export async function runApiTokenAction(
  db: Database,
  user: SessionUser,
  clientAddress: string | null,
  form: Record<string, FormDataEntryValue>,
  allowCreate: boolean,
): Promise<ApiTokenActionResult> {
  const what = apiTokenIntent.safeParse(form);
  if (!what.success) return { ok: false, status: 400, formError: "操作が正しくありません", fieldErrors: {} };
  if (what.data.intent === "create") {
    if (!allowCreate) return { ok: false, status: 400, formError: "APIトークンは本人がアカウントのページで発行します", fieldErrors: {} };
    const parsed = apiTokenNameSchema.safeParse(form);
    if (!parsed.success) return { ok: false, status: 400, formError: "入力内容を確認してください", fieldErrors: { name: parsed.error.issues.map((i) => i.message) } };
    const { token } = await createApiToken(db, user, parsed.data.name, clientAddress);
    return { ok: true, created: { name: parsed.data.name, token }, message: "APIトークンを発行しました" };
  }
  if (!what.data.id) return { ok: false, status: 400, formError: "無効にするトークンを選んでください", fieldErrors: {} };
  const result = await revokeApiToken(db, user, what.data.id, clientAddress);
  if (result === "not_found") return { ok: false, status: 404, formError: "そのトークンは見つかりません", fieldErrors: {} };
  if (result === "forbidden") return { ok: false, status: 403, formError: "このトークンを無効にする権限がありません", fieldErrors: {} };
  return { ok: true, created: null, message: result === "already" ? "このトークンはすでに無効です" : "APIトークンを無効にしました" };
}
