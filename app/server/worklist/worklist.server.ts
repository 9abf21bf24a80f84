// The prefecture's worklist (要フォロー, ADR 025): the items of every rule with their 対応済 marks, and
// the mark itself (checked against the actor's scope, re-derived from the data, audited, one transaction).
import type { Database } from "../../../db";
import { getReportingSchedule } from "../../../db/queries/reporting";
import { insertWorklistMark, worklistFactsOf, worklistMarksOf, type WorklistScope } from "../../../db/queries/worklist";
import { fiscalYearOfDate, monthsOfFiscalYear } from "~/domain/fiscal-year";
import { isMonthDue } from "~/domain/reporting";
import { buildWorklist, worklistItemKey, worklistNoteMaxLength, type WorklistSettings } from "~/domain/worklist";
import type { UserRole } from "~/domain/vocabulary";
import { writeAudit } from "../audit/write.server";
import { canResolveWorklist } from "../auth/access";

export type WorklistActor = { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null; clientAddress?: string | null };

export class WorklistForbiddenError extends Error {
  constructor() {
    super("この都道府県の要フォローを対応済にできるのは、その都道府県の担当者だけです");
  }
}
/** A mark that cannot be recorded as asked: the message says why, for the page. */
export class WorklistStateError extends Error {}

async function scopeOf(db: Database, prefectureCode: string, today: string, settings: WorklistSettings): Promise<WorklistScope> {
  const fiscalYear = fiscalYearOfDate(today);
  const { monthlyDueDay } = await getReportingSchedule(db, fiscalYear);
  const dueMonths = monthsOfFiscalYear(fiscalYear).filter((m) => isMonthDue(m, monthlyDueDay, today));
  return { prefectureCode, today, fiscalYear, dueMonths, dueDay: monthlyDueDay, settings };
}

/** The worklist of a prefecture as of today: open items first (in rule order), then those marked 対応済. */
export async function loadWorklist(db: Database, prefectureCode: string, today: string, settings: WorklistSettings) {
  const scope = await scopeOf(db, prefectureCode, today, settings);
  const [facts, marks] = await Promise.all([worklistFactsOf(db, scope), worklistMarksOf(db, prefectureCode, scope.fiscalYear)]);
  const items = buildWorklist(facts, marks, { prefectureCode, fiscalYear: scope.fiscalYear });
  return { fiscalYear: scope.fiscalYear, settings, open: items.filter((i) => !i.resolved), resolved: items.filter((i) => i.resolved) };
}

export type WorklistMarkRequest = { prefectureCode: string; rule: string; code: string; subject: string; cause: string; note: string };

/**
 * Marks one item 対応済 with a note. The item must be on today's worklist with the cause the official
 * saw (a changed cause is a new item to look at); a second mark of the same cause is refused.
 */
export async function markWorklistItem(db: Database, actor: WorklistActor, request: WorklistMarkRequest, today: string, settings: WorklistSettings) {
  if (!canResolveWorklist(actor, request.prefectureCode)) throw new WorklistForbiddenError();
  const note = request.note.trim();
  if (!note) throw new WorklistStateError("対応の内容を「メモ」に入力してください（実施主体の履歴に残ります）");
  if (note.length > worklistNoteMaxLength) throw new WorklistStateError(`メモは${worklistNoteMaxLength}文字以内で入力してください（${note.length}文字）`);
  const scope = await scopeOf(db, request.prefectureCode, today, settings);
  const facts = await worklistFactsOf(db, scope);
  const item = buildWorklist(facts, [], { prefectureCode: request.prefectureCode, fiscalYear: scope.fiscalYear }).find(
    (i) => worklistItemKey(i) === worklistItemKey(request) && i.cause === request.cause,
  );
  if (!item) throw new WorklistStateError("この項目は画面を開いた後に変わったか、要フォローではなくなりました。画面を開き直してください");
  return db.transaction(async (tx) => {
    const inserted = await insertWorklistMark(tx, { ...request, why: item.why, note, fiscalYear: scope.fiscalYear, userId: actor.id });
    if (!inserted) throw new WorklistStateError("この項目はすでに対応済です");
    await writeAudit(tx, {
      userId: actor.id,
      action: "worklist.resolve",
      target: item.code,
      detail: { prefectureCode: request.prefectureCode, localGovernmentCode: item.code, rule: item.rule, subject: item.subject, cause: item.cause, fiscalYear: scope.fiscalYear, why: item.why, note },
      clientAddress: actor.clientAddress ?? null,
    });
    return item;
  });
}
