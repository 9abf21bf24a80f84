import { sql } from "drizzle-orm";
import { prefectureSupportItems, type PrefectureSupportItem } from "~/domain/vocabulary";
import type { PrefectureSupportInput } from "~/domain/forms/prefecture-support-schema";
import { queryRows, type Database } from "../client";
import { prefectureSupportActivities } from "../schema";
import { sqlIn, sqlTextArray } from "./fragments";

/** Fiscal years with answers from any prefecture, newest first. */
export async function prefectureSupportFiscalYears(db: Database): Promise<number[]> {
  const rows = await queryRows<{ fiscal_year: number }>(db, sql`select distinct fiscal_year from prefecture_support_activities order by 1 desc`);
  return rows.map((r) => Number(r.fiscal_year));
}

/** One prefecture's answers over every fiscal year. */
export async function prefectureSupportHistory(db: Database, prefectureCode: string) {
  const rows = await queryRows<{ fiscal_year: number; item: PrefectureSupportItem; implemented: boolean }>(
    db,
    sql`select fiscal_year, item, implemented from prefecture_support_activities where prefecture_code = ${prefectureCode} order by fiscal_year, item`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), item: r.item, implemented: r.implemented }));
}

/**
 * Per fiscal year and item: how many prefectures answered that year (the denominator, as in the survey)
 * and how many do the item. An item a responding prefecture left out counts as not done.
 */
export async function prefectureSupportShares(db: Database, fiscalYears: number[]) {
  if (fiscalYears.length === 0) return [];
  const rows = await queryRows<{ fiscal_year: number; item: PrefectureSupportItem; respondents: number; implementing: number }>(
    db,
    sql`with respondents as (
          select distinct fiscal_year, prefecture_code from prefecture_support_activities
          where ${sqlIn("fiscal_year", fiscalYears)})
        select r.fiscal_year, i.item, count(*)::int as respondents, count(*) filter (where a.implemented)::int as implementing
        from respondents r
        cross join unnest(${sqlTextArray(prefectureSupportItems)}) as i(item)
        left join prefecture_support_activities a
          on a.prefecture_code = r.prefecture_code and a.fiscal_year = r.fiscal_year and a.item = i.item
        group by r.fiscal_year, i.item
        order by r.fiscal_year, i.item`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), item: r.item, respondents: r.respondents, implementing: r.implementing }));
}

/**
 * Answers every item of one fiscal year for the prefecture (an edit detaches the rows from any upload),
 * inside the caller's transaction; returns the previous answers.
 */
export async function writePrefectureSupport(tx: Database, prefectureCode: string, input: PrefectureSupportInput): Promise<Record<string, boolean>> {
  const previous = await queryRows<{ item: string; implemented: boolean }>(
    tx,
    sql`select item, implemented from prefecture_support_activities where prefecture_code = ${prefectureCode} and fiscal_year = ${input.fiscalYear}`,
  );
  await tx
    .insert(prefectureSupportActivities)
    .values(prefectureSupportItems.map((item) => ({ prefectureCode, fiscalYear: input.fiscalYear, item, implemented: input.items[item] })))
    .onConflictDoUpdate({
      target: [prefectureSupportActivities.prefectureCode, prefectureSupportActivities.fiscalYear, prefectureSupportActivities.item],
      set: { implemented: sql`excluded.implemented`, uploadId: null, updatedAt: sql`now()` },
    });
  return Object.fromEntries(previous.map((p) => [p.item, p.implemented]));
}
