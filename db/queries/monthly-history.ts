import { asc, inArray, sql } from "drizzle-orm";
import { byMetric, monthlyMetricCatalogue, monthlyMetrics, type MonthlyCounts } from "~/domain/metric-catalogue";
import { queryRows, type Database } from "../client";
import { monthlySupportStatistics as s } from "../schema";
import { fiscalYearStartSql } from "./fragments";
import { isImplementingBodyOn } from "./implementing-bodies";

export type SubmittedMonth = { year: number; month: number; counts: MonthlyCounts };

/**
 * Every submitted month of the given bodies, oldest first: the history the outlier checks judge an
 * upload's values against (ADR 018), read once per batch of bodies, never per row.
 */
export async function monthlyHistoryOf(db: Database, bodyCodes: readonly string[]): Promise<Map<string, SubmittedMonth[]>> {
  const history = new Map<string, SubmittedMonth[]>(bodyCodes.map((code) => [code, []]));
  if (bodyCodes.length === 0) return history;
  const rows = await db
    .select({ code: s.localGovernmentCode, year: s.year, month: s.month, ...byMetric(monthlyMetrics, (m) => s[m]) })
    .from(s)
    .where(inArray(s.localGovernmentCode, [...bodyCodes]))
    .orderBy(asc(s.localGovernmentCode), asc(s.year), asc(s.month));
  for (const { code, year, month, ...counts } of rows) history.get(code)!.push({ year, month, counts });
  return history;
}

/** A body's population on a month's first day and its stored figures of that month (null: not submitted). */
export type PeerMonth = { code: string; population: number; counts: MonthlyCounts | null };

export const monthKey = (m: { year: number; month: number }) => `${m.year}-${m.month}`;

/**
 * For each month asked, every implementing body (prefectures' 郡部 left out, as the municipality page's
 * 類似団体) with its population on the month's first day and its figures of the month (null when not
 * submitted): the peers of the outlier check (ADR 018), one query per batch of months, never per row.
 * Keyed by monthKey. About 850 rows a month.
 */
export async function peerMonthsOf(db: Database, months: readonly { year: number; month: number }[]): Promise<Map<string, PeerMonth[]>> {
  const result = new Map<string, PeerMonth[]>(months.map((m) => [monthKey(m), []]));
  if (months.length === 0) return result;
  const wanted = sql.join(
    months.map((m) => sql`(${m.year}::int, ${m.month}::int)`),
    sql`, `,
  );
  const metrics = sql.raw(monthlyMetricCatalogue.map((m) => `m.${m.column} as "${m.key}"`).join(", "));
  const rows = await queryRows<{ code: string; year: number; month: number; population: number; submitted: boolean } & MonthlyCounts>(
    db,
    sql`with wanted(year, month) as (values ${wanted}),
        dated as (select year, month, make_date(year, month, 1) as first_day, case when month >= 4 then year else year - 1 end as fiscal_year from wanted)
        select lg.code, w.year, w.month, pop.population, m.local_government_code is not null as submitted, ${metrics}
        from dated w
        join local_governments lg on ${isImplementingBodyOn("lg", fiscalYearStartSql("w.fiscal_year"))} and lg.kind <> 'prefecture'
        join lateral (select p.population from populations p where p.local_government_code = lg.code and p.as_of <= w.first_day order by p.as_of desc limit 1) pop on true
        left join monthly_support_statistics m on m.local_government_code = lg.code and m.year = w.year and m.month = w.month
        order by w.year, w.month, lg.code`,
  );
  for (const { code, year, month, population, submitted, ...counts } of rows) {
    result.get(monthKey({ year, month }))?.push({ code, population, counts: submitted ? byMetric(monthlyMetrics, (m) => Number(counts[m])) : null });
  }
  return result;
}
