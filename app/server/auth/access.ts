import type { UserRole } from "../../domain/vocabulary";
import { safeRedirectPath } from "./safe-redirect";

// Who may see or write what, by role and scope (ADR 010). Pure: the page guards
// (prefecture-work.server.ts) and the services ask these.

type Viewer = { role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null };
type Actor = Viewer & { id: number };
type UploadOwner = { userId: number | null; userPrefectureCode: string | null; userLocalGovernmentCode: string | null };

/**
 * A viewer's scope, as one string: every rule of this module that decides what a viewer may see reads
 * only these three fields, so viewers with the same key see the same pages (the render cache shares
 * a rendering between them, ADR 031). The rules that read a user's id (uploads, lists, tokens) decide
 * writes and owned things, which no shared page shows.
 */
export function scopeKey(viewer: Viewer): string {
  return `${viewer.role}:${viewer.prefectureCode ?? "-"}:${viewer.localGovernmentCode ?? "-"}`;
}

/**
 * The scope a page is rendered for, and kept in the render cache by (ADR 031, 042): a body's staff see
 * every page that shows nothing of their own body (canSeeBody) as the staff of the other bodies of their
 * prefecture do. What is theirs on such a page (the link to their body, the print label) is a slot
 * filled per response.
 */
export function renderScopeKey(viewer: Viewer, showsOwnBody: boolean): string {
  const sharedWithPrefecture = viewer.role === "municipality" && !showsOwnBody && viewer.prefectureCode !== null && viewer.localGovernmentCode?.slice(0, 2) === viewer.prefectureCode;
  return sharedWithPrefecture ? `municipality:${viewer.prefectureCode}:*` : scopeKey(viewer);
}

/**
 * Where a user lands after login: MHLW on the nation, a prefecture official on their prefecture's
 * page, municipal staff on their own body's page. The header links to the other views.
 */
export function landingPath(viewer: Viewer): string {
  if (viewer.role === "prefecture" && viewer.prefectureCode) return `/prefectures/${viewer.prefectureCode}`;
  if (viewer.role === "municipality" && viewer.localGovernmentCode) return `/municipalities/${viewer.localGovernmentCode}`;
  return "/";
}

/**
 * After login: the page the user was sent away from (a same-origin path only), else their landing page.
 * The site root counts as no page in particular, since it is what a user opens to start.
 */
export function afterLoginPath(viewer: Viewer, redirectTo: string | null | undefined): string {
  const landing = landingPath(viewer);
  if (!redirectTo) return landing;
  const path = safeRedirectPath(redirectTo, landing);
  return path === "/" ? landing : path;
}

/** The body-by-body detail of a prefecture: MHLW, and that prefecture's own officials. Others see aggregates. */
export function canSeePrefectureDetail(viewer: Viewer, prefectureCode: string): boolean {
  return viewer.role === "mhlw" || (viewer.role === "prefecture" && viewer.prefectureCode === prefectureCode);
}

/** Every implementing body's figures side by side, nationally (the national funnel plot): MHLW only, as the bodies of a prefecture are its own and MHLW's. */
export function canSeeNationalBodies(viewer: Viewer): boolean {
  return viewer.role === "mhlw";
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

/** The reporting schedule (due days and dates of a fiscal year) is MHLW's to set. */
export function canSetReportingSchedule(viewer: Viewer): boolean {
  return viewer.role === "mhlw";
}

/** Reminders to a prefecture's late bodies: that prefecture's own officials, who chase their bodies. */
export function canRemindBodies(viewer: Viewer, prefectureCode: string): boolean {
  return viewer.role === "prefecture" && viewer.prefectureCode === prefectureCode;
}

/**
 * Who may confirm, return or reopen a body's month of the monthly figures (ADR 022): only an official
 * of the body's own prefecture. MHLW reads; its own uploads are confirmed on commit.
 */
export function canReviewBody(actor: Viewer, body: { prefectureCode: string }): boolean {
  return actor.role === "prefecture" && actor.prefectureCode === body.prefectureCode;
}

/** The prefecture's worklist (要フォロー, ADR 025): read and marked 対応済 only by that prefecture's own officials. */
export function canResolveWorklist(viewer: Viewer, prefectureCode: string): boolean {
  return viewer.role === "prefecture" && viewer.prefectureCode === prefectureCode;
}

/**
 * A named list of bodies (ADR 025): its owner edits it; anyone may open it by its URL who may see every
 * one of its bodies (canSeeBody), so sharing a list never shows a body beyond the viewer's scope.
 */
export function canSeeBodyList(viewer: Viewer, members: readonly { code: string; prefectureCode: string }[]): boolean {
  return members.every((m) => canSeeBody(viewer, m));
}

export function canEditBodyList(actor: Actor, list: { ownerId: number }): boolean {
  return list.ownerId === actor.id;
}

/** A personal API token: its owner may revoke it, and MHLW may revoke anyone's (ADR 028). */
export function canRevokeApiToken(actor: Actor, token: { userId: number }): boolean {
  return actor.role === "mhlw" || actor.id === token.userId;
}

/** The list of every user's API tokens: MHLW only. */
export function canAdministerApiTokens(viewer: Viewer): boolean {
  return viewer.role === "mhlw";
}
