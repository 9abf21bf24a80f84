import type { UserRole } from "../../domain/vocabulary";

type Actor = { id: number; role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null };
type UploadOwner = { userId: number | null; userPrefectureCode: string | null; userLocalGovernmentCode: string | null };

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
