import { TileMap } from "~/components/charts/TileMap";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { comparableMetricLabels, formatMetric, type ComparableMetric } from "~/domain/metrics";

export function PrefectureMapCard({
  fiscalYear,
  metric,
  tiles,
  nationalValue,
  dataDate,
}: {
  fiscalYear: number;
  metric: ComparableMetric;
  tiles: { code: string; name: string; value: number | null }[];
  nationalValue: number | null;
  dataDate: string | null;
}) {
  const title = `${comparableMetricLabels[metric]}（都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const ranked = [...tiles].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  return (
    <ChartFigure
      id="prefecture-map"
      title={title}
      source="月次支援状況（実施主体の合計。未提出の月は人口からも除く）・人口"
      dataDate={dataDate}
      chart={
        <TileMap
          data={tiles.map((t) => ({ ...t, href: `/prefectures/${t.code}?fy=${fiscalYear}&metric=${metric}` }))}
          format={(v) => formatMetric(metric, v)}
          metricLabel={comparableMetricLabels[metric]}
          description={`${title}。全国 ${formatMetric(metric, nationalValue)}`}
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
            { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name, render: (r) => <a href={`/prefectures/${r.code}?fy=${fiscalYear}`}>{r.name}</a> },
            { key: "value", label: comparableMetricLabels[metric], numeric: true, value: (r) => (r.value === null ? null : Number(formatMetric(metric, r.value).replace("%", ""))), render: (r) => formatMetric(metric, r.value) },
          ]}
        />
      }
    />
  );
}
