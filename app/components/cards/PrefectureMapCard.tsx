import { TileMap } from "~/components/charts/TileMap";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { ComparisonBadge, ComparisonLegend } from "~/components/ui/ComparisonBadge";
import { DataTable } from "~/components/ui/DataTable";
import { MetricLabel } from "~/components/ui/MetricLabel";
import { comparisonLabelStyles, comparisonLabelsFor, positionOf, symbolOf, type ComparisonLabel } from "~/domain/comparisons";
import type { Interval } from "~/domain/confidence-intervals";
import { goodOf } from "~/domain/metric-catalogue";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatInterval } from "~/domain/format";
import { comparableMetricLabels, formatMetric, type ComparableMetric } from "~/domain/metrics";
import { AppLink } from "~/components/ui/AppLink";

type Tile = { code: string; name: string; value: number | null; ci95: Interval | null; label: ComparisonLabel };

/** The prefectures on a tile map, each labelled against the nation (symbol on the tile, words in its name and the table, ADR 024). */
export function PrefectureMapCard({
  fiscalYear,
  metric,
  tiles,
  nationalValue,
  dataDate,
}: {
  fiscalYear: number;
  metric: ComparableMetric;
  tiles: Tile[];
  nationalValue: number | null;
  dataDate: string | null;
}) {
  const period = `（都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const title = `${comparableMetricLabels[metric]}${period}`;
  const ranked = [...tiles].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const format = (v: number) => formatMetric(metric, v);
  const labelText = (t: Tile) => `全国と比べて${comparisonLabelStyles[t.label].text}`;
  return (
    <>
      <ChartFigure
        id="prefecture-map"
        title={title}
        heading={
          <>
            <MetricLabel metric={metric} figure="derived" />
            {period}
          </>
        }
        source="月次支援状況（実施主体の合計。未提出の月は人口からも除く）・人口"
        dataDate={dataDate}
        chart={
          <TileMap
            data={tiles.map((t) => ({
              code: t.code,
              name: t.name,
              value: t.value,
              href: `/prefectures/${t.code}?fy=${fiscalYear}&metric=${metric}`,
              mark: t.value === null ? undefined : { symbol: symbolOf(t.label, positionOf(t.ci95, nationalValue)), text: labelText(t) },
            }))}
            format={format}
            metricLabel={comparableMetricLabels[metric]}
            description={`${title}。全国 ${formatMetric(metric, nationalValue)}。右上の記号は全国との比較（95%信頼区間）`}
          />
        }
        table={
          <DataTable
            id="prefecture-map-data"
            caption={`${title}。全国 ${formatMetric(metric, nationalValue)}`}
            fileName={`都道府県別_${metric}_${fiscalYear}.csv`}
            rows={ranked.map((t, i) => ({ ...t, rank: t.value === null ? null : i + 1 }))}
            columns={[
              { key: "rank", label: "順位", numeric: true, value: (r) => r.rank },
              { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name, render: (r) => <AppLink to={`/prefectures/${r.code}?fy=${fiscalYear}`}>{r.name}</AppLink> },
              {
                key: "value",
                label: comparableMetricLabels[metric],
                metric: { key: metric, figure: "derived" },
                numeric: true,
                value: (r) => (r.value === null ? null : Number(formatMetric(metric, r.value).replace("%", ""))),
                render: (r) => formatMetric(metric, r.value),
              },
              { key: "ci95", label: "95%信頼区間", value: (r) => formatInterval(r.ci95, format) },
              {
                key: "label",
                label: "全国と比べて",
                value: (r) => comparisonLabelStyles[r.label].text,
                render: (r) => <ComparisonBadge label={r.label} comparator="nation" metricKey={metric} interval={r.ci95} benchmark={nationalValue} />,
              },
            ]}
          />
        }
      />
      <ComparisonLegend comparator="nation" labels={comparisonLabelsFor(goodOf(metric))} />
    </>
  );
}
