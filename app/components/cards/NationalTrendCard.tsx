import { formatFiscalYear } from "~/domain/fiscal-year";
import { TrendLineChart } from "~/components/charts/TrendLineChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import { formatNumber, formatYearMonth } from "~/domain/format";
import { byMetric, monthlyMetricLabels, type MonthlyMetric } from "~/domain/metric-catalogue";

const trendSeries = [
  { key: "newConsultations", color: "#0b4f8a" },
  { key: "plansCreated", color: "#b3261e", dash: "6 3" },
  { key: "housingBenefitDecisions", color: "#2e7d32", dash: "2 2" },
] as const satisfies readonly { key: MonthlyMetric; color: string; dash?: string }[];
type TrendMetric = (typeof trendSeries)[number]["key"];

type Point = { year: number; month: number; fiscalYear: number; submittedMonths: number } & Record<TrendMetric, number>;

export function NationalTrendCard({ points, dataDate, scopeLabel }: { points: Point[]; dataDate: string | null; scopeLabel: string }) {
  const data = points.map((p) => ({
    label: formatYearMonth(p.year, p.month),
    year: p.year,
    month: p.month,
    ...byMetric(
      trendSeries.map((m) => m.key),
      (m) => p[m],
    ),
  }));
  const first = points[0];
  const last = points[points.length - 1];
  const period = first && last ? `${formatYearMonth(first.year, first.month)}〜${formatYearMonth(last.year, last.month)}` : "データなし";
  const title = `月別の推移（${scopeLabel}、${period}）`;
  return (
    <ChartFigure
      id="trend"
      title={title}
      source="月次支援状況（提出のあった実施主体の合計）"
      dataDate={dataDate}
      chart={
        <TrendLineChart
          id="trend-chart"
          data={data}
          description={`${title}。${trendSeries.map((m) => monthlyMetricLabels[m.key]).join("、")}`}
          format={(v) => formatNumber(v)}
          series={trendSeries.map((m) => ({ ...m, label: monthlyMetricLabels[m.key] }))}
        />
      }
      table={
        <DataTable
          id="trend-data"
          caption={title}
          fileName="月別推移.csv"
          rows={points}
          columns={[
            { key: "ym", label: "年月", rowHeader: true, value: (p) => `${p.year}-${String(p.month).padStart(2, "0")}`, render: (p) => formatYearMonth(p.year, p.month) },
            { key: "fy", label: "年度", numeric: true, value: (p) => p.fiscalYear, render: (p) => formatFiscalYear(p.fiscalYear) },
            ...trendSeries.map((m) => ({ key: m.key, label: monthlyMetricLabels[m.key], metric: { key: m.key }, numeric: true, value: (p: Point) => p[m.key] })),
            { key: "submitted", label: "提出数（実施主体）", numeric: true, value: (p) => p.submittedMonths },
          ]}
        />
      }
    />
  );
}
