import type { UserRole } from "../../domain/vocabulary";

type Actor = { id: number; role: UserRole; prefectureCode: string | null };
type Target = { id: number; role: string; prefectureCode: string | null };

/** Which accounts an administrator may open: MHLW creates MHLW and prefecture accounts, a prefecture its municipalities'. */
export function creatableRoles(actor: Pick<Actor, "role">): UserRole[] {
  if (actor.role === "mhlw") return ["mhlw", "prefecture"];
  if (actor.role === "prefecture") return ["municipality"];
  return [];
}

/** Deactivating, reactivating, resetting a password: MHLW for anyone else, a prefecture for its municipalities' accounts. Never oneself. */
export function canManageUser(actor: Actor, target: Target): boolean {
  if (actor.id === target.id) return false;
  if (actor.role === "mhlw") return true;
  return actor.role === "prefecture" && target.role === "municipality" && target.prefectureCode === actor.prefectureCode;
}

/** Who opens the user and audit pages at all. */
export function canAdministerUsers(actor: Pick<Actor, "role">): boolean {
  return actor.role === "mhlw" || actor.role === "prefecture";
}
