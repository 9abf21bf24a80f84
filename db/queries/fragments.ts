import { sql, type SQL } from "drizzle-orm";
import { fiscalYearEnd, fiscalYearStart } from "~/domain/fiscal-year";

// SQL fragments shared by the query modules, so each rule is spelled once. Which bodies count in a
// fiscal year (ADR 003) lives beside them in implementing-bodies.ts.

/** A column reference written in the query (`"b.code"`), or any SQL expression. */
export type SqlColumn = string | SQL;

/** A date: an ISO date string (bound as a parameter) or a SQL expression of type date. */
export type SqlDate = string | SQL;

function column(c: SqlColumn): SQL {
  return typeof c === "string" ? sql.raw(c) : c;
}

function date(d: SqlDate): SQL {
  return typeof d === "string" ? sql`${d}::date` : d;
}

/** `column in (…)` over bound values; an empty list matches nothing. */
export function sqlIn(c: SqlColumn, values: readonly (string | number)[]): SQL {
  if (values.length === 0) return sql`false`;
  return sql`${column(c)} in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** A text[] of bound values, to unnest a fixed list (programs, items) into rows. */
export function sqlTextArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** The fiscal year (April–March) in which a date falls, as an int: fiscalYearOfDate in SQL. */
export function fiscalYearOfDateSql(d: SqlColumn): SQL {
  return sql`(extract(year from ${column(d)} - interval '3 months'))::int`;
}

/** 1 April of a fiscal year given as a SQL expression (a fiscal_year column): fiscalYearStart in SQL. */
export function fiscalYearStartSql(fiscalYear: SqlColumn): SQL {
  return sql`make_date(${column(fiscalYear)}, 4, 1)`;
}

/** A date column within a fiscal year, 1 April to 31 March inclusive. */
export function withinFiscalYear(d: SqlColumn, fiscalYear: number): SQL {
  return sql`${column(d)} between ${fiscalYearStart(fiscalYear)}::date and ${fiscalYearEnd(fiscalYear)}::date`;
}

/**
 * A local_governments row (by its alias) exists on a date: merger history closes old codes with
 * valid_to and opens new ones with valid_from.
 */
export function existsOn(alias: string, on: SqlDate): SQL {
  const lg = sql.identifier(alias);
  return sql`${lg}.valid_from <= ${date(on)} and (${lg}.valid_to is null or ${lg}.valid_to > ${date(on)})`;
}

/**
 * The kind a body is compared within for its peer group (ADR 024): towns and villages together (町村),
 * every other kind (政令指定都市, 中核市, 市, 特別区, 都道府県郡部) on its own.
 */
export function peerKindSql(kind: SqlColumn): SQL {
  const k = typeof kind === "string" ? sql.raw(kind) : kind;
  return sql`(case when ${k} in ('town', 'village') then 'town_village' else ${k} end)`;
}

/**
 * A population on the log scale of the peer rule: computed once per body, not once per pair compared.
 * In double precision, as nearestInPopulation (ADR 018) computes it in memory; ln of a numeric costs
 * about 10 µs, which made the peer queries of a body's page 10–20 ms each.
 */
export function logPopulationSql(population: SQL): SQL {
  return sql`ln(${population}::double precision)`;
}

/** The order of the peer rule (ADR 018, 024): nearest in population on a log scale (logPopulationSql), ties by code. */
export function nearestInPopulationOrder(peerLogPopulation: SQL, ownLogPopulation: SQL, peerCode: SQL): SQL {
  return sql`abs(${peerLogPopulation} - ${ownLogPopulation}), ${peerCode}`;
}

/** How many bodies a peer group holds (ADR 024). */
export const peerGroupSize = 5;

/** Each body's population in force on a date (its latest figure on or before it): a subquery with columns local_government_code, population. */
export function populationsOn(on: SqlDate): SQL {
  // both keys descending: PostgreSQL reads the primary key backwards instead of sorting every row (1.7 against 11 ms nationally)
  return sql`(
    select distinct on (local_government_code) local_government_code, population
    from populations where as_of <= ${date(on)}
    order by local_government_code desc, as_of desc)`;
}

/** The Japan date of a timestamptz column (null stays null). */
export function japanDateSql(t: SqlColumn): SQL {
  return sql`(${column(t)} at time zone 'Asia/Tokyo')::date`;
}

/** Day D of the month after (year, month): monthlyDeadline of app/domain/reporting.ts in SQL. */
export function monthlyDeadlineSql(year: SqlColumn, month: SqlColumn, dueDay: number): SQL {
  return sql`((make_date(${column(year)}, ${column(month)}, 1) + interval '1 month')::date + ${dueDay - 1}::int)`;
}
