import { data, redirect } from "@remix-run/node";
import type { Database } from "../../db";
import { bodyListsOfOwner } from "../../db/queries/body-lists";
import { listImplementingBodies } from "../../db/queries/implementing-bodies";
import { fiscalYearOfDate } from "~/domain/fiscal-year";
import { BodyListInputError, bodyListForm, createBodyList, type ListActor } from "~/server/lists/body-lists.server";

/** The user's lists and, for a prefecture official, the codes of their bodies to copy from. */
export async function loadBodyLists(db: Database, user: ListActor, today: string) {
  const [lists, bodies] = await Promise.all([
    bodyListsOfOwner(db, user.id),
    user.role === "prefecture" && user.prefectureCode ? listImplementingBodies(db, fiscalYearOfDate(today), user.prefectureCode) : Promise.resolve([]),
  ]);
  return { lists, bodies };
}

export async function createBodyListAction(db: Database, actor: ListActor, request: Request) {
  const form = Object.fromEntries(await request.formData());
  const parsed = bodyListForm.safeParse(form);
  const values = { name: typeof form.name === "string" ? form.name : "", members: typeof form.members === "string" ? form.members : "" };
  if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => i.message), values }, { status: 400 });
  try {
    const id = await createBodyList(db, actor, parsed.data);
    return redirect(`/lists/${id}?saved=created`);
  } catch (error) {
    if (error instanceof BodyListInputError) return data({ errors: error.messages, values }, { status: 400 });
    throw error;
  }
}
