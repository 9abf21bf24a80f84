import { sql } from "drizzle-orm";
import { optionalPrograms, type OptionalProgram } from "~/lib/domain";
import { queryRows, type Database } from "../client";
import { implementingBodiesOf } from "./implementing-bodies";

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
  const programs = sql.raw(`array[${optionalPrograms.map((p) => `'${p}'`).join(",")}]::text[]`);
  const rows = await queryRows<{
    prefecture_code: string | null;
    program: OptionalProgram;
    bodies: number;
    implementing: number;
    reported: number;
  }>(
    db,
    sql`
      select b.prefecture_code, pr.program,
             count(*)::int as bodies,
             count(*) filter (where s.implemented)::int as implementing,
             count(s.local_government_code)::int as reported
      from ${implementingBodiesOf(fiscalYear)} b
      cross join unnest(${programs}) as pr(program)
      left join optional_program_statuses s
        on s.local_government_code = b.code and s.fiscal_year = ${fiscalYear} and s.program = pr.program
      group by grouping sets ((b.prefecture_code, pr.program), (pr.program))
      order by b.prefecture_code nulls first, pr.program`,
  );
  return rows.map((r) => ({
    prefectureCode: r.prefecture_code,
    program: r.program,
    bodies: r.bodies,
    implementing: r.implementing,
    reported: r.reported,
  }));
}

/** Fiscal years that have optional-program data, newest first. */
export async function optionalProgramFiscalYears(db: Database): Promise<number[]> {
  const rows = await queryRows<{ fiscal_year: number }>(
    db,
    sql`select distinct fiscal_year from optional_program_statuses order by fiscal_year desc`,
  );
  return rows.map((r) => Number(r.fiscal_year));
}
