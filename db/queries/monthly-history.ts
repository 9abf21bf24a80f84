import { asc, inArray } from "drizzle-orm";
import { byMetric, monthlyMetrics, type MonthlyCounts } from "~/domain/metric-catalogue";
import type { Database } from "../client";
import { monthlySupportStatistics as s } from "../schema";

export type SubmittedMonth = { year: number; month: number; counts: MonthlyCounts };

/**
 * Every submitted month of the given bodies, oldest first: the history the outlier checks judge an
 * upload's values against (ADR 018), read once per batch of bodies, never per row.
 */
export async function monthlyHistoryOf(db: Database, bodyCodes: readonly string[]): Promise<Map<string, SubmittedMonth[]>> {
  const history = new Map<string, SubmittedMonth[]>(bodyCodes.map((code) => [code, []]));
  if (bodyCodes.length === 0) return history;
  const rows = await db
    .select({ code: s.localGovernmentCode, year: s.year, month: s.month, ...byMetric(monthlyMetrics, (m) => s[m]) })
    .from(s)
    .where(inArray(s.localGovernmentCode, [...bodyCodes]))
    .orderBy(asc(s.localGovernmentCode), asc(s.year), asc(s.month));
  for (const { code, year, month, ...counts } of rows) history.get(code)!.push({ year, month, counts });
  return history;
}
