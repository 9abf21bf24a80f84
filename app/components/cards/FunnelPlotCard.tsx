import { FunnelPlot } from "~/components/charts/FunnelPlot";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { ComparisonLegend } from "~/components/ui/ComparisonBadge";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { comparisonLabelStyles, positionOf, symbolOf, type ComparisonLabel } from "~/domain/comparisons";
import type { Interval } from "~/domain/confidence-intervals";
import { formatInterval, formatNumber, formatPercent } from "~/domain/format";
import { funnelZoneLabels, type FunnelZone } from "~/domain/funnel";
import { catalogueLabel, indicatorPath, type DerivedMetric } from "~/domain/metric-catalogue";
import { MetricLabel } from "~/components/ui/MetricLabel";
import { AppLink } from "~/components/ui/AppLink";

type Point = { code: string; name: string; count: number; denominator: number; value: number; ci95: Interval | null; label: ComparisonLabel; zone: FunnelZone | null };
type Line = { x: number; lower95: number; upper95: number; lower998: number; upper998: number; benchmark: number };

type Props = {
  id: string;
  metricKey: DerivedMetric;
  benchmarkLabel: string;
  comparator: "nation" | "prefecture";
  funnel: { benchmark: number | null; points: Point[]; lines: Line[] };
  fiscalYearLabel: string;
  hrefOf: (code: string) => `/${string}`;
  dataDate: string | null;
};

export const funnelSource = "月次支援状況・人口";

function funnelLabels(metricKey: DerivedMetric) {
  const rate = metricKey === "employmentOrIncomeRate";
  return {
    rate,
    label: catalogueLabel(metricKey, "derived"),
    format: rate ? (v: number) => formatPercent(v) : (v: number) => v.toFixed(1),
    xLabel: rate ? "就労支援対象者数（人）" : "人口×月",
  };
}

/** The table of the card: what it shows, and what `/compare/funnel?format=csv|xlsx` writes (ADR 028). */
export function funnelTable({ metricKey, benchmarkLabel, funnel, fiscalYearLabel, hrefOf }: Omit<Props, "id" | "dataDate" | "comparator">) {
  const { rate, label, format, xLabel } = funnelLabels(metricKey);
  const columns: DataColumn<Point>[] = [
    { key: "name", label: "実施主体", rowHeader: true, value: (p) => p.name, render: (p) => <AppLink to={hrefOf(p.code)}>{p.name}</AppLink> },
    { key: "denominator", label: xLabel, numeric: true, value: (p) => p.denominator, render: (p) => formatNumber(p.denominator) },
    { key: "count", label: rate ? "就労者＋増収者" : "件数", numeric: true, value: (p) => p.count },
    { key: "value", label: "値", numeric: true, value: (p) => Math.round(p.value * 1000) / 1000, render: (p) => format(p.value) },
    { key: "ci95", label: "95%信頼区間", value: (p) => formatInterval(p.ci95, format) },
    { key: "label", label: `${benchmarkLabel}と比べて`, value: (p) => comparisonLabelStyles[p.label].text },
    { key: "zone", label: "ファネルの位置", value: (p) => (p.zone ? funnelZoneLabels[p.zone] : "－") },
  ];
  return {
    title: `${label}のファネルプロット（${fiscalYearLabel}、比較対象: ${benchmarkLabel} ${funnel.benchmark === null ? "－" : format(funnel.benchmark)}）`,
    caption: `${label}（${fiscalYearLabel}）: 値、95%信頼区間、${benchmarkLabel}との比較、ファネルの位置`,
    fileName: `ファネルプロット_${metricKey}.csv`,
    rows: funnel.points,
    columns,
  };
}

/** Each body's figure against its size, with the limits around a benchmark; the table holds the same. */
export function FunnelPlotCard({ id, metricKey, benchmarkLabel, comparator, funnel, fiscalYearLabel, hrefOf, dataDate }: Props) {
  const { label, format, xLabel } = funnelLabels(metricKey);
  const table = funnelTable({ metricKey, benchmarkLabel, funnel, fiscalYearLabel, hrefOf });
  const outside = funnel.points.filter((p) => p.zone === "above998" || p.zone === "below998").length;
  return (
    <>
      <ChartFigure
        id={id}
        title={table.title}
        heading={
          <>
            <MetricLabel metric={metricKey} figure="derived" />
            のファネルプロット（{fiscalYearLabel}、比較対象: {benchmarkLabel} {funnel.benchmark === null ? "－" : format(funnel.benchmark)}）
          </>
        }
        source={funnelSource}
        dataDate={dataDate}
        chart={
          <FunnelPlot
            id={`${id}-chart`}
            description={`${funnel.points.length}団体の${label}を${xLabel}に対して描いた図。${benchmarkLabel}の値のまわりに95%と99.8%の管理限界。99.8%限界の外に${outside}団体。`}
            xLabel={xLabel}
            yLabel={label.replace("（人口10万人あたり月平均）", "/10万人・月")}
            format={format}
            formatX={(v) => (v >= 10_000 ? `${formatNumber(v / 10_000)}万` : formatNumber(v))}
            lines={funnel.lines}
            points={funnel.points.map((p) => {
              const style = comparisonLabelStyles[p.label];
              return {
                code: p.code,
                label: p.name,
                x: p.denominator,
                y: p.value,
                href: hrefOf(p.code),
                color: style.color,
                symbol: symbolOf(p.label, positionOf(p.ci95, funnel.benchmark)),
                description: `${p.name}: ${format(p.value)}（95%信頼区間 ${formatInterval(p.ci95, format)}）、${benchmarkLabel}と比べて${style.text}`,
                showLabel: p.zone === "above998" || p.zone === "below998",
              };
            })}
          />
        }
        table={
          <DataTable id={`${id}-data`} caption={table.caption} fileName={table.fileName} rows={table.rows} columns={table.columns} />
        }
      />
      <ComparisonLegend comparator={comparator} labels={["better", "similar", "worse"]} />
      <p className="kpi__note">
        <AppLink to={`${indicatorPath(metricKey)}#comparisons`}>{label}の定義と比較の方法</AppLink>
      </p>
    </>
  );
}
