import { HorizontalBarChart } from "~/components/charts/HorizontalBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, niceAxisMax, ratio } from "~/domain/format";
import { formatMetric } from "~/domain/metrics";
import { catalogueLabel } from "~/domain/metric-catalogue";
import { MetricLabel } from "~/components/ui/MetricLabel";
import { AppLink } from "~/components/ui/AppLink";

export type CooperationRow = {
  code: string | null;
  name: string;
  referrals: number;
  perHundredThousand: number | null;
  submittedMonths: number;
  expectedMonths: number;
  integratedEmploymentPreparation: number;
  answeredEmploymentPreparation: number;
  integratedHouseholdBudget: number;
  answeredHouseholdBudget: number;
};

export const cooperationByPrefectureSource = "月次支援状況（生活保護へのつなぎ件数。未提出の月は人口からも除く）・人口、任意事業実施状況（一体的実施の区分）";

/** The table of the card: what it shows, and what `/cooperation?format=csv|xlsx` writes (ADR 028). */
export function cooperationByPrefectureTable({ fiscalYear, rows }: { fiscalYear: number; rows: CooperationRow[] }) {
  const period = `（都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const title = `${catalogueLabel("referralsToPublicAssistance", "derived")}${period}`;
  const metric = (v: number | null) => formatMetric("referralsToPublicAssistance", v);
  const columns: DataColumn<CooperationRow>[] = [
    {
      key: "name",
      label: "都道府県",
      rowHeader: true,
      value: (r) => r.name,
      render: (r) => (r.code === null ? r.name : <AppLink to={`/prefectures/${r.code}/cooperation?fy=${fiscalYear}`}>{r.name}</AppLink>),
    },
    { key: "referrals", label: "つなぎ件数（年度計）", metric: { key: "referralsToPublicAssistance" }, numeric: true, kind: "count", value: (r) => r.referrals, render: (r) => formatNumber(r.referrals) },
    { key: "per", label: "10万人あたり月平均", metric: { key: "referralsToPublicAssistance", figure: "derived", short: true }, numeric: true, value: (r) => r.perHundredThousand, render: (r) => metric(r.perHundredThousand) },
    { key: "submitted", label: "提出（実施主体×月）", value: (r) => `${formatNumber(r.submittedMonths)}/${formatNumber(r.expectedMonths)}` },
    {
      key: "ep",
      label: "就労準備支援 一体的実施",
      numeric: true,
      value: (r) => ratio(r.integratedEmploymentPreparation, r.answeredEmploymentPreparation),
      rate: { numerator: (r) => r.integratedEmploymentPreparation, denominator: (r) => r.answeredEmploymentPreparation, numeratorLabel: "一体的実施", denominatorLabel: "回答" },
      render: (r) => `${r.integratedEmploymentPreparation}/${r.answeredEmploymentPreparation}（${formatPercent(ratio(r.integratedEmploymentPreparation, r.answeredEmploymentPreparation))}）`,
    },
    {
      key: "hb",
      label: "家計改善支援 一体的実施",
      numeric: true,
      value: (r) => ratio(r.integratedHouseholdBudget, r.answeredHouseholdBudget),
      rate: { numerator: (r) => r.integratedHouseholdBudget, denominator: (r) => r.answeredHouseholdBudget, numeratorLabel: "一体的実施", denominatorLabel: "回答" },
      render: (r) => `${r.integratedHouseholdBudget}/${r.answeredHouseholdBudget}（${formatPercent(ratio(r.integratedHouseholdBudget, r.answeredHouseholdBudget))}）`,
    },
  ];
  return { title, period, caption: `${title}と一体的実施の実施主体数`, fileName: `生活保護との連携_都道府県別_${fiscalYear}.csv`, rows, columns };
}

/** Referrals to public assistance per 10万人 for every prefecture, with the integrated delivery of each in the table. */
export function CooperationByPrefectureCard({ fiscalYear, rows, dataDate }: { fiscalYear: number; rows: CooperationRow[]; dataDate: string | null }) {
  const national = rows.find((r) => r.code === null);
  const table = cooperationByPrefectureTable({ fiscalYear, rows });
  const { title, period } = table;
  const nationalLabel = `全国 ${formatMetric("referralsToPublicAssistance", national?.perHundredThousand ?? null)}`;
  const metric = (v: number | null) => formatMetric("referralsToPublicAssistance", v);
  const prefectures = rows.filter((r) => r.code !== null);
  const top = niceAxisMax(Math.max(...prefectures.map((r) => r.perHundredThousand ?? 0)));
  return (
    <ChartFigure
      id="cooperation-by-prefecture"
      title={title}
      heading={
        <>
          <MetricLabel metric="referralsToPublicAssistance" figure="derived" />
          {period}
        </>
      }
      source={cooperationByPrefectureSource}
      dataDate={dataDate}
      chart={
        <HorizontalBarChart
          id="cooperation-by-prefecture-chart"
          data={[...prefectures]
            .sort((a, b) => (b.perHundredThousand ?? -1) - (a.perHundredThousand ?? -1) || a.code!.localeCompare(b.code!))
            .map((r) => ({ key: r.code!, label: r.name, value: r.perHundredThousand }))}
          max={top}
          format={metric}
          reference={national?.perHundredThousand == null ? undefined : { value: national.perHundredThousand, label: nationalLabel }}
          description={`${title}。多い順。${nationalLabel}`}
        />
      }
      table={
        <DataTable
          id="cooperation-by-prefecture-data"
          caption={table.caption}
          fileName={table.fileName}
          rows={table.rows}
          rowClassName={(r) => (r.code === null ? "national" : undefined)}
          columns={table.columns}
        />
      }
    />
  );
}
