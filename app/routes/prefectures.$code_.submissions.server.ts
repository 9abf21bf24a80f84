import { data } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "../../db";
import type { SessionUser } from "~/server/auth/session.server";
import { getEnv } from "~/server/env.server";
import { fiscalYearParam } from "~/server/pages/query-params";
import { sendReminders, type ReminderResult } from "~/server/reporting/reminders.server";

export { loadPrefectureSubmissions, reportingMonthQuery } from "~/server/pages/reporting.server";

const remindForm = z.object({ intent: z.literal("remind"), fiscalYear: fiscalYearParam });

export type RemindActionData = { ok: true; result: ReminderResult } | { ok: false; message: string };

/** 督促を送る: every overdue body-month of the fiscal year without figures, once a day. */
export async function remindAction(db: Database, user: SessionUser, prefectureCode: string, request: Request, context: { clientAddress?: string | null }, now: Date) {
  const parsed = remindForm.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success || parsed.data.fiscalYear === undefined) {
    return data<RemindActionData>({ ok: false, message: "督促の送信で年度が読み取れませんでした。ページを開き直してからもう一度送ってください" }, { status: 400 });
  }
  const env = getEnv();
  const result = await sendReminders(
    db,
    user,
    { prefectureCode, fiscalYear: parsed.data.fiscalYear },
    { clientAddress: context.clientAddress ?? null, now, origin: env.APP_ORIGIN?.split(",")[0]?.trim().replace(/\/+$/, "") || new URL(request.url).origin, mail: env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM } : null },
  );
  return data<RemindActionData>({ ok: true, result });
}
