// The guards of the pages of a prefecture, a body and the administrators: loaders and actions call these,
// which read the URL, answer 404 for what does not exist and 403 for what the user may not see or do
// (the rules themselves are in access.ts).
import { z } from "zod";
import { findPrefectureByCode } from "../../domain/prefectures";
import { canAdministerApiTokens, canRecordPrefectureWork, canRemindBodies, canSetReportingSchedule, canSeeBody, canSeeNationalBodies, canSeePrefectureDetail, canSeePrefectureWork } from "./access";
import { requireUser, type SessionUser } from "./session.server";
import { canAdministerUsers } from "./user-admin";
import { getDb } from "../../../db";
import { getBody } from "../../../db/queries/bodies";
import type { PrefectureActor } from "../../../db/queries/prefecture-scope";

const prefectureParams = z.object({ code: z.string().regex(/^\d{2}$/) });

function prefectureFrom(params: Record<string, string | undefined>) {
  const p = prefectureParams.safeParse(params);
  const prefecture = p.success ? findPrefectureByCode(p.data.code) : undefined;
  if (!prefecture) throw new Response("都道府県が見つかりません", { status: 404 });
  return { code: prefecture.code, name: prefecture.name, regionalBlock: prefecture.regionalBlock };
}

/** Loaders of a prefecture's pages that every user may open: the prefecture in the URL and what the user may do there. */
export async function requirePrefecturePage(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const prefecture = prefectureFrom(params);
  return {
    user,
    prefecture,
    canRecord: canRecordPrefectureWork(user, prefecture.code),
    canSeeDetail: canSeePrefectureDetail(user, prefecture.code),
  };
}

/** Loaders of a prefecture's body-by-body pages (MHLW and its own officials): as requirePrefecturePage, else 403 with the refusal. */
export async function requirePrefectureDetailPage(request: Request, params: Record<string, string | undefined>, refusal: string) {
  const page = await requirePrefecturePage(request, params);
  if (!page.canSeeDetail) throw new Response(refusal, { status: 403 });
  return page;
}

/** Loaders of a prefecture's work pages: as requirePrefecturePage, if the user may read the prefecture's work records. */
export async function requirePrefectureWorkReader(request: Request, params: Record<string, string | undefined>) {
  const page = await requirePrefecturePage(request, params);
  if (!canSeePrefectureWork(page.user, page.prefecture.code)) throw new Response("この都道府県の記録を見る権限がありません", { status: 403 });
  return page;
}

/** Actions of a prefecture's work pages: only that prefecture's own officials; everyone else gets 403, forged or not. */
export async function requirePrefectureWorkRecorder(
  request: Request,
  params: Record<string, string | undefined>,
  context: { clientAddress?: string | null },
): Promise<{ user: SessionUser; prefecture: ReturnType<typeof prefectureFrom>; actor: PrefectureActor }> {
  const user = await requireUser(request);
  const prefecture = prefectureFrom(params);
  if (!canRecordPrefectureWork(user, prefecture.code)) throw new Response("この都道府県の記録を変更する権限がありません", { status: 403 });
  return { user, prefecture, actor: { userId: user.id, prefectureCode: prefecture.code, clientAddress: context.clientAddress ?? null } };
}

/** The reminder action of a prefecture's submissions page: only that prefecture's own officials; everyone else gets 403. */
export async function requirePrefectureReminderSender(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const prefecture = prefectureFrom(params);
  if (!canRemindBodies(user, prefecture.code)) throw new Response("この都道府県の実施主体に督促を送る権限がありません", { status: 403 });
  return { user, prefecture };
}

/** The reporting schedule form: MHLW only; everyone else gets 403. */
export async function requireReportingScheduleSetter(request: Request) {
  const user = await requireUser(request);
  if (!canSetReportingSchedule(user)) throw new Response("提出期限を設定する権限がありません（厚生労働省の担当者のみ）", { status: 403 });
  return { user };
}

const bodyParams = z.object({ code: z.string().regex(/^\d{6}$/) });

/** Loaders of a body's own page: the body in the URL (not a ward), if the user may see it. */
export async function requireBodyPage(request: Request, params: Record<string, string | undefined>) {
  const user = await requireUser(request);
  const p = bodyParams.safeParse(params);
  const body = p.success ? await getBody(await getDb(), p.data.code) : null;
  if (!body || body.kind === "ward") throw new Response("自治体が見つかりません", { status: 404 });
  if (!canSeeBody(user, { code: body.code, prefectureCode: body.prefectureCode })) {
    throw new Response("この自治体のページを見る権限がありません", { status: 403 });
  }
  return { user, body };
}

/**
 * The user and audit pages: MHLW and prefecture officials, else 403 with the refusal. The scope is what
 * they administer: everything for MHLW (prefectureCode null), else their prefecture.
 */
export async function requireAdministratorPage(request: Request, refusal: string) {
  const user = await requireUser(request);
  if (!canAdministerUsers(user)) throw new Response(refusal, { status: 403 });
  return { user, scope: { prefectureCode: user.role === "mhlw" ? null : user.prefectureCode } };
}

/** Pages of every implementing body of the nation (the national funnel plot): MHLW, else 403. */
export async function requireNationalBodiesPage(request: Request) {
  const user = await requireUser(request);
  if (!canSeeNationalBodies(user)) throw new Response("全国の実施主体別の値は厚生労働省だけが見られます。都道府県のページで管内の実施主体を見られます", { status: 403 });
  return user;
}

/** The list of every user's API tokens: MHLW only; everyone else gets 403. */
export async function requireApiTokenAdministrator(request: Request) {
  const user = await requireUser(request);
  if (!canAdministerApiTokens(user)) throw new Response("APIトークンの一覧は厚生労働省の担当者のみが見られます", { status: 403 });
  return { user };
}
