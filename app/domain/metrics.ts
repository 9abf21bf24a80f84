import { derivedMetricCatalogue, type DerivedMetric, type DerivedMetricSpec } from "./metric-catalogue";
import { evaluate, type Totals } from "./statistics";

/** Metrics a map, a ranking or a comparison can show, each computed from SQL totals (the derived metrics of the catalogue). */
export const comparableMetrics = derivedMetricCatalogue.map((m) => m.key) as [ComparableMetric, ...ComparableMetric[]];
export type ComparableMetric = DerivedMetric;

const specs = Object.fromEntries(derivedMetricCatalogue.map((m) => [m.key, m])) as Record<ComparableMetric, DerivedMetricSpec>;

export const comparableMetricLabels = Object.fromEntries(comparableMetrics.map((m) => [m, specs[m].label])) as Record<ComparableMetric, string>;

export function metricValue(metric: ComparableMetric, totals: Totals): number | null {
  return evaluate(specs[metric].formula, totals);
}

/** The decimals a figure shows when it is not a share (per 10万人: the catalogue's), for downloads; undefined for other keys. */
export function metricDecimals(metric: string): number | undefined {
  return Object.hasOwn(specs, metric) ? specs[metric as ComparableMetric].decimals : undefined;
}

export function formatMetric(metric: ComparableMetric, value: number | null): string {
  if (value === null) return "－";
  return specs[metric].format(value);
}
