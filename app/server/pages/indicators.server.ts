import type { Database } from "../../../db";
import { datasetUpdatedAt } from "../../../db/queries/meta";
import { targetValuesByFiscalYear } from "../../../db/queries/prefecture-work";
import { indicatorEntries, indicatorEntry } from "~/domain/indicators";
import { targetValueMetrics, type TargetValueMetric } from "~/domain/metric-catalogue";

/** /indicators: the catalogue's entries and the data date. */
export async function loadIndicators(db: Database) {
  return { indicators: indicatorEntries, dataDate: await datasetUpdatedAt(db, "monthly_support") };
}

/** /indicators/:key: one entry, its 目安値 by fiscal year where it has one, and the data date (null: no such indicator). */
export async function loadIndicator(db: Database, key: string) {
  const indicator = indicatorEntry(key);
  if (!indicator) return null;
  const [targets, dataDate] = await Promise.all([indicator.hasTargetValue ? targetValuesByFiscalYear(db) : Promise.resolve([]), datasetUpdatedAt(db, "monthly_support")]);
  const metric = targetValueMetrics.find((m) => m === key) as TargetValueMetric | undefined;
  return {
    indicator,
    targets: metric ? targets.map((t) => ({ fiscalYear: t.fiscalYear, value: t[metric] === null ? null : Number(t[metric]) })) : [],
    dataDate,
  };
}
