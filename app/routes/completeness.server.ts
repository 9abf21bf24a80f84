import { data } from "@remix-run/node";
import type { Database } from "../../db";
import { reportingScheduleSchema } from "~/domain/forms/reporting-schedule-schema";
import { fieldErrorsOf, type FieldErrors } from "~/domain/forms/form-fields";
import type { SessionUser } from "~/server/auth/session.server";
import { setReportingSchedule } from "~/server/reporting/schedule.server";

export { completenessQuery, loadCompleteness } from "~/server/pages/reporting.server";

export type ScheduleActionData = { ok: true; message: string } | { ok: false; message: string; fieldErrors: FieldErrors };

/** MHLW's reporting schedule form: validated, saved and audited; bad input is a 400 naming the field. */
export async function scheduleAction(db: Database, user: SessionUser, request: Request, context: { clientAddress?: string | null }) {
  const parsed = reportingScheduleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data<ScheduleActionData>({ ok: false, message: "提出期限を保存できませんでした。入力内容を確認してください", fieldErrors: fieldErrorsOf(parsed.error) }, { status: 400 });
  }
  await setReportingSchedule(db, user, parsed.data, context.clientAddress ?? null);
  return data<ScheduleActionData>({ ok: true, message: `${parsed.data.fiscalYear}年度の提出期限を保存しました（月次: 翌月${parsed.data.monthlyDueDay}日）` });
}
