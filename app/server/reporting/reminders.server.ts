// A prefecture reminds its late bodies: one reminder per body, month and day (Japan), recorded with an
// audit entry in one transaction; then, when SMTP is configured, one e-mail per body to its staff.
import type { Database } from "../../../db/client";
import { getReportingSchedule, insertReminders, missingBodyMonths, recordReminderDelivery, usersOfBodies } from "../../../db/queries/reporting";
import { monthsOfFiscalYear, todayInJapan } from "~/domain/fiscal-year";
import { formatReportingMonth, isMonthDue, monthlyDeadline } from "~/domain/reporting";
import { writeAudit } from "~/server/audit/write.server";
import { canRemindBodies } from "~/server/auth/access";
import type { UserRole } from "~/domain/vocabulary";
import { dateStyles, formatDateJa, isDateStyle, type DateStyle } from "~/domain/format";
import { sendMail, type MailSettings } from "./mail.server";
import { ReportingForbiddenError } from "./schedule.server";

type Actor = { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null };

export type ReminderResult = {
  /** body-months reminded now; those already reminded today are not sent again */
  sent: number;
  alreadySentToday: number;
  bodies: number;
  /** null: no e-mail was attempted (SMTP_URL unset) */
  email: { delivered: string[]; failed: { address: string; reason: string }[]; bodiesWithoutAddress: string[] } | null;
};

/** The e-mail to one body's staff: which months are late, and where to upload and get the template, in the recipients' 西暦／和暦. */
export function reminderMail(body: { name: string }, months: { year: number; month: number }[], dueDay: number, origin: string, style: DateStyle = "western") {
  // a deadline is a calendar day: noon in Japan keeps it that day in every zone
  const lines = months.map((m) => `・${formatReportingMonth(m, style)}（提出期限 ${formatDateJa(`${monthlyDeadline(m, dueDay)}T12:00:00+09:00`, style)}）`);
  return {
    subject: `【つなぐ】月次支援状況の提出のお願い（${body.name}）`,
    text: [
      `${body.name} ご担当者様`,
      "",
      "次の月の月次支援状況（生活困窮者自立支援制度）が、提出期限を過ぎてもまだ提出されていません。",
      ...lines,
      "",
      "つなぐにログインし、アップロード画面から提出してください。",
      `アップロード: ${origin}/uploads/new/monthly_support`,
      `テンプレート: ${origin}/datasets/monthly_support/download?kind=template&encoding=utf-8-bom`,
      "",
      "このメールは都道府県の担当者が「つなぐ」から送信しました。",
    ].join("\n"),
  };
}

export async function sendReminders(
  db: Database,
  actor: Actor,
  input: { prefectureCode: string; fiscalYear: number },
  context: { clientAddress: string | null; now: Date; origin: string; mail: MailSettings | null },
): Promise<ReminderResult> {
  if (!canRemindBodies(actor, input.prefectureCode)) throw new ReportingForbiddenError("督促を送れるのはこの都道府県の担当者だけです");
  const { monthlyDueDay } = await getReportingSchedule(db, input.fiscalYear);
  const today = todayInJapan(context.now);
  const overdue = monthsOfFiscalYear(input.fiscalYear).filter((m) => isMonthDue(m, monthlyDueDay, today));
  const missing = await missingBodyMonths(db, input.prefectureCode, overdue, monthlyDueDay);
  const inserted = await db.transaction(async (tx) => {
    const rows = await insertReminders(
      tx,
      missing.map((m) => ({ localGovernmentCode: m.code, year: m.year, month: m.month })),
      today,
      actor.id,
    );
    if (rows.length > 0) {
      await writeAudit(tx, {
        userId: actor.id,
        clientAddress: context.clientAddress,
        action: "reminder.send",
        target: input.prefectureCode,
        detail: {
          fiscalYear: input.fiscalYear,
          sentOn: today,
          bodies: new Set(rows.map((r) => r.localGovernmentCode)).size,
          bodyMonths: rows.length,
          items: rows.map((r) => `${r.localGovernmentCode}:${r.year}-${String(r.month).padStart(2, "0")}`),
        },
      });
    }
    return rows;
  });
  const byBody = new Map<string, typeof inserted>();
  for (const r of inserted) byBody.set(r.localGovernmentCode, [...(byBody.get(r.localGovernmentCode) ?? []), r]);
  const result: ReminderResult = { sent: inserted.length, alreadySentToday: missing.length - inserted.length, bodies: byBody.size, email: null };
  if (!context.mail || inserted.length === 0) return result;

  const names = new Map(missing.map((m) => [m.code, m.name]));
  const staff = await usersOfBodies(db, [...byBody.keys()]);
  const email: NonNullable<ReminderResult["email"]> = { delivered: [], failed: [], bodiesWithoutAddress: [] };
  for (const [code, rows] of byBody) {
    const recipients = staff.filter((u) => u.localGovernmentCode === code && u.email);
    const name = names.get(code) ?? code;
    if (recipients.length === 0) {
      email.bodiesWithoutAddress.push(name);
      continue;
    }
    // one message per date style, so each reader gets the dates as they chose (ADR 027)
    const delivered: string[] = [];
    const failed: { address: string; reason: string }[] = [];
    for (const style of dateStyles) {
      const to = [...new Set(recipients.filter((u) => (isDateStyle(u.dateStyle) ? u.dateStyle : "western") === style).map((u) => u.email!))];
      if (to.length === 0) continue;
      const outcome = await sendMail(context.mail, { to, ...reminderMail({ name }, rows, monthlyDueDay, context.origin, style) });
      delivered.push(...outcome.delivered);
      failed.push(...outcome.failed);
    }
    await recordReminderDelivery(
      db,
      rows.map((r) => r.id),
      delivered,
      failed,
    );
    email.delivered.push(...delivered);
    email.failed.push(...failed);
  }
  return { ...result, email };
}
