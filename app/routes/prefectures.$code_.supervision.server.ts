import type { Database } from "../../db";
import type { PrefectureActor } from "../../db/queries/prefecture-scope";
import { getSupervisionContact } from "../../db/queries/supervision";
import { deleteSupervisionContact, saveSupervisionContact } from "~/server/records/prefecture-work.server";
import { supervisionContactSchema } from "~/domain/forms/supervision-schema";
import { handleCrudAction } from "~/server/pages/crud-action.server";

/** Records, corrects and deletes the prefecture's supervision contacts. */
export function supervisionContactAction(db: Database, actor: PrefectureActor, request: Request) {
  return handleCrudAction(request, {
    parse: (form) => supervisionContactSchema.safeParse(form),
    save: (values, id) => saveSupervisionContact(db, actor, values, id),
    exists: async (id) => (await getSupervisionContact(db, actor.prefectureCode, id)) !== null,
    remove: (id) => deleteSupervisionContact(db, actor, id),
    notFound: "この記録は見つからないか、この都道府県の記録ではありません",
    // an update without an id records the contact anew, as it always has
    missingId: { delete: "削除する記録が指定されていません" },
  });
}
