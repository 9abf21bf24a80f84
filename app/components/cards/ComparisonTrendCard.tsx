import { TrendLineChart } from "~/components/charts/TrendLineChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { ComparisonBadge, ComparisonLegend } from "~/components/ui/ComparisonBadge";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { MetricLabel } from "~/components/ui/MetricLabel";
import type { AreaFigure } from "~/domain/compared-figures";
import { goodOf } from "~/domain/metric-catalogue";
import { comparisonLabelsFor } from "~/domain/comparisons";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatFiscalYearShort, formatInterval } from "~/domain/format";
import { comparableMetricLabels, formatMetric, type ComparableMetric } from "~/domain/metrics";

const palette = ["#0b4f8a", "#b3261e", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"];
const dashes = [undefined, "6 3", "2 2", "8 3 2 3", "1 3", "10 4"];

type Props = {
  id: string;
  title: string;
  metric: ComparableMetric;
  series: { key: string; label: string }[];
  rows: ({ fiscalYear: number } & Record<string, number | null>)[];
  /** by series key, then fiscal year: a series' figures against the nation, shown with their label and 95% interval */
  comparisons?: Record<string, Record<number, AreaFigure>>;
  dataDate: string | null;
};

export const comparisonTrendSource = "月次支援状況・人口（各年度4月1日の実施主体）";

/** The table of the card: what it shows, and what `/compare?format=csv|xlsx` writes (ADR 028). */
export function comparisonTrendTable({ id, title, metric, series, rows, comparisons = {} }: Omit<Props, "dataDate">) {
  const format = (v: number) => formatMetric(metric, v);
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
      render: (r: (typeof rows)[number]) => {
        const figure = comparisons[s.key]?.[r.fiscalYear];
        if (!figure || figure.value === null) return formatMetric(metric, r[s.key] ?? null);
        return (
          <>
            {formatMetric(metric, figure.value)}{" "}
            <ComparisonBadge label={figure.label} comparator="nation" metricKey={metric} interval={figure.ci95} benchmark={figure.benchmark} />
            <span className="interval">{formatInterval(figure.ci95, format)}</span>
          </>
        );
      },
    })),
  ];
  return { caption: `${title}（${comparableMetricLabels[metric]}）`, fileName: `${id}.csv`, rows, columns };
}

/** Several scopes (a prefecture, the nation, blocks…) side by side over fiscal years, each labelled against the nation where `comparisons` has it. */
export function ComparisonTrendCard({ id, title, metric, series, rows, comparisons = {}, dataDate }: Props) {
  const format = (v: number) => formatMetric(metric, v);
  const table = comparisonTrendTable({ id, title, metric, series, rows, comparisons });
  const compared = series.filter((s) => comparisons[s.key]);
  // the latest year with a figure, per compared series: the labels shown beside the lines
  const latest = compared
    .map((s) => {
      const fy = [...rows].reverse().find((r) => comparisons[s.key]![r.fiscalYear]?.value != null)?.fiscalYear;
      return fy === undefined ? null : { ...s, fiscalYear: fy, figure: comparisons[s.key]![fy]! };
    })
    .filter((x) => x !== null);
  return (
    <>
      <ChartFigure
        id={id}
        title={title}
        heading={
          <>
            {title}（<MetricLabel metric={metric} figure="derived" />）
          </>
        }
        source={comparisonTrendSource}
        dataDate={dataDate}
        chart={
          <>
            <TrendLineChart
              id={`${id}-chart`}
              data={rows.map((r) => ({ ...r, label: formatFiscalYearShort(r.fiscalYear), year: r.fiscalYear, month: 4 }))}
              description={`${title}（${comparableMetricLabels[metric]}）`}
              format={format}
              series={series.map((s, i) => ({ key: s.key, label: s.label, color: palette[i % palette.length]!, dash: dashes[i % dashes.length] }))}
            />
            {latest.length > 0 ? (
              <ul className="legend" aria-label="全国との比較（各系列の最新年度）" id={`${id}-labels`}>
                {latest.map((l) => (
                  <li key={l.key}>
                    {l.label}（{formatFiscalYear(l.fiscalYear)}） {formatMetric(metric, l.figure.value)}
                    <ComparisonBadge label={l.figure.label} comparator="nation" metricKey={metric} interval={l.figure.ci95} benchmark={l.figure.benchmark} />
                    <span className="kpi__note">95%信頼区間 {formatInterval(l.figure.ci95, format)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        }
        table={<DataTable id={`${id}-data`} caption={table.caption} fileName={table.fileName} rows={rows} columns={table.columns} />}
      />
      {compared.length > 0 ? <ComparisonLegend comparator="nation" labels={comparisonLabelsFor(goodOf(metric))} /> : null}
    </>
  );
}
