// MHLW sets a fiscal year's reporting schedule: the write and its audit entry in one transaction.
import type { Database } from "../../../db/client";
import { getReportingSchedule, saveReportingSchedule } from "../../../db/queries/reporting";
import type { ReportingScheduleInput } from "~/domain/forms/reporting-schedule-schema";
import { writeAudit } from "~/server/audit/write.server";
import { canSetReportingSchedule } from "~/server/auth/access";
import type { UserRole } from "~/domain/vocabulary";

export class ReportingForbiddenError extends Error {}

type Actor = { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null };

export async function setReportingSchedule(db: Database, actor: Actor, input: ReportingScheduleInput, clientAddress: string | null): Promise<void> {
  if (!canSetReportingSchedule(actor)) throw new ReportingForbiddenError("提出期限を設定できるのは厚生労働省の担当者だけです");
  await db.transaction(async (tx) => {
    const previous = await getReportingSchedule(tx, input.fiscalYear);
    await saveReportingSchedule(tx, { ...input, userId: actor.id });
    await writeAudit(tx, {
      userId: actor.id,
      clientAddress,
      action: "reporting_schedule.update",
      target: String(input.fiscalYear),
      detail: { ...input, previous: { monthlyDueDay: previous.monthlyDueDay, annualDueDate: previous.annualDueDate, isDefault: previous.isDefault } },
    });
  });
}
