import { asc, inArray, sql } from "drizzle-orm";
import { byMetric, monthlyMetricCatalogue, monthlyMetrics, type MonthlyCounts } from "~/domain/metric-catalogue";
import { queryRows, type Database } from "../client";
import { monthlySupportStatistics as s } from "../schema";
import { fiscalYearStartSql, sqlTextArray } from "./fragments";
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
 * For each month asked, the implementing bodies (prefectures' 郡部 left out, as the municipality page's
 * 類似団体) that submitted it, with their figures and their population on the month's first day, and
 * the population of the bodies asked for (`bodyCodes`, figures null unless they submitted): the peers
 * of the outlier check (ADR 018), one query per batch, never per row. Keyed by monthKey.
 */
export async function peerMonthsOf(db: Database, months: readonly { year: number; month: number }[], bodyCodes: readonly string[]): Promise<Map<string, PeerMonth[]>> {
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
        candidates as (
          select s.local_government_code as code, w.year, w.month from monthly_support_statistics s join wanted w on s.year = w.year and s.month = w.month
          union
          select c.code, w.year, w.month from wanted w cross join unnest(${sqlTextArray(bodyCodes)}) as c(code)
        )
        select c.code, c.year, c.month, pop.population, m.local_government_code is not null as submitted, ${metrics}
        from candidates c
        join local_governments lg on lg.code = c.code and lg.kind <> 'prefecture'
          and ${isImplementingBodyOn("lg", fiscalYearStartSql(sql`case when c.month >= 4 then c.year else c.year - 1 end`))}
        join lateral (select p.population from populations p where p.local_government_code = c.code and p.as_of <= make_date(c.year, c.month, 1) order by p.as_of desc limit 1) pop on true
        left join monthly_support_statistics m on m.local_government_code = c.code and m.year = c.year and m.month = c.month
        order by c.year, c.month, c.code`,
  );
  for (const { code, year, month, population, submitted, ...counts } of rows) {
    result.get(monthKey({ year, month }))?.push({ code, population, counts: submitted ? byMetric(monthlyMetrics, (m) => Number(counts[m])) : null });
  }
  return result;
}
