import { z } from "zod";
import type { Database } from "../../db";
import { listImplementingBodies } from "../../db/queries/implementing-bodies";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import type { PrefectureActor } from "../../db/queries/prefecture-scope";
import { isOwnTrainingSession, listTrainingSessions, trainingByBody, trainingByRole, trainingFiscalYears } from "../../db/queries/training";
import { savedFlag, savedMessages } from "~/domain/forms/form-fields";
import { trainingSessionFormValues, trainingSessionSchema } from "~/domain/forms/training-session-schema";
import { deleteTrainingSession, saveTrainingSession } from "~/server/records/prefecture-work.server";
import { handleCrudAction } from "~/server/pages/crud-action.server";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const trainingQuery = z.object({
  fy: fiscalYearParam,
  edit: z.coerce.number().int().optional().catch(undefined),
  confirm: z.coerce.number().int().optional().catch(undefined),
  saved: savedFlag,
});

export async function loadTraining(db: Database, prefectureCode: string, query: z.infer<typeof trainingQuery>, today: string, options: { detail: boolean }) {
  const choice = chooseFiscalYear({ kind: "records", yearsWithData: await trainingFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [byRole, bodies, sessions, bodyOptions, reportedAt, recordedAt] = await Promise.all([
    trainingByRole(db, fiscalYear, prefectureCode),
    options.detail ? trainingByBody(db, fiscalYear, prefectureCode) : Promise.resolve(null),
    listTrainingSessions(db, prefectureCode, fiscalYear),
    listImplementingBodies(db, fiscalYear, prefectureCode),
    datasetUpdatedAt(db, "staff_training"),
    recordsUpdatedAt(db, "training_sessions", prefectureCode),
  ]);
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    byRole,
    bodies,
    sessions,
    bodyOptions,
    dataDate: latestDataDate(reportedAt, recordedAt),
    editing: query.edit ? (sessions.find((s) => s.id === query.edit) ?? null) : null,
    confirming: query.confirm ? (sessions.find((s) => s.id === query.confirm) ?? null) : null,
    savedMessage: query.saved ? savedMessages[query.saved] : undefined,
  };
}

/** Records, corrects and deletes the training sessions the prefecture held. */
export function trainingSessionAction(db: Database, actor: PrefectureActor, request: Request) {
  return handleCrudAction(request, {
    parse: ({ intent: _intent, id: _id, ...fields }) => trainingSessionSchema.safeParse(trainingSessionFormValues(fields)),
    save: (values, id) => saveTrainingSession(db, actor, values, id),
    exists: (id) => isOwnTrainingSession(db, actor.prefectureCode, id),
    remove: (id) => deleteTrainingSession(db, actor, id),
    notFound: "この研修は見つからないか、この都道府県の研修ではありません",
    missingId: { update: "操作が正しくありません", delete: "操作が正しくありません" },
  });
}
