import { byMetric, monthlyMetrics, type MonthlyMetric } from "../../app/domain/metric-catalogue";

const fixed: Partial<Record<MonthlyMetric, number>> = { plansCreated: 1, employmentSupportTargets: 4, employed: 2, increasedIncome: 1 };

/** One month of 支援状況調査 for a body; only new consultations vary, the other counts are fixed (0 unless given here). */
export function month(code: string, year: number, m: number, newConsultations: number) {
  return {
    localGovernmentCode: code,
    year,
    month: m,
    fiscalYear: m >= 4 ? year : year - 1,
    ...byMetric(monthlyMetrics, (metric) => fixed[metric] ?? 0),
    newConsultations,
  };
}
