// Users' named lists of bodies (ADR 025): create, rename/edit, delete (owner only, members within the
// owner's scope, audited in the same transaction) and open by URL (anyone who may see every member).
import { z } from "zod";
import type { Database } from "../../../db";
import { bodyListsOfOwner, deleteBodyList, getBodyList, implementingBodiesByCode, insertBodyList, updateBodyList, type BodyList } from "../../../db/queries/body-lists";
import { isUniqueViolation } from "../../../db/queries/supervision";
import { totalsByBody, totalsOfBodiesByFiscalYear } from "../../../db/queries/support-statistics";
import { bodyListNameMaxLength, parseBodyCodes } from "~/domain/body-lists";
import { comparableMetrics, metricValue, type ComparableMetric } from "~/domain/metrics";
import type { Totals } from "~/domain/statistics";
import type { UserRole } from "~/domain/vocabulary";
import { writeAudit } from "../audit/write.server";
import { canEditBodyList, canSeeBody, canSeeBodyList } from "../auth/access";

/** The fields of the list form (create and edit); the service checks their content. */
export const bodyListForm = z.object({
  name: z.string({ required_error: "リスト名を入力してください" }),
  members: z.string({ required_error: "実施主体の自治体コードを1つ以上入力してください" }),
});

export type ListActor = { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null; clientAddress?: string | null };
type Viewer = Omit<ListActor, "id" | "clientAddress">;

/** Input the user must correct: the messages are Japanese, one per problem. */
export class BodyListInputError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(" / "));
  }
}
export class BodyListForbiddenError extends Error {}
export class BodyListNotFoundError extends Error {
  constructor() {
    super("比較リストが見つかりません（削除されたか、URLが正しくありません）");
  }
}

/** A list opened by its URL: null when there is none; refused (with why) when it holds bodies the viewer may not see. */
export async function openBodyList(db: Database, viewer: Viewer & { id: number }, id: number): Promise<BodyList> {
  const list = await getBodyList(db, id);
  if (!list) throw new BodyListNotFoundError();
  if (list.ownerId !== viewer.id && !canSeeBodyList(viewer, list.members)) {
    const hidden = list.members.filter((m) => !canSeeBody(viewer, m)).length;
    throw new BodyListForbiddenError(`この比較リストには、あなたの権限では見られない実施主体が${hidden}団体含まれているため、開けません（一部だけを表示することはしません）。作成者（${list.ownerName}）に確認してください`);
  }
  return list;
}

async function validated(db: Database, actor: ListActor, input: { name: string; members: string }) {
  const name = input.name.trim();
  const errors: string[] = [];
  if (!name) errors.push("リスト名を入力してください");
  else if (name.length > bodyListNameMaxLength) errors.push(`リスト名は${bodyListNameMaxLength}文字以内で入力してください（${name.length}文字）`);
  const parsed = parseBodyCodes(input.members);
  errors.push(...parsed.errors);
  if (parsed.codes.length === 0 && parsed.errors.length === 0) errors.push("実施主体の自治体コードを1つ以上入力してください");
  const found = await implementingBodiesByCode(db, parsed.codes);
  for (const code of parsed.codes) {
    const body = found.find((b) => b.code === code);
    if (!body) errors.push(`「${code}」: 実施主体（福祉事務所設置自治体）の自治体コードではありません`);
    else if (!canSeeBody(actor, body)) errors.push(`「${code}」（${body.prefectureName}${body.name}）: あなたの権限では見られない実施主体です`);
  }
  if (errors.length > 0) throw new BodyListInputError(errors);
  return { name, codes: parsed.codes };
}

function duplicateName(error: unknown, name: string): never {
  if (isUniqueViolation(error)) throw new BodyListInputError([`同じ名前の比較リスト「${name}」がすでにあります`]);
  throw error;
}

export async function createBodyList(db: Database, actor: ListActor, input: { name: string; members: string }): Promise<number> {
  const { name, codes } = await validated(db, actor, input);
  try {
    return await db.transaction(async (tx) => {
      const id = await insertBodyList(tx, actor.id, name, codes);
      await writeAudit(tx, { userId: actor.id, action: "body_list.create", target: String(id), detail: { name, members: codes.length, codes }, clientAddress: actor.clientAddress ?? null });
      return id;
    });
  } catch (error) {
    duplicateName(error, name);
  }
}

async function ownedList(db: Database, actor: ListActor, id: number): Promise<BodyList> {
  const list = await getBodyList(db, id);
  if (!list) throw new BodyListNotFoundError();
  if (!canEditBodyList(actor, list)) throw new BodyListForbiddenError("比較リストを変更・削除できるのは作成した本人だけです");
  return list;
}

export async function editBodyList(db: Database, actor: ListActor, id: number, input: { name: string; members: string }): Promise<void> {
  const before = await ownedList(db, actor, id);
  const { name, codes } = await validated(db, actor, input);
  try {
    await db.transaction(async (tx) => {
      await updateBodyList(tx, id, name, codes);
      await writeAudit(tx, {
        userId: actor.id,
        action: "body_list.update",
        target: String(id),
        detail: { name, previousName: before.name, members: codes.length, codes, previousCodes: before.members.map((m) => m.code) },
        clientAddress: actor.clientAddress ?? null,
      });
    });
  } catch (error) {
    duplicateName(error, name);
  }
}

export async function removeBodyList(db: Database, actor: ListActor, id: number): Promise<string> {
  const list = await ownedList(db, actor, id);
  await db.transaction(async (tx) => {
    await deleteBodyList(tx, id);
    await writeAudit(tx, { userId: actor.id, action: "body_list.delete", target: String(id), detail: { name: list.name, members: list.members.length, codes: list.members.map((m) => m.code) }, clientAddress: actor.clientAddress ?? null });
  });
  return list.name;
}

/** Every comparable figure of a totals row, by metric (from the catalogue). */
function figuresOf(totals: Totals | undefined): Record<ComparableMetric, number | null> {
  return Object.fromEntries(comparableMetrics.map((m) => [m, totals ? metricValue(m, totals) : null])) as Record<ComparableMetric, number | null>;
}

/**
 * A list's aggregate for a fiscal year (Σcounts ÷ Σpopulation-months over its members, in SQL) and,
 * when asked, each member's own figures.
 */
export async function bodyListFigures(db: Database, list: BodyList, fiscalYear: number, options: { members: boolean }) {
  const codes = list.members.map((m) => m.code);
  const [byYear, members] = await Promise.all([totalsOfBodiesByFiscalYear(db, codes), options.members ? totalsByBody(db, fiscalYear, { bodyCodes: codes }) : Promise.resolve([])]);
  const year = byYear.find((r) => r.fiscalYear === fiscalYear);
  return {
    id: list.id,
    name: list.name,
    memberCount: codes.length,
    aggregate: { ...figuresOf(year), submittedMonths: year?.submittedMonths ?? 0 },
    byYear: byYear.map((r) => ({ fiscalYear: r.fiscalYear, ...figuresOf(r) })),
    members: list.members.map((m) => {
      const t = members.find((x) => x.code === m.code);
      return { ...m, population: t?.population ?? null, submittedMonths: t?.submittedMonths ?? 0, ...figuresOf(t) };
    }),
  };
}

/**
 * A list as the comparator of another page (the municipality and compare pages, `?list=`): the viewer's
 * own lists to choose from and the chosen list's figures, or why it cannot be shown (never part of it).
 * With a body, that body's own figures of the year too.
 */
export async function listComparator(db: Database, viewer: ListActor, listId: number | undefined, fiscalYear: number, bodyCode: string | null = null) {
  const lists = await bodyListsOfOwner(db, viewer.id);
  if (listId === undefined) return { lists, selected: null, refusal: null, body: null };
  let list: BodyList;
  try {
    list = await openBodyList(db, viewer, listId);
  } catch (error) {
    if (error instanceof BodyListNotFoundError || error instanceof BodyListForbiddenError) return { lists, selected: null, refusal: error.message, body: null };
    throw error;
  }
  const [selected, own] = await Promise.all([
    bodyListFigures(db, list, fiscalYear, { members: false }),
    bodyCode ? totalsByBody(db, fiscalYear, { bodyCodes: [bodyCode] }) : Promise.resolve([]),
  ]);
  return { lists, selected: { ...selected, members: list.members.map((m) => ({ code: m.code, name: m.kind === "prefecture" ? `${m.name}（郡部）` : m.name, prefectureName: m.prefectureName })) }, refusal: null, body: bodyCode ? figuresOf(own[0]) : null };
}
