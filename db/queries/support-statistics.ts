import { sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { byMetric, monthlyMetrics, perPopulationMetrics, type MonthlyMetric, type PerPopulationMetric } from "~/domain/metric-catalogue";
import type { Totals } from "~/domain/statistics";
import { queryRows, type Database } from "../client";
import { memoByDataVersion } from "./data-version-memo";
import { fiscalYearBodyTotals, monthlyPrefectureTotals, monthlySupportStatistics, perCapitaColumn } from "../schema";
import { fiscalYearStartSql, logPopulationSql, nearestInPopulationOrder, peerGroupSize, peerKindSql, populationsOn, sqlIn } from "./fragments";
import { implementingBodiesOf, isImplementingBodyEver, isImplementingBodyOn } from "./implementing-bodies";
import { fiscalYearsIn } from "./meta";

// Monthly support statistics aggregated in SQL. Rules (docs/decisions/008-statistics-rules.md):
// only implementing bodies of the fiscal year count; a month a body did not submit is missing, not
// zero, so per-population figures divide by the population of the months actually submitted; each
// month uses the population in force on its first day.

export type MetricTotals = Totals & {
  /** body-months expected: implementing bodies × 12 */
  expectedMonths: number;
};

// The SQL below names the monthly rows `s` and a trigger-kept totals table `t`; the metric columns
// come from the metric catalogue through these aliases, and each is returned under its metric key.
const s = alias(monthlySupportStatistics, "s");
const fiscalYearTotals = alias(fiscalYearBodyTotals, "t");
const monthlyTotals = alias(monthlyPrefectureTotals, "t");

type MetricColumns = Record<MonthlyMetric, AnyPgColumn>;

const countSums = (t: MetricColumns) => sql.join(monthlyMetrics.map((m) => sql`coalesce(sum(${t[m]}), 0)::bigint as ${sql.identifier(m)}`), sql`,\n  `);

/** The per-10万人 numerators, under their column names (pcNewConsultations, …). */
const perCapitaSums = (sum: (m: PerPopulationMetric) => SQL) =>
  sql.join(perPopulationMetrics.map((m) => sql`${sum(m)} as ${sql.identifier(perCapitaColumn(m))}`), sql`,\n  `);

const totalsColumns = sql`
  ${countSums(s)},
  count(s.local_government_code)::int as submitted_months,
  coalesce(sum(pp.population) filter (where pp.population is not null), 0)::bigint as population_months,
  ${perCapitaSums((m) => sql`coalesce(sum(${s[m]}) filter (where pp.population is not null), 0)::bigint`)}`;

/** The counts of totalsColumns over a trigger-kept totals table `t` (zero where a left join found no row). */
const rollupCountColumns = (t: MetricColumns) => sql`
  ${countSums(t)},
  coalesce(sum(t.submitted_months), 0)::int as submitted_months`;

/** totalsColumns over fiscal_year_body_totals (one row per body and fiscal year, kept by triggers). */
const fiscalYearTotalsColumns = sql`${rollupCountColumns(fiscalYearTotals)},
  coalesce(sum(t.population_months), 0)::bigint as population_months,
  ${perCapitaSums((m) => sql`coalesce(sum(${fiscalYearTotals[perCapitaColumn(m)]}), 0)::bigint`)}`;

type TotalsRow = Record<MonthlyMetric | ReturnType<typeof perCapitaColumn>, string | number> & {
  submitted_months: number;
  population_months: string | number;
  bodies: number;
};

const perCapitaColumnOf = byMetric(perPopulationMetrics, perCapitaColumn);

/**
 * The figures of a totals row written onto `target`, in MetricTotals' order (one object per row, no
 * copies: loaders map ~200 rows per page); `expectedMonths` only for totals over a fiscal year's bodies.
 */
function fillTotals<T extends object>(target: T, r: TotalsRow, expectedMonths?: number): T & Omit<MetricTotals, "expectedMonths"> {
  const out = target as T & MetricTotals;
  for (const m of monthlyMetrics) out[m] = Number(r[m]);
  out.submittedMonths = r.submitted_months;
  if (expectedMonths !== undefined) out.expectedMonths = expectedMonths;
  out.populationMonths = Number(r.population_months);
  const perCapita = {} as MetricTotals["perCapita"];
  for (const m of perPopulationMetrics) perCapita[m] = Number(r[perCapitaColumnOf[m]]);
  out.perCapita = perCapita;
  return out;
}

function toTotals(r: TotalsRow): MetricTotals {
  return fillTotals({}, r, r.bodies * 12) as MetricTotals;
}

/** Population periods: each row of populations is in force from its date until the next one. */
const populationPeriods = sql`(
  select local_government_code, as_of as valid_from,
         coalesce(lead(as_of) over (partition by local_government_code order by as_of), 'infinity'::date) as valid_to,
         population
  from populations)`;

const noPopulation = sql`left join (select null::text as local_government_code, null::int as population) pp on false`;

/**
 * National and per-prefecture totals of a fiscal year (prefectureCode null: the nation), over every
 * implementing body of the year (those without figures count in `bodies`). Read from the
 * trigger-kept fiscal-year totals (ADR 011), not from the monthly rows; the same for every page until
 * the data changes, so kept per data version (ADR 038).
 */
export const totalsByPrefecture = memoByDataVersion(
  async (db: Database, fiscalYear: number): Promise<(MetricTotals & { prefectureCode: string | null; bodies: number })[]> => {
    const rows = await queryRows<TotalsRow & { prefecture_code: string | null }>(
      db,
      sql`select b.prefecture_code, count(*)::int as bodies, ${fiscalYearTotalsColumns}
          from ${implementingBodiesOf(fiscalYear)} b
          left join fiscal_year_body_totals t on t.local_government_code = b.code and t.fiscal_year = ${fiscalYear}
          group by grouping sets ((b.prefecture_code), ())
          order by b.prefecture_code nulls first`,
    );
    return rows.map((r) => ({ prefectureCode: r.prefecture_code, bodies: r.bodies, ...toTotals(r) }));
  },
);

/**
 * Totals of every implementing body of a prefecture (or of all bodies) for a fiscal year, read from the
 * trigger-kept fiscal-year totals (ADR 011) like fiscalYearTotalsByBody, not from the monthly rows.
 */
export async function totalsByBody(
  db: Database,
  fiscalYear: number,
  filter: { prefectureCode?: string; bodyCodes?: string[] } = {},
): Promise<(MetricTotals & { code: string; name: string; kind: string; prefectureCode: string; population: number | null })[]> {
  const where = filter.prefectureCode
    ? sql`b.prefecture_code = ${filter.prefectureCode}`
    : filter.bodyCodes
      ? sqlIn("b.code", filter.bodyCodes)
      : sql`true`;
  const rows = await queryRows<TotalsRow & { code: string; name: string; kind: string; prefecture_code: string; population: number | null }>(
    db,
    sql`select b.code, b.name, b.kind, b.prefecture_code, 1 as bodies, ${fiscalYearTotalsColumns},
               (select p.population from populations p where p.local_government_code = b.code and p.as_of <= ${fiscalYearStart(fiscalYear)}::date
                order by p.as_of desc limit 1) as population
        from ${implementingBodiesOf(fiscalYear)} b
        left join fiscal_year_body_totals t on t.local_government_code = b.code and t.fiscal_year = ${fiscalYear}
        where ${where}
        group by b.code, b.name, b.kind, b.prefecture_code
        order by case when b.kind = 'prefecture' then 0 else 1 end, b.code`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, prefectureCode: r.prefecture_code, population: r.population, ...toTotals(r) }));
}

export type MonthlyPoint = { year: number; month: number; fiscalYear: number } & Omit<MetricTotals, "expectedMonths">;

function toMonthlyPoint(r: TotalsRow & { year: number; month: number; fiscal_year: number }): MonthlyPoint {
  return fillTotals({ year: Number(r.year), month: Number(r.month), fiscalYear: Number(r.fiscal_year) }, r);
}

/**
 * Month-by-month totals since FY2015, for the nation, a prefecture or one body. Per-population
 * figures need the population join, which national trends do not: `withPopulation` turns it on.
 */
export async function monthlySeries(
  db: Database,
  scope: { prefectureCode?: string; bodyCode?: string } = {},
  options: { withPopulation?: boolean } = {},
): Promise<MonthlyPoint[]> {
  if (!scope.bodyCode && !options.withPopulation) return monthlySeriesOfPrefectureTotals(db, scope.prefectureCode ?? null);
  const where = scope.bodyCode
    ? sql`s.local_government_code = ${scope.bodyCode}`
    : scope.prefectureCode
      ? sql`lg.prefecture_code = ${scope.prefectureCode}`
      : sql`true`;
  const population = options.withPopulation
    ? sql`left join ${populationPeriods} pp on pp.local_government_code = s.local_government_code
          and make_date(s.year, s.month, 1) >= pp.valid_from and make_date(s.year, s.month, 1) < pp.valid_to`
    : noPopulation;
  const rows = await queryRows<TotalsRow & { year: number; month: number; fiscal_year: number }>(
    db,
    sql`select s.year, s.month, s.fiscal_year, 0 as bodies, ${totalsColumns}
        from monthly_support_statistics s
        join local_governments lg on lg.code = s.local_government_code and ${isImplementingBodyEver("lg")}
        ${population}
        where ${where}
        group by s.year, s.month, s.fiscal_year
        order by s.year, s.month`,
  );
  return rows.map(toMonthlyPoint);
}

/** The national (or one prefecture's) monthly series from the trigger-kept monthly prefecture totals (ADR 014). */
async function monthlySeriesOfPrefectureTotals(db: Database, prefectureCode: string | null): Promise<MonthlyPoint[]> {
  const rows = await queryRows<TotalsRow & { year: number; month: number; fiscal_year: number }>(
    db,
    sql`select t.year, t.month, t.fiscal_year, 0 as bodies, ${rollupCountColumns(monthlyTotals)},
               0 as population_months, ${perCapitaSums(() => sql`0`)}
        from monthly_prefecture_totals t
        where ${prefectureCode === null ? sql`true` : sql`t.prefecture_code = ${prefectureCode}`}
        group by t.year, t.month, t.fiscal_year
        order by t.year, t.month`,
  );
  return rows.map(toMonthlyPoint);
}

/** Fiscal years with monthly statistics, newest first. */
export async function statisticsFiscalYears(db: Database): Promise<number[]> {
  return fiscalYearsIn(db, "monthly_support_statistics");
}

/**
 * Per fiscal year: totals of every prefecture's implementing bodies (scope: its code) and of the nation
 * (scope 'nation'), each year counting the bodies that exist on its 1 April; the prefectures in code
 * order before the nation. Kept per data version (ADR 038): every prefecture page draws from it.
 */
const totalsByFiscalYearOfEveryPrefecture = memoByDataVersion(async (db: Database) => {
  const rows = await queryRows<TotalsRow & { fiscal_year: number; scope: string }>(
    db,
    sql`select t.fiscal_year, coalesce(lg.prefecture_code, 'nation') as scope, count(*)::int as bodies, ${fiscalYearTotalsColumns}
        from fiscal_year_body_totals t
        join local_governments lg on lg.code = t.local_government_code and ${isImplementingBodyOn("lg", fiscalYearStartSql("t.fiscal_year"))}
        group by grouping sets ((t.fiscal_year, lg.prefecture_code), (t.fiscal_year))
        order by t.fiscal_year, lg.prefecture_code is null, lg.prefecture_code`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), scope: r.scope, ...toTotals(r) }));
}, { frozen: true });

/**
 * Per fiscal year: totals of one prefecture's implementing bodies and of the nation (prefectureCode
 * null: the nation only), the prefecture's row before the nation's, for the "prefecture against the nation" chart.
 */
export async function totalsByFiscalYear(db: Database, prefectureCode: string | null) {
  // the kept rows are shared; the caller's copy is of its two scopes only (a copy of all 48 cost 1.2 ms)
  return structuredClone((await totalsByFiscalYearOfEveryPrefecture(db)).filter((r) => r.scope === "nation" || r.scope === prefectureCode));
}

/**
 * Every implementing body's totals of a fiscal year from the trigger-kept fiscal_year_body_totals (the
 * national funnel plot, ADR 024): totalsByBody without the population, in code order.
 */
export async function fiscalYearTotalsByBody(db: Database, fiscalYear: number) {
  const rows = await queryRows<TotalsRow & { code: string; name: string; kind: string; prefecture_code: string }>(
    db,
    sql`select b.code, b.name, b.kind, b.prefecture_code, 1 as bodies, ${fiscalYearTotalsColumns}
        from ${implementingBodiesOf(fiscalYear)} b
        left join fiscal_year_body_totals t on t.local_government_code = b.code and t.fiscal_year = ${fiscalYear}
        group by b.code, b.name, b.kind, b.prefecture_code
        order by b.code`,
  );
  return rows.map((r) => ({ code: r.code, name: r.name, kind: r.kind, prefectureCode: r.prefecture_code, ...toTotals(r) }));
}

/**
 * For each implementing body of a prefecture: its fiscal-year totals and the pooled totals of its peer
 * group (the bodies of the same kind nationally nearest in population, ADR 024), in one query, for
 * the prefecture's worklist.
 */
export async function bodyAndPeerTotalsOf(db: Database, prefectureCode: string, fiscalYear: number) {
  const bodies = sql`(select b.code, b.name, ${peerKindSql("b.kind")} as peer_kind, b.prefecture_code, ${logPopulationSql(sql`pop.population`)} as log_population
    from ${implementingBodiesOf(fiscalYear)} b join ${populationsOn(fiscalYearStart(fiscalYear))} pop on pop.local_government_code = b.code
    where pop.population > 0)`;
  const rows = await queryRows<TotalsRow & { code: string; name: string; grp: "own" | "peers" }>(
    db,
    sql`with bodies as ${bodies}
        select m.code, m.name, 'own' as grp, 1 as bodies, ${fiscalYearTotalsColumns}
        from bodies m left join fiscal_year_body_totals t on t.local_government_code = m.code and t.fiscal_year = ${fiscalYear}
        where m.prefecture_code = ${prefectureCode}
        group by m.code, m.name
        union all
        select m.code, m.name, 'peers', count(*)::int, ${fiscalYearTotalsColumns}
        from bodies m
        cross join lateral (
          select p.code from bodies p
          where p.code <> m.code and p.peer_kind = m.peer_kind
          order by ${nearestInPopulationOrder(sql`p.log_population`, sql`m.log_population`, sql`p.code`)}
          limit ${peerGroupSize}) peer
        left join fiscal_year_body_totals t on t.local_government_code = peer.code and t.fiscal_year = ${fiscalYear}
        where m.prefecture_code = ${prefectureCode}
        group by m.code, m.name`,
  );
  const byCode = new Map<string, { code: string; name: string; own: MetricTotals | null; peers: MetricTotals | null }>();
  for (const r of rows) {
    const entry = byCode.get(r.code) ?? { code: r.code, name: r.name, own: null, peers: null };
    entry[r.grp] = toTotals(r);
    byCode.set(r.code, entry);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** One body's totals per fiscal year (the trend of its figures, ADR 024). */
export async function totalsByFiscalYearOfBody(db: Database, code: string) {
  const rows = await queryRows<TotalsRow & { fiscal_year: number }>(
    db,
    sql`select t.fiscal_year, 1 as bodies, ${fiscalYearTotalsColumns}
        from fiscal_year_body_totals t
        where t.local_government_code = ${code}
        group by t.fiscal_year
        order by t.fiscal_year`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), ...toTotals(r) }));
}

/** Per fiscal year and prefecture or regional block: totals over the bodies that exist on each 1 April. */
export async function totalsByFiscalYearAndArea(db: Database, level: "prefecture" | "block") {
  const area = level === "prefecture" ? sql`lg.prefecture_code` : sql`pr.regional_block`;
  const rows = await queryRows<TotalsRow & { fiscal_year: number; area: string }>(
    db,
    sql`select t.fiscal_year, ${area} as area, count(*)::int as bodies, ${fiscalYearTotalsColumns}
        from fiscal_year_body_totals t
        join local_governments lg on lg.code = t.local_government_code and ${isImplementingBodyOn("lg", fiscalYearStartSql("t.fiscal_year"))}
        join prefectures pr on pr.code = lg.prefecture_code
        group by t.fiscal_year, ${area}
        order by t.fiscal_year, ${area}`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), area: r.area, ...toTotals(r) }));
}

/**
 * A set of bodies (a user's named list) as one aggregate per fiscal year: Σcounts ÷ Σpopulation-months
 * over the listed bodies that are implementing bodies on each 1 April, from the fiscal-year totals.
 */
export async function totalsOfBodiesByFiscalYear(db: Database, codes: readonly string[]) {
  if (codes.length === 0) return [];
  const rows = await queryRows<TotalsRow & { fiscal_year: number }>(
    db,
    sql`select t.fiscal_year, count(*)::int as bodies, ${fiscalYearTotalsColumns}
        from fiscal_year_body_totals t
        join local_governments lg on lg.code = t.local_government_code and ${isImplementingBodyOn("lg", fiscalYearStartSql("t.fiscal_year"))}
        where ${sqlIn("t.local_government_code", codes)}
        group by t.fiscal_year
        order by t.fiscal_year`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), ...toTotals(r) }));
}
