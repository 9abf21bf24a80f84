import { data, redirect } from "@remix-run/node";
import { z, type SafeParseReturnType } from "zod";
import { PrefectureScopeError } from "../../../db/queries/prefecture-scope";
import { DuplicateRecordError } from "../../../db/queries/supervision";
import { confirmStepUrl, fieldErrorsOf, isConfirmed, redirectBack, type FieldErrors } from "~/domain/forms/form-fields";
import { rowId } from "./query-params";

/**
 * What a form action answers when it does not redirect: errors by field and one summary. (NUL in a
 * form never gets this far: app/server/http/form-nul.server.ts refuses it for every form.)
 */
export function formFailure(formError: string, status: number, fieldErrors: FieldErrors = {}) {
  return data({ fieldErrors, formError }, { status });
}

/** A form that does not pass its schema: 400 with the messages by field. */
export function invalidForm(error: z.ZodError) {
  return formFailure("入力内容を確認してください", 400, fieldErrorsOf(error));
}

const crudIntent = z.object({ intent: z.enum(["create", "update", "delete"]), id: rowId.optional() });

export type CrudForm<T> = {
  /** the posted fields as the record's values (the schema's own messages become the field errors) */
  parse: (form: Record<string, FormDataEntryValue>) => SafeParseReturnType<unknown, T>;
  /** creates (id undefined) or updates the record */
  save: (values: T, id: number | undefined) => Promise<unknown>;
  /** whether the record may be deleted by this user; false answers 403 with `notFound` */
  exists: (id: number) => Promise<boolean>;
  remove: (id: number) => Promise<void>;
  notFound: string;
  /** the 400 of an update or delete without an id, per intent; without an entry the post goes on without one */
  missingId: { update?: string; delete: string };
};

/**
 * The create/update/delete action of a record list (supervision contacts, training sessions): the
 * intent and id, validation errors as 400 by field, a delete that asks first (ConfirmStep) unless the
 * post is confirmed, and post/redirect/get back to the same view with ?saved=. A record out of the
 * user's prefecture answers 403, a duplicate 400, each with its message.
 */
export async function handleCrudAction<T>(request: Request, page: CrudForm<T>) {
  const form = Object.fromEntries(await request.formData());
  const what = crudIntent.safeParse(form);
  if (!what.success) return formFailure("操作が正しくありません", 400);
  const { intent, id } = what.data;
  if (intent !== "create" && id === undefined) {
    const message = page.missingId[intent];
    if (message !== undefined) return formFailure(message, 400);
  }
  try {
    if (intent === "delete") {
      // a one-click post (no JavaScript, an old page) deletes nothing: it asks first
      if (!isConfirmed(form)) {
        if (!(await page.exists(id!))) throw new PrefectureScopeError(page.notFound);
        return redirect(confirmStepUrl(request.url, id!));
      }
      await page.remove(id!);
      return redirect(redirectBack(request.url, "deleted"));
    }
    const parsed = page.parse(form);
    if (!parsed.success) return invalidForm(parsed.error);
    await page.save(parsed.data, intent === "update" ? id : undefined);
    return redirect(redirectBack(request.url, intent === "update" ? "updated" : "created"));
  } catch (error) {
    if (error instanceof PrefectureScopeError) return formFailure(error.message, 403);
    if (error instanceof DuplicateRecordError) return formFailure(error.message, 400);
    throw error;
  }
}
