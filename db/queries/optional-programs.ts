import { sql } from "drizzle-orm";
import { optionalPrograms, type OptionalProgram } from "~/domain/vocabulary";
import { queryRows, type Database } from "../client";
import { sqlIn, sqlTextArray } from "./fragments";
import { implementingBodiesOf } from "./implementing-bodies";
import { fiscalYearsIn } from "./meta";

export type ProgramRateRow = {
  /** null: the national row */
  prefectureCode: string | null;
  program: OptionalProgram;
  bodies: number;
  implementing: number;
  /** bodies with a status row for that year; the rest have not reported */
  reported: number;
};

/**
 * Implementation of the four optional programs per prefecture and nationally for a fiscal year.
 * The denominator is every implementing body of that year (n), prefectures included; a body
 * without a status row counts as not implementing, and `reported` shows how many answered.
 */
export async function optionalProgramRatesByPrefecture(db: Database, fiscalYear: number): Promise<ProgramRateRow[]> {
  return queryRows<ProgramRateRow>(
    db,
    sql`
      select b.prefecture_code as "prefectureCode", pr.program,
             count(*)::int as bodies,
             count(*) filter (where s.implemented)::int as implementing,
             count(s.local_government_code)::int as reported
      from ${implementingBodiesOf(fiscalYear)} b
      cross join unnest(${sqlTextArray(optionalPrograms)}) as pr(program)
      left join optional_program_statuses s
        on s.local_government_code = b.code and s.fiscal_year = ${fiscalYear} and s.program = pr.program
      group by grouping sets ((b.prefecture_code, pr.program), (pr.program))
      order by b.prefecture_code nulls first, pr.program`,
  );
}

/** Fiscal years that have optional-program data, newest first. */
export async function optionalProgramFiscalYears(db: Database): Promise<number[]> {
  return fiscalYearsIn(db, "optional_program_statuses");
}

/** 一体的実施 categories of 就労準備支援 and 家計改善支援 over the implementing bodies of a fiscal year. */
export async function integratedDeliveryDistribution(db: Database, fiscalYear: number) {
  const rows = await queryRows<{ program: string; category: string | null; n: number }>(
    db,
    sql`select s.program, s.integrated_delivery as category, count(*)::int as n
        from ${implementingBodiesOf(fiscalYear)} b
        join optional_program_statuses s on s.local_government_code = b.code and s.fiscal_year = ${fiscalYear}
        where s.program in ('employment_preparation', 'household_budget')
        group by s.program, s.integrated_delivery
        order by s.program, s.integrated_delivery`,
  );
  return rows.map((r) => ({ program: r.program, category: r.category, count: r.n }));
}

/** The program matrix of a set of bodies: status per body and program for a fiscal year. */
export async function programStatusesOf(db: Database, fiscalYear: number, codes: string[]) {
  if (codes.length === 0) return [];
  return queryRows<{ code: string; program: string; implemented: boolean; deliveryForm: string | null; integratedDelivery: string | null }>(
    db,
    sql`select local_government_code as code, program, implemented, delivery_form as "deliveryForm", integrated_delivery as "integratedDelivery"
        from optional_program_statuses
        where fiscal_year = ${fiscalYear} and ${sqlIn("local_government_code", codes)}`,
  );
}

/** A body's optional programs over every fiscal year. */
export async function programHistory(db: Database, code: string) {
  const rows = await queryRows<{ fiscalYear: number; program: string; implemented: boolean; deliveryForm: string | null; implementationMethod: string | null; integratedDelivery: string | null }>(
    db,
    sql`select fiscal_year as "fiscalYear", program, implemented, delivery_form as "deliveryForm", implementation_method as "implementationMethod",
               integrated_delivery as "integratedDelivery"
        from optional_program_statuses where local_government_code = ${code} order by fiscal_year, program`,
  );
  return rows.map((r) => ({ ...r, fiscalYear: Number(r.fiscalYear) }));
}

/** 一体的実施 categories per prefecture (prefectureCode null: the nation) over the implementing bodies of a fiscal year. */
export async function integratedDeliveryByPrefecture(db: Database, fiscalYear: number) {
  const rows = await queryRows<{ prefecture_code: string | null; program: string; category: string | null; n: number }>(
    db,
    sql`select b.prefecture_code, s.program, s.integrated_delivery as category, count(*)::int as n
        from ${implementingBodiesOf(fiscalYear)} b
        join optional_program_statuses s on s.local_government_code = b.code and s.fiscal_year = ${fiscalYear}
        where s.program in ('employment_preparation', 'household_budget')
        group by grouping sets ((b.prefecture_code, s.program, s.integrated_delivery), (s.program, s.integrated_delivery))
        order by b.prefecture_code nulls first, s.program, s.integrated_delivery`,
  );
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, program: r.program, category: r.category, count: r.n }));
}
