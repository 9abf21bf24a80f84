import { TrendLineChart } from "~/components/charts/TrendLineChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import { formatNumber } from "~/domain/format";

type Point = { year: number; month: number; fiscalYear: number; newConsultations: number; plansCreated: number; housingBenefitDecisions: number; submittedMonths: number };

export function NationalTrendCard({ points, dataDate, scopeLabel }: { points: Point[]; dataDate: string | null; scopeLabel: string }) {
  const data = points.map((p) => ({
    label: `${p.year}/${p.month}`,
    newConsultations: p.newConsultations,
    plansCreated: p.plansCreated,
    housingBenefitDecisions: p.housingBenefitDecisions,
  }));
  const first = points[0];
  const last = points[points.length - 1];
  const period = first && last ? `${first.year}年${first.month}月〜${last.year}年${last.month}月` : "データなし";
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
          description={`${title}。新規相談受付件数、プラン作成件数、住居確保給付金支給決定件数`}
          format={(v) => formatNumber(v)}
          series={[
            { key: "newConsultations", label: "新規相談受付件数", color: "#0b4f8a" },
            { key: "plansCreated", label: "プラン作成件数", color: "#b3261e", dash: "6 3" },
            { key: "housingBenefitDecisions", label: "住居確保給付金支給決定件数", color: "#2e7d32", dash: "2 2" },
          ]}
        />
      }
      table={
        <DataTable
          id="trend-data"
          caption={title}
          fileName="月別推移.csv"
          rows={points}
          columns={[
            { key: "ym", label: "年月", rowHeader: true, value: (p) => `${p.year}-${String(p.month).padStart(2, "0")}` },
            { key: "fy", label: "年度", numeric: true, value: (p) => p.fiscalYear },
            { key: "new", label: "新規相談受付件数", numeric: true, value: (p) => p.newConsultations },
            { key: "plans", label: "プラン作成件数", numeric: true, value: (p) => p.plansCreated },
            { key: "housing", label: "住居確保給付金支給決定件数", numeric: true, value: (p) => p.housingBenefitDecisions },
            { key: "submitted", label: "提出数（実施主体）", numeric: true, value: (p) => p.submittedMonths },
          ]}
        />
      }
    />
  );
}
