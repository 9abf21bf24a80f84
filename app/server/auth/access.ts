import type { UserRole } from "../../domain/vocabulary";

// Who may see or write what, by role and scope (ADR 010). Pure: the page guards
// (prefecture-work.server.ts) and the services ask these.

type Viewer = { role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null };
type Actor = Viewer & { id: number };
type UploadOwner = { userId: number | null; userPrefectureCode: string | null; userLocalGovernmentCode: string | null };

/** The body-by-body detail of a prefecture: MHLW, and that prefecture's own officials. Others see aggregates. */
export function canSeePrefectureDetail(viewer: Viewer, prefectureCode: string): boolean {
  return viewer.role === "mhlw" || (viewer.role === "prefecture" && viewer.prefectureCode === prefectureCode);
}

/** A body's own page: MHLW, its prefecture's officials, and its own staff. */
export function canSeeBody(viewer: Viewer, body: { code: string; prefectureCode: string }): boolean {
  if (viewer.role === "mhlw") return true;
  if (viewer.role === "prefecture") return viewer.prefectureCode === body.prefectureCode;
  return viewer.localGovernmentCode === body.code;
}

/**
 * The records of a prefecture's own work (supervision, training sessions, the support items): MHLW,
 * the officials of every prefecture (exchange between prefectures is one of their training goals) and
 * the municipalities of that prefecture read them.
 */
export function canSeePrefectureWork(viewer: Viewer, prefectureCode: string): boolean {
  return viewer.role === "mhlw" || viewer.role === "prefecture" || viewer.prefectureCode === prefectureCode;
}

/** Only the prefecture's own officials record its work; MHLW reads. */
export function canRecordPrefectureWork(viewer: Viewer, prefectureCode: string): boolean {
  return viewer.role === "prefecture" && viewer.prefectureCode === prefectureCode;
}

/** Whether the role may upload the dataset at all (its scope is checked row by row in validation). */
export function mayUpload(actor: { role: UserRole }, definition: { uploadRoles: readonly UserRole[] }): boolean {
  return definition.uploadRoles.includes(actor.role);
}

/**
 * Who may see, confirm, discard or revert an upload: MHLW any; a prefecture user the uploads of
 * its prefecture's users; a municipality user the uploads of its own body's users.
 */
export function canManageUpload(actor: Actor, upload: UploadOwner): boolean {
  if (actor.role === "mhlw") return true;
  if (upload.userId === actor.id) return true;
  if (actor.role === "prefecture") return upload.userPrefectureCode !== null && upload.userPrefectureCode === actor.prefectureCode;
  return upload.userLocalGovernmentCode !== null && upload.userLocalGovernmentCode === actor.localGovernmentCode;
}

/**
 * Who may confirm, return or reopen a body's month of the monthly figures (ADR 022): only an official
 * of the body's own prefecture. MHLW reads; its own uploads are confirmed on commit.
 */
export function canReviewBody(actor: Viewer, body: { prefectureCode: string }): boolean {
  return actor.role === "prefecture" && actor.prefectureCode === body.prefectureCode;
}
