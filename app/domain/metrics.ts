import { employmentOrIncomeRate, perHundredThousandPerMonth, type Totals } from "./statistics";
import { formatPercent } from "./format";

/** Metrics a map, a ranking or a comparison can show, each computed from SQL totals. */
export const comparableMetrics = ["newConsultations", "plansCreated", "employmentSupportTargets", "employmentOrIncomeRate", "referralsToPublicAssistance"] as const;
export type ComparableMetric = (typeof comparableMetrics)[number];

export const comparableMetricLabels: Record<ComparableMetric, string> = {
  newConsultations: "新規相談受付件数（人口10万人あたり月平均）",
  plansCreated: "プラン作成件数（人口10万人あたり月平均）",
  employmentSupportTargets: "就労支援対象者数（人口10万人あたり月平均）",
  employmentOrIncomeRate: "就労・増収率",
  referralsToPublicAssistance: "生活保護へのつなぎ件数（人口10万人あたり月平均）",
};

export function metricValue(metric: ComparableMetric, totals: Totals): number | null {
  if (metric === "employmentOrIncomeRate") return employmentOrIncomeRate(totals);
  return perHundredThousandPerMonth(totals.perCapita[metric], totals.populationMonths);
}

export function formatMetric(metric: ComparableMetric, value: number | null): string {
  if (value === null) return "－";
  if (metric === "employmentOrIncomeRate") return formatPercent(value);
  // referrals are about one per 10万人 a month: a second decimal keeps prefectures apart
  return value.toFixed(metric === "referralsToPublicAssistance" ? 2 : 1);
}
