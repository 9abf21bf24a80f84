import { sql, type SQL } from "drizzle-orm";
import type { DatasetDefinition } from "~/domain/datasets/types";
import { queryRows, type Database } from "../client";

export type ReadScope = { role: string; prefectureCode: string | null; localGovernmentCode: string | null };

/** What a user may read of a dataset: MHLW everything, a prefecture its own, a municipality its body. */
function scopeCondition(d: DatasetDefinition, scope: ReadScope): SQL {
  if (scope.role === "mhlw") return sql`true`;
  const { bodyCode, prefectureCode } = d.exportScope;
  if (scope.role === "prefecture") return prefectureCode ? sql`${sql.raw(prefectureCode)} = ${scope.prefectureCode}` : sql`true`;
  if (bodyCode) return sql`${sql.raw(bodyCode)} = ${scope.localGovernmentCode}`;
  return prefectureCode ? sql`${sql.raw(prefectureCode)} = ${scope.prefectureCode}` : sql`true`;
}

export type ExportFilter = { bodyCode?: string; fiscalYear?: number };

function filterCondition(d: DatasetDefinition, filter: ExportFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.bodyCode && d.exportScope.bodyCode) parts.push(sql`${sql.raw(d.exportScope.bodyCode)} = ${filter.bodyCode}`);
  if (filter.fiscalYear && d.exportColumns.some((c) => c.sql === "t.fiscal_year")) parts.push(sql`t.fiscal_year = ${filter.fiscalYear}`);
  return sql.join(parts, sql` and `);
}

/** One page of a dataset as the strings of its CSV columns (the same layout uploads accept). */
export async function exportDatasetPage(
  db: Database,
  d: DatasetDefinition,
  scope: ReadScope,
  page: { offset: number; limit: number },
  filter: ExportFilter = {},
): Promise<string[][]> {
  const columns = sql.raw(d.exportColumns.map((c, i) => `${c.sql} as c${i}`).join(", "));
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from ${sql.raw(d.exportFrom)}
        where ${scopeCondition(d, scope)} and ${filterCondition(d, filter)}
        order by ${sql.raw(d.exportOrder)} limit ${page.limit} offset ${page.offset}`,
  );
  return rows.map((row) =>
    d.exportColumns.map((c, i) => {
      const v = row[`c${i}`];
      if (c.format) return c.format(v);
      return v === null || v === undefined ? "" : String(v);
    }),
  );
}

export async function countDatasetRows(db: Database, d: DatasetDefinition, scope: ReadScope, filter: ExportFilter = {}): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.raw(d.exportFrom)} where ${scopeCondition(d, scope)} and ${filterCondition(d, filter)}`,
  );
  return row?.n ?? 0;
}
