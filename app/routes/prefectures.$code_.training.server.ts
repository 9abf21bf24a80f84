import { z } from "zod";
import type { Database } from "../../db";
import { listImplementingBodies } from "../../db/queries/implementing-bodies";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import { listTrainingSessions, trainingByBody, trainingByRole, trainingFiscalYears } from "../../db/queries/training";
import { fiscalYearOfDate, recordFiscalYears } from "~/domain/fiscal-year";
import { savedFlag, savedMessages } from "~/domain/forms/form-fields";

export const trainingQuery = z.object({
  fy: z.coerce.number().int().min(2015).max(2100).optional().catch(undefined),
  edit: z.coerce.number().int().optional().catch(undefined),
  confirm: z.coerce.number().int().optional().catch(undefined),
  saved: savedFlag,
});

export async function loadTraining(db: Database, prefectureCode: string, query: z.infer<typeof trainingQuery>, today: string, options: { detail: boolean }) {
  const { fiscalYears, latest } = recordFiscalYears(await trainingFiscalYears(db), fiscalYearOfDate(today));
  const fiscalYear = query.fy ?? latest;
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
    fiscalYears: [...new Set([fiscalYear, ...fiscalYears])].sort((a, b) => b - a),
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
