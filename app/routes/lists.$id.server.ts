import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { statisticsFiscalYears } from "../../db/queries/support-statistics";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam, rowId } from "~/server/pages/query-params";
import { isConfirmed } from "~/domain/forms/form-fields";
import {
  BodyListForbiddenError,
  BodyListInputError,
  BodyListNotFoundError,
  bodyListFigures,
  bodyListForm,
  editBodyList,
  openBodyList,
  removeBodyList,
  type ListActor,
} from "~/server/lists/body-lists.server";

export const bodyListQuery = z.object({
  fy: fiscalYearParam,
  saved: z.enum(["created", "updated"]).optional().catch(undefined),
  confirm: z.literal("delete").optional().catch(undefined),
});

/** The list id of the URL, else 404. */
export function listIdOf(params: Record<string, string | undefined>): number {
  const id = rowId.safeParse(params.id);
  if (!id.success) throw new Response("比較リストが見つかりません", { status: 404 });
  return id.data;
}

/** Opening a list as the loader does: 404 when there is none, 403 (with why) when the viewer may not see all its bodies. */
async function openOrRefuse(db: Database, viewer: ListActor, id: number) {
  try {
    return await openBodyList(db, viewer, id);
  } catch (error) {
    if (error instanceof BodyListNotFoundError) throw new Response(error.message, { status: 404 });
    if (error instanceof BodyListForbiddenError) throw new Response(error.message, { status: 403 });
    throw error;
  }
}

export async function loadBodyListPage(db: Database, viewer: ListActor, id: number, query: z.infer<typeof bodyListQuery>, today: string) {
  const list = await openOrRefuse(db, viewer, id);
  const choice = chooseFiscalYear({ kind: "figures", yearsWithData: await statisticsFiscalYears(db) }, query.fy, today);
  const [figures, dataDate] = await Promise.all([bodyListFigures(db, list, choice.fiscalYear, { members: true }), datasetUpdatedAt(db, "monthly_support")]);
  return {
    list: { id: list.id, name: list.name, ownerName: list.ownerName, updatedAt: list.updatedAt },
    isOwner: list.ownerId === viewer.id,
    fiscalYear: choice.fiscalYear,
    fiscalYears: choice.fiscalYears,
    period: periodOf(choice, today),
    figures,
    members: list.members.map((m) => m.code).join("\n"),
    saved: query.saved ?? null,
    confirmDelete: query.confirm === "delete",
    dataDate,
  };
}

const intentForm = z.object({ intent: z.enum(["update", "delete"], { errorMap: () => ({ message: "操作が正しくありません" }) }) });

export async function bodyListAction(db: Database, actor: ListActor, id: number, request: Request) {
  const form = await request.formData();
  const fields = Object.fromEntries(form);
  const intent = intentForm.safeParse(fields);
  if (!intent.success) return data({ errors: [intent.error.issues[0]!.message], values: null }, { status: 400 });
  try {
    if (intent.data.intent === "delete") {
      if (!isConfirmed(form)) return data({ errors: ["削除を確認してから送ってください"], values: null }, { status: 400 });
      await removeBodyList(db, actor, id);
      return redirect("/lists?deleted=1");
    }
    const values = { name: typeof fields.name === "string" ? fields.name : "", members: typeof fields.members === "string" ? fields.members : "" };
    const parsed = bodyListForm.safeParse(fields);
    if (!parsed.success) return data({ errors: parsed.error.issues.map((i) => i.message), values }, { status: 400 });
    try {
      await editBodyList(db, actor, id, parsed.data);
    } catch (error) {
      if (error instanceof BodyListInputError) return data({ errors: error.messages, values }, { status: 400 });
      throw error;
    }
    return redirect(`/lists/${id}?saved=updated`);
  } catch (error) {
    if (error instanceof BodyListNotFoundError) return data({ errors: [error.message], values: null }, { status: 404 });
    if (error instanceof BodyListForbiddenError) return data({ errors: [error.message], values: null }, { status: 403 });
    throw error;
  }
}
