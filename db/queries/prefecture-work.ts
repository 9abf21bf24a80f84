import { eq, sql } from "drizzle-orm";
import { byMetric, targetValueMetrics } from "~/domain/metric-catalogue";
import { certificateRoles } from "~/domain/vocabulary";
import { queryRows, type Database } from "../client";
import { targetValues } from "../schema";
import { sqlIn } from "./fragments";
import { memoByDataVersion } from "./data-version-memo";

/** 修了証 coverage of the roles that need it (主任相談支援員, 相談支援員, 就労支援員) per body for a fiscal year. */
export async function certificateCoverageOf(db: Database, fiscalYear: number, codes: string[]) {
  if (codes.length === 0) return {};
  const rows = await queryRows<{ code: string; assigned: number; certified: number }>(
    db,
    sql`select local_government_code as code, sum(assigned)::int as assigned, sum(least(certified, assigned))::int as certified
        from staff_training
        where fiscal_year = ${fiscalYear} and ${sqlIn("role", certificateRoles)} and ${sqlIn("local_government_code", codes)}
        group by local_government_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, { assigned: r.assigned, certified: r.certified }]));
}

/** The latest supervision contact of each body, whatever fiscal year a page shows. */
export async function lastSupervisionContactOf(db: Database, codes: string[]) {
  if (codes.length === 0) return {};
  const rows = await queryRows<{ code: string; last: string }>(
    db,
    sql`select local_government_code as code, max(contacted_on)::text as last from supervision_contacts
        where ${sqlIn("local_government_code", codes)}
        group by local_government_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.last]));
}

/** Every fiscal year's 目安値 (the indicator pages). */
export async function targetValuesByFiscalYear(db: Database) {
  return db
    .select({ fiscalYear: targetValues.fiscalYear, ...byMetric(targetValueMetrics, (m) => targetValues[m]) })
    .from(targetValues)
    .orderBy(targetValues.fiscalYear);
}

// the 目安値 beside every prefecture's and body's figures: kept per data version (target_values raises it)
export const targetValuesOf = memoByDataVersion(async (db: Database, fiscalYear: number) => {
  const [row] = await db
    .select(byMetric(targetValueMetrics, (m) => targetValues[m]))
    .from(targetValues)
    .where(eq(targetValues.fiscalYear, fiscalYear));
  return row ?? null;
});
