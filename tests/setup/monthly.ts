/** One month of 支援状況調査 for a body; only new consultations vary, the other counts are fixed. */
export function month(code: string, year: number, m: number, newConsultations: number) {
  return {
    localGovernmentCode: code,
    year,
    month: m,
    fiscalYear: m >= 4 ? year : year - 1,
    newConsultations,
    plansCreated: 1,
    employmentSupportTargets: 4,
    employed: 2,
    increasedIncome: 1,
    housingBenefitDecisions: 0,
    referralsToPublicAssistance: 0,
  };
}
