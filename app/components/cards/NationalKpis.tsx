import type { ReactNode } from "react";
import { MetricLabel } from "~/components/ui/MetricLabel";
import type { MonthlyCounts } from "~/domain/metric-catalogue";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent } from "~/domain/format";
import { changeFrom, coverageLabel } from "~/domain/statistics";

type Totals = MonthlyCounts & { submittedMonths: number; expectedMonths: number };

/**
 * KPI tiles of a fiscal year with the change from the previous year. A year not over (`periodLabel`
 * set) has no change: its months so far cannot be compared with a whole year.
 */
export function NationalKpis({ fiscalYear, current, previous, periodLabel }: { fiscalYear: number; current: Totals; previous: Totals | null; periodLabel?: string }) {
  const tiles: { key: string; label: ReactNode; value: (t: Totals) => number }[] = [
    { key: "newConsultations", label: <MetricLabel metric="newConsultations" />, value: (t) => t.newConsultations },
    { key: "plansCreated", label: <MetricLabel metric="plansCreated" />, value: (t) => t.plansCreated },
    {
      key: "employedOrIncreasedIncome",
      label: (
        <>
          <MetricLabel metric="employed" />＋<MetricLabel metric="increasedIncome" />
        </>
      ),
      value: (t) => t.employed + t.increasedIncome,
    },
    { key: "housingBenefitDecisions", label: <MetricLabel metric="housingBenefitDecisions" />, value: (t) => t.housingBenefitDecisions },
    { key: "referralsToPublicAssistance", label: <MetricLabel metric="referralsToPublicAssistance" />, value: (t) => t.referralsToPublicAssistance },
  ];
  return (
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title">{periodLabel ?? formatFiscalYear(fiscalYear)}の実績（全国）</h2>
      <ul className="kpis">
        {tiles.map((tile) => {
          const now = tile.value(current);
          const change = previous && !periodLabel ? changeFrom(now, tile.value(previous)) : null;
          return (
            <li key={tile.key} className="kpi">
              <div className="kpi__label">{tile.label}</div>
              <div className="kpi__value">{formatNumber(now)}</div>
              <div className="kpi__note">
                前年度比 {change === null ? (periodLabel ? "－（年度途中）" : "－") : `${change >= 0 ? "+" : "−"}${formatPercent(Math.abs(change))}`}
                {change === null ? null : change >= 0 ? " ↑" : " ↓"}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="kpi__note">提出状況: {coverageLabel(current.submittedMonths, current.expectedMonths)}（実施主体×締めた月。未提出の月は0件として扱いません）</p>
    </section>
  );
}
