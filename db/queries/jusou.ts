import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";

/** 重層 statuses counted per fiscal year over the municipalities that exist on 1 April of that year. */
export async function jusouCountsByFiscalYear(db: Database, prefectureCode?: string) {
  const rows = await queryRows<{ fiscal_year: number; status: string; n: number }>(
    db,
    sql`select j.fiscal_year, j.status, count(*)::int as n
        from jusou_statuses j
        join local_governments lg on lg.code = j.local_government_code
          and lg.valid_from <= make_date(j.fiscal_year, 4, 1) and (lg.valid_to is null or lg.valid_to > make_date(j.fiscal_year, 4, 1))
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
        where fiscal_year = ${fiscalYear} and local_government_code in (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
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
