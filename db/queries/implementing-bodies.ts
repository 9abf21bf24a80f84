import { sql, type SQL } from "drizzle-orm";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { queryRows, type Database } from "../client";
import { existsOn, type SqlDate } from "./fragments";

/**
 * A local_governments row (by its alias) is of a kind that implements the program: it has a welfare
 * office and is not a ward of a designated city. No date condition: for rows that carry their own
 * date (monthly figures), rows already limited to a date, and writes to a merged body's records.
 */
export function isImplementingBodyEver(alias: string): SQL {
  const lg = sql.identifier(alias);
  return sql`${lg}.has_welfare_office and ${lg}.kind <> 'ward'`;
}

/** A local_governments row (by its alias) is an implementing body on a date (ADR 003: 1 April of the fiscal year). */
export function isImplementingBodyOn(alias: string, on: SqlDate): SQL {
  return sql`${isImplementingBodyEver(alias)} and ${existsOn(alias, on)}`;
}

/**
 * The implementing bodies (福祉事務所設置自治体, prefectures included) of a fiscal year, as a SQL
 * subquery with columns code, prefecture_code, kind, name.
 *
 * A body counts in a fiscal year if it exists on 1 April of that year, the reference date of
 * MHLW's surveys: a merger during the year therefore counts each real body once (the old ones
 * that year, the successor from the next). Wards of designated cities are never implementing bodies.
 */
export function implementingBodiesOf(fiscalYear: number): SQL {
  return sql`(
    select lg.code, lg.prefecture_code, lg.kind, lg.name
    from local_governments lg
    where ${isImplementingBodyOn("lg", fiscalYearStart(fiscalYear))}
  )`;
}

/** The implementing bodies of a prefecture in a fiscal year, the prefecture itself (its 郡部) first: the choices of the record forms. */
export async function listImplementingBodies(db: Database, fiscalYear: number, prefectureCode: string) {
  return queryRows<{ code: string; name: string; kind: string }>(
    db,
    sql`select code, name, kind from ${implementingBodiesOf(fiscalYear)} b where b.prefecture_code = ${prefectureCode}
        order by case when kind = 'prefecture' then 0 else 1 end, code`,
  );
}
