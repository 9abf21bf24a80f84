// Derived figures, computed from SQL totals the same way everywhere (client-safe).

import { formatNumber } from "./format";
import { employmentOrIncomeRateSpec, type Formula, type MonthlyCounts, type MonthlyMetric, type PerPopulationMetric } from "./metric-catalogue";

export type Totals = MonthlyCounts & {
  /** body-months submitted */
  submittedMonths: number;
  /** Σ population over submitted months that have a population (the per-10万人 denominator) */
  populationMonths: number;
  /** the per-population metrics summed over those same months (the per-10万人 numerators) */
  perCapita: Record<PerPopulationMetric, number>;
};

/**
 * 人口10万人あたり月平均: the count over the submitted months divided by the population summed over the
 * same months. With all 12 months submitted and one population, this is (annual total ÷ 12) ÷ population × 100,000.
 */
export function perHundredThousandPerMonth(count: number, populationMonths: number): number | null {
  return populationMonths > 0 ? (count * 100_000) / populationMonths : null;
}

/** Σ numerator ÷ denominator of a ratio formula of the metric catalogue (null when the denominator is 0). */
export function ratioOf<K extends MonthlyMetric>(formula: { numerator: readonly K[]; denominator: K }, counts: Pick<MonthlyCounts, K>): number | null {
  const denominator = counts[formula.denominator];
  return denominator > 0 ? formula.numerator.reduce((sum, m) => sum + counts[m], 0) / denominator : null;
}

/** A formula of the metric catalogue over SQL totals. */
export function evaluate(formula: Formula, totals: Totals): number | null {
  return formula.kind === "ratio" ? ratioOf(formula, totals) : perHundredThousandPerMonth(totals.perCapita[formula.count], totals.populationMonths);
}

/** 就労・増収率 = (就労者 + 増収者) ÷ 就労支援対象者数 (docs/domain.md). */
export function employmentOrIncomeRate(t: Pick<Totals, "employed" | "increasedIncome" | "employmentSupportTargets">): number | null {
  return ratioOf(employmentOrIncomeRateSpec.formula, t);
}

export function changeFrom(current: number, previous: number): number | null {
  return previous > 0 ? (current - previous) / previous : null;
}

/** 「12か月中10か月提出」, 「10,344か月中10,071か月提出」 */
export function coverageLabel(submitted: number, expected: number): string {
  return `${formatNumber(expected)}か月中${formatNumber(submitted)}か月提出`;
}
