// Derived figures, computed from SQL totals the same way everywhere (client-safe).

import type { MonthlyCounts } from "./vocabulary";

export type Totals = MonthlyCounts & {
  /** body-months submitted */
  submittedMonths: number;
  /** Σ population over submitted months that have a population (the per-10万人 denominator) */
  populationMonths: number;
  /** the per-population metrics summed over those same months (the per-10万人 numerators) */
  perCapita: Record<PerPopulationMetric, number>;
};

export const perPopulationMetrics = ["newConsultations", "plansCreated", "employmentSupportTargets", "referralsToPublicAssistance"] as const;
export type PerPopulationMetric = (typeof perPopulationMetrics)[number];

/**
 * 人口10万人あたり月平均: the count over the submitted months divided by the population summed over the
 * same months. With all 12 months submitted and one population, this is (annual total ÷ 12) ÷ population × 100,000.
 */
export function perHundredThousandPerMonth(count: number, populationMonths: number): number | null {
  return populationMonths > 0 ? (count * 100_000) / populationMonths : null;
}

/** 就労・増収率 = (就労者 + 増収者) ÷ 就労支援対象者数 (docs/domain.md). */
export function employmentOrIncomeRate(t: Pick<Totals, "employed" | "increasedIncome" | "employmentSupportTargets">): number | null {
  return t.employmentSupportTargets > 0 ? (t.employed + t.increasedIncome) / t.employmentSupportTargets : null;
}

export function changeFrom(current: number, previous: number): number | null {
  return previous > 0 ? (current - previous) / previous : null;
}

/** 「12か月中10か月提出」 */
export function coverageLabel(submitted: number, expected: number): string {
  return `${expected}か月中${submitted}か月提出`;
}
