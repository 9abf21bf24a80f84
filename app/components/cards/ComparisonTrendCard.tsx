import { TrendLineChart } from "~/components/charts/TrendLineChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatFiscalYearShort } from "~/domain/format";
import { comparableMetricLabels, formatMetric, type ComparableMetric } from "~/domain/metrics";

const palette = ["#0b4f8a", "#b3261e", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"];
const dashes = [undefined, "6 3", "2 2", "8 3 2 3", "1 3", "10 4"];

type Props = {
  id: string;
  title: string;
  metric: ComparableMetric;
  series: { key: string; label: string }[];
  rows: ({ fiscalYear: number } & Record<string, number | null>)[];
  dataDate: string | null;
};

export const comparisonTrendSource = "月次支援状況・人口（各年度4月1日の実施主体）";

/** The table of the card: what it shows, and what `/compare?format=csv|xlsx` writes (ADR 028). */
export function comparisonTrendTable({ id, title, metric, series, rows }: Omit<Props, "dataDate">) {
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { key: "fy", label: "年度", rowHeader: true, value: (r) => r.fiscalYear, render: (r) => formatFiscalYear(r.fiscalYear) },
    ...series.map((s) => ({
      key: s.key,
      label: s.label,
      numeric: true,
      value: (r: (typeof rows)[number]) => {
        const v = r[s.key] ?? null;
        return v === null ? null : Number(formatMetric(metric, v).replace("%", ""));
      },
      render: (r: (typeof rows)[number]) => formatMetric(metric, r[s.key] ?? null),
    })),
  ];
  return { caption: `${title}（${comparableMetricLabels[metric]}）`, fileName: `${id}.csv`, rows, columns };
}

/** Several scopes (a prefecture, the nation, blocks…) side by side over fiscal years. */
export function ComparisonTrendCard({ id, title, metric, series, rows, dataDate }: Props) {
  const table = comparisonTrendTable({ id, title, metric, series, rows });
  return (
    <ChartFigure
      id={id}
      title={title}
      source={comparisonTrendSource}
      dataDate={dataDate}
      chart={
        <TrendLineChart
          id={`${id}-chart`}
          data={rows.map((r) => ({ ...r, label: formatFiscalYearShort(r.fiscalYear), year: r.fiscalYear, month: 4 }))}
          description={`${title}（${comparableMetricLabels[metric]}）`}
          format={(v) => formatMetric(metric, v)}
          series={series.map((s, i) => ({ key: s.key, label: s.label, color: palette[i % palette.length]!, dash: dashes[i % dashes.length] }))}
        />
      }
      table={
        <DataTable id={`${id}-data`} caption={table.caption} fileName={table.fileName} rows={rows} columns={table.columns} />
      }
    />
  );
}
