import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../db";
import { users } from "../../db/schema";
import { writeAudit } from "~/server/audit/write.server";
import type { SessionUser } from "~/server/auth/session.server";
import { dateStyles, type DateStyle } from "~/domain/format";

export const dateStyleSchema = z.object({
  dateStyle: z.enum(dateStyles, { errorMap: () => ({ message: "日付の表示は「西暦」か「和暦」を選んでください" }) }),
});

type DateStyleChange = { ok: true; changed: boolean } | { ok: false; status: 400; message: string };

/** Sets the user's own date style (西暦／和暦); a change is audited with what it was and what it became. */
export async function changeDateStyle(db: Database, user: SessionUser, form: Record<string, FormDataEntryValue>, clientAddress: string | null): Promise<DateStyleChange> {
  const parsed = dateStyleSchema.safeParse(form);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "入力内容を確認してください" };
  const to: DateStyle = parsed.data.dateStyle;
  if (to === user.dateStyle) return { ok: true, changed: false };
  await db.transaction(async (tx) => {
    await tx.update(users).set({ dateStyle: to }).where(eq(users.id, user.id));
    await writeAudit(tx, { userId: user.id, action: "account.date_style", target: user.loginId, clientAddress, detail: { from: user.dateStyle, to } });
  });
  return { ok: true, changed: true };
}
