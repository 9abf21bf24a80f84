import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "../../db";
import { getReview, listReviewEvents, monthFigures } from "../../db/queries/approval";
import { getUpload, listIssues } from "../../db/queries/uploads";
import { monthlyMetricCatalogue } from "~/domain/metric-catalogue";
import { reviewDecisionSchema, reviewDoneMessages } from "~/domain/forms/review-schema";
import { parseReviewMonth } from "~/domain/review-states";
import { type YearMonth } from "~/domain/reporting";
import { canReviewBody } from "~/server/auth/access";
import { decideReview, ReviewForbiddenError, ReviewStateError, type ReviewActor } from "~/server/approval/review.server";

export const reviewPageQuery = z.object({ done: z.enum(["confirm", "return", "reopen"]).optional().catch(undefined) });

/** The month in the URL (YYYY-MM), or 404. */
export function monthFromParams(params: Record<string, string | undefined>): YearMonth {
  const month = parseReviewMonth(params.month ?? "");
  if (!month) throw new Response("年月はURLで 2026-10 の形で指定してください", { status: 404 });
  return month;
}

type Body = { code: string; name: string; prefectureCode: string };

/** The review page of a body's month: its figures against the same month a year before, the upload that wrote them with its flags and explanation, the state and its history. */
export async function loadReviewPage(db: Database, viewer: Omit<ReviewActor, "id">, body: Body, month: YearMonth, query: z.infer<typeof reviewPageQuery>) {
  const key = { localGovernmentCode: body.code, ...month };
  const [figures, lastYear, review, events] = await Promise.all([
    monthFigures(db, key),
    monthFigures(db, { ...key, year: month.year - 1 }),
    getReview(db, key),
    listReviewEvents(db, key),
  ]);
  const upload = figures?.uploadId ? await getUpload(db, figures.uploadId) : null;
  const warnings = upload ? await listIssues(db, upload.id, "warning", 200) : [];
  return {
    month,
    figures: monthlyMetricCatalogue.map((m) => {
      const value = figures?.[m.key] ?? null;
      const before = lastYear?.[m.key] ?? null;
      return { key: m.key, label: m.label, value, lastYear: before, change: value === null || before === null ? null : value - before };
    }),
    submitted: figures !== null,
    review: review ? { state: review.state, version: review.version, comment: review.comment, updatedAt: review.updatedAt, updatedByName: review.updatedByName } : null,
    events,
    upload: upload ? { id: upload.id, fileName: upload.fileName, committedAt: upload.committedAt, userName: upload.userName, explanation: upload.explanation } : null,
    // an upload may hold many bodies: its warnings about this body name it (the upload page lists them all)
    warnings: warnings.filter((w) => `${w.value} ${w.reason}`.includes(body.name) || `${w.value} ${w.reason}`.includes(body.code)),
    otherWarnings: warnings.length,
    canReview: canReviewBody(viewer, body),
    doneMessage: query.done ? reviewDoneMessages[query.done] : undefined,
  };
}

/** A decision from the review page; errors go back to the page as its message (400/403/409), never a 500. */
export async function reviewAction(db: Database, actor: ReviewActor, body: Body, month: YearMonth, request: Request) {
  const parsed = reviewDecisionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ formError: parsed.error.issues[0]?.message ?? "入力が正しくありません" }, { status: 400 });
  try {
    await decideReview(db, actor, { localGovernmentCode: body.code, ...month, decision: parsed.data.intent, expectedVersion: parsed.data.version, comment: parsed.data.comment ?? null });
  } catch (error) {
    if (error instanceof ReviewForbiddenError) return data({ formError: error.message }, { status: 403 });
    if (error instanceof ReviewStateError) return data({ formError: error.message }, { status: 409 });
    throw error;
  }
  const back = new URL(request.url);
  back.search = "";
  back.searchParams.set("done", parsed.data.intent);
  return redirect(`${back.pathname}${back.search}`);
}
