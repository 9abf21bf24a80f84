import { sql, type SQL } from "drizzle-orm";
import type { DatasetDefinition } from "~/domain/datasets/types";
import { queryRows, type Database } from "../client";
import { datasetTables } from "./dataset-tables";

export type ReadScope = { role: string; prefectureCode: string | null; localGovernmentCode: string | null };

/** What a user may read of a dataset: MHLW everything, a prefecture its own, a municipality its body. */
function scopeCondition(d: DatasetDefinition, scope: ReadScope): SQL {
  if (scope.role === "mhlw") return sql`true`;
  const { bodyCode, prefectureCode } = datasetTables[d.id].export;
  if (scope.role === "prefecture") return prefectureCode ? sql`${prefectureCode} = ${scope.prefectureCode}` : sql`true`;
  if (bodyCode) return sql`${bodyCode} = ${scope.localGovernmentCode}`;
  return prefectureCode ? sql`${prefectureCode} = ${scope.prefectureCode}` : sql`true`;
}

export type ExportFilter = { bodyCode?: string; fiscalYear?: number };

function filterCondition(d: DatasetDefinition, filter: ExportFilter): SQL {
  const { bodyCode, fiscalYear } = datasetTables[d.id].export;
  const parts: SQL[] = [sql`true`];
  if (filter.bodyCode && bodyCode) parts.push(sql`${bodyCode} = ${filter.bodyCode}`);
  if (filter.fiscalYear && fiscalYear) parts.push(sql`${fiscalYear} = ${filter.fiscalYear}`);
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
  const layout = datasetTables[d.id].export;
  const columns = sql.join(
    layout.columns.map((c, i) => sql`${c.value} as ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select ${columns} from ${layout.from}
        where ${scopeCondition(d, scope)} and ${filterCondition(d, filter)}
        order by ${sql.join([...layout.order], sql`, `)} limit ${page.limit} offset ${page.offset}`,
  );
  return rows.map((row) =>
    layout.columns.map((c, i) => {
      const v = row[`c${i}`];
      if (c.format) return c.format(v);
      return v === null || v === undefined ? "" : String(v);
    }),
  );
}

export async function countDatasetRows(db: Database, d: DatasetDefinition, scope: ReadScope, filter: ExportFilter = {}): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${datasetTables[d.id].export.from} where ${scopeCondition(d, scope)} and ${filterCondition(d, filter)}`,
  );
  return row?.n ?? 0;
}
