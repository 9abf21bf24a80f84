import { redirect } from "@remix-run/node";
import { z } from "zod";
import type { Database } from "../../db";
import { datasetUpdatedAt, latestDataDate, recordsUpdatedAt } from "../../db/queries/meta";
import type { PrefectureActor } from "../../db/queries/prefecture-scope";
import { prefectureSupportFiscalYears, prefectureSupportHistory, prefectureSupportShares } from "../../db/queries/prefecture-support";
import { savePrefectureSupport } from "~/server/records/prefecture-work.server";
import { redirectBack, savedFlag } from "~/domain/forms/form-fields";
import { prefectureSupportSchema } from "~/domain/forms/prefecture-support-schema";
import { invalidForm } from "~/server/pages/crud-action.server";
import { chooseFiscalYear, periodOf } from "~/server/pages/fiscal-year-policy";
import { fiscalYearParam } from "~/server/pages/query-params";

export const prefectureSupportQuery = z.object({ fy: fiscalYearParam, saved: savedFlag });

export async function loadPrefectureSupport(db: Database, prefectureCode: string, query: z.infer<typeof prefectureSupportQuery>, today: string) {
  const [history, allYears] = await Promise.all([prefectureSupportHistory(db, prefectureCode), prefectureSupportFiscalYears(db)]);
  // the years with this prefecture's answers, and those the nation answered (to answer them too)
  const choice = chooseFiscalYear({ kind: "records", yearsWithData: [...new Set(history.map((h) => h.fiscalYear))], alsoOffered: allYears }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const [shares, uploadedAt, answeredAt] = await Promise.all([
    prefectureSupportShares(db, [fiscalYear]),
    datasetUpdatedAt(db, "prefecture_support"),
    recordsUpdatedAt(db, "prefecture_support_activities", prefectureCode),
  ]);
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    history,
    nationalShares: shares,
    dataDate: latestDataDate(uploadedAt, answeredAt),
    savedMessage: query.saved ? "回答を保存しました" : undefined,
  };
}

/** Saves the prefecture's answers for a fiscal year and goes back to that year. */
export async function prefectureSupportAction(db: Database, actor: PrefectureActor, request: Request) {
  const parsed = prefectureSupportSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return invalidForm(parsed.error);
  await savePrefectureSupport(db, actor, parsed.data);
  const back = new URL(request.url);
  back.searchParams.set("fy", String(parsed.data.fiscalYear));
  return redirect(redirectBack(back.toString(), "updated"));
}
