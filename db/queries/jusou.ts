import { sql } from "drizzle-orm";
import type { JusouStatusCounts } from "~/domain/figures";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { queryRows, type Database } from "../client";
import { existsOn, fiscalYearStartSql, sqlIn } from "./fragments";

/** 重層 statuses counted per fiscal year over the municipalities that exist on 1 April of that year. */
export async function jusouCountsByFiscalYear(db: Database, prefectureCode?: string) {
  const rows = await queryRows<{ fiscal_year: number; status: string; n: number }>(
    db,
    sql`select j.fiscal_year, j.status, count(*)::int as n
        from jusou_statuses j
        join local_governments lg on lg.code = j.local_government_code and ${existsOn("lg", fiscalYearStartSql("j.fiscal_year"))}
        where ${prefectureCode ? sql`lg.prefecture_code = ${prefectureCode}` : sql`true`}
        group by j.fiscal_year, j.status
        order by j.fiscal_year, j.status`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), status: r.status, count: r.n }));
}

export async function jusouStatusOf(db: Database, fiscalYear: number, codes: string[]) {
  if (codes.length === 0) return {};
  const rows = await queryRows<{ code: string; status: string }>(
    db,
    sql`select local_government_code as code, status from jusou_statuses
        where fiscal_year = ${fiscalYear} and ${sqlIn("local_government_code", codes)}`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.status]));
}

export async function jusouHistory(db: Database, code: string) {
  const rows = await queryRows<{ fiscal_year: number; status: string }>(
    db,
    sql`select fiscal_year, status from jusou_statuses where local_government_code = ${code} order by fiscal_year`,
  );
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), status: r.status }));
}

/** The municipalities (cities, wards of Tokyo, towns and villages; not prefectures, 行政区 or the unadministered villages) existing on 1 April of a fiscal year. */
export function municipalitiesOf(fiscalYear: number) {
  return sql`(
    select lg.code, lg.prefecture_code, lg.name, lg.kind from local_governments lg
    where lg.kind not in ('prefecture', 'ward') and lg.administered
      and ${existsOn("lg", fiscalYearStart(fiscalYear))})`;
}

/** Fiscal years with 重層 statuses, newest first. */
export async function jusouFiscalYears(db: Database): Promise<number[]> {
  const rows = await queryRows<{ fiscal_year: number }>(db, sql`select distinct fiscal_year from jusou_statuses order by 1 desc`);
  return rows.map((r) => Number(r.fiscal_year));
}

/**
 * Per prefecture (and nationally, prefectureCode null): the municipalities of the year and how many are
 * in each status; a municipality without a status row is counted as not reported, not as 未実施.
 */
export async function jusouCountsByPrefecture(db: Database, fiscalYear: number) {
  return queryRows<JusouStatusCounts>(
    db,
    sql`select m.prefecture_code as "prefectureCode", count(*)::int as municipalities,
               count(*) filter (where j.status = 'implementing')::int as implementing,
               count(*) filter (where j.status = 'transition_preparation')::int as "transitionPreparation",
               count(*) filter (where j.status = 'model_project')::int as "modelProject",
               count(*) filter (where j.status = 'not_implemented')::int as "notImplemented",
               count(*) filter (where j.status is null)::int as "notReported"
        from ${municipalitiesOf(fiscalYear)} m
        left join jusou_statuses j on j.local_government_code = m.code and j.fiscal_year = ${fiscalYear}
        group by grouping sets ((m.prefecture_code), ())
        order by m.prefecture_code nulls first`,
  );
}

/**
 * Every municipality of a prefecture with its status in the fiscal year, the year it reached that status
 * (the first year of its unbroken run of reports in it) and the year it first implemented.
 */
export async function jusouBodiesOf(db: Database, prefectureCode: string, fiscalYear: number) {
  const rows = await queryRows<{ code: string; name: string; kind: string; status: string | null; since: number | null; first_implementing: number | null }>(
    db,
    sql`select m.code, m.name, m.kind, j.status,
               case when j.status is null then null else coalesce(
                 (select max(p.fiscal_year) + 1 from jusou_statuses p
                  where p.local_government_code = m.code and p.fiscal_year < ${fiscalYear} and p.status <> j.status),
                 (select min(p.fiscal_year) from jusou_statuses p where p.local_government_code = m.code)) end as since,
               (select min(p.fiscal_year) from jusou_statuses p
                where p.local_government_code = m.code and p.status = 'implementing' and p.fiscal_year <= ${fiscalYear}) as first_implementing
        from ${municipalitiesOf(fiscalYear)} m
        left join jusou_statuses j on j.local_government_code = m.code and j.fiscal_year = ${fiscalYear}
        where m.prefecture_code = ${prefectureCode}
        order by case j.status when 'implementing' then 0 when 'transition_preparation' then 1 when 'model_project' then 2
                                when 'not_implemented' then 3 else 4 end, m.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    status: r.status,
    since: r.since === null ? null : Number(r.since),
    firstImplementing: r.first_implementing === null ? null : Number(r.first_implementing),
  }));
}
