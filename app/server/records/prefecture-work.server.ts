// A prefecture's own records (supervision contacts, training sessions, the support items): each write
// and its audit entry in one transaction. The queries check the scope; the caller checked the role.
import type { Database } from "../../../db/client";
import type { PrefectureActor } from "../../../db/queries/prefecture-scope";
import { writePrefectureSupport } from "../../../db/queries/prefecture-support";
import {
  deleteSupervisionContactRow,
  duplicateContact,
  DuplicateRecordError,
  isUniqueViolation,
  writeSupervisionContact,
} from "../../../db/queries/supervision";
import { deleteTrainingSessionRows, writeTrainingSession } from "../../../db/queries/training";
import type { PrefectureSupportInput } from "~/domain/forms/prefecture-support-schema";
import type { SupervisionContactInput } from "~/domain/forms/supervision-schema";
import type { TrainingSessionInput } from "~/domain/forms/training-session-schema";
import { writeAudit } from "~/server/audit/write.server";

/** A new contact (no id) or a change; the same body, date, form and content twice is a DuplicateRecordError. */
export async function saveSupervisionContact(db: Database, actor: PrefectureActor, input: SupervisionContactInput, id?: number): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const saved = await writeSupervisionContact(tx, actor, input, id);
      await writeAudit(tx, {
        userId: actor.userId,
        clientAddress: actor.clientAddress ?? null,
        action: id === undefined ? "supervision.create" : "supervision.update",
        target: String(saved.id),
        detail: saved.values,
      });
      return saved.id;
    });
  } catch (error) {
    // two saves at the same moment: the second meets the unique index
    if (isUniqueViolation(error)) throw new DuplicateRecordError(duplicateContact);
    throw error;
  }
}

export async function deleteSupervisionContact(db: Database, actor: PrefectureActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await deleteSupervisionContactRow(tx, actor.prefectureCode, id);
    await writeAudit(tx, { userId: actor.userId, clientAddress: actor.clientAddress ?? null, action: "supervision.delete", target: String(id), detail: row });
  });
}

/** A new session (no id) or a change, with its participants; the same date, title and kind twice is a DuplicateRecordError. */
export async function saveTrainingSession(db: Database, actor: PrefectureActor, input: TrainingSessionInput, id?: number): Promise<number> {
  return db.transaction(async (tx) => {
    const saved = await writeTrainingSession(tx, actor, input, id);
    await writeAudit(tx, {
      userId: actor.userId,
      clientAddress: actor.clientAddress ?? null,
      action: id === undefined ? "training_session.create" : "training_session.update",
      target: String(saved.id),
      detail: { ...saved.values, participants: input.participants },
    });
    return saved.id;
  });
}

export async function deleteTrainingSession(db: Database, actor: PrefectureActor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { row, participants } = await deleteTrainingSessionRows(tx, actor.prefectureCode, id);
    await writeAudit(tx, { userId: actor.userId, clientAddress: actor.clientAddress ?? null, action: "training_session.delete", target: String(id), detail: { ...row, participants } });
  });
}

/** Answers every item of one fiscal year, audited with the previous answers. */
export async function savePrefectureSupport(db: Database, actor: PrefectureActor, input: PrefectureSupportInput): Promise<void> {
  await db.transaction(async (tx) => {
    const previous = await writePrefectureSupport(tx, actor.prefectureCode, input);
    await writeAudit(tx, {
      userId: actor.userId,
      clientAddress: actor.clientAddress ?? null,
      action: "prefecture_support.update",
      target: `${actor.prefectureCode}:${input.fiscalYear}`,
      detail: { previous, current: input.items },
    });
  });
}
