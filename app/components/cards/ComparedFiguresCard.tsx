import { useFormat } from "~/components/shell/format-context";
import { ComparisonBadge, ComparisonLegend } from "~/components/ui/ComparisonBadge";
import { DataTable } from "~/components/ui/DataTable";
import { MetricLabel } from "~/components/ui/MetricLabel";
import { TrendBadge } from "~/components/ui/TrendBadge";
import { comparatorLabels, comparisonLabelStyles, type Comparator, type ComparedFigure } from "~/domain/comparisons";
import { comparedFigureKeys, type ComparedFigureKey } from "~/domain/compared-figures";
import { formatInterval, formatPercent } from "~/domain/format";
import { catalogueLabel } from "~/domain/metric-catalogue";
import { trendStyles, type Trend } from "~/domain/trends";

const labelOf = (key: ComparedFigureKey) => catalogueLabel(key, "derived");
const formatOf = (key: ComparedFigureKey) => (key === "employmentOrIncomeRate" ? (v: number) => formatPercent(v) : (v: number) => v.toFixed(1));

/** A body's (or prefecture's) figures with their 95% intervals, the labels against each comparator and the five-year trend. */
export function ComparedFiguresCard({
  id,
  caption,
  fileName,
  figures,
  trends,
  comparators,
  dataDate,
}: {
  id: string;
  caption: string;
  fileName: string;
  figures: Record<ComparedFigureKey, ComparedFigure>;
  trends: Record<ComparedFigureKey, Trend | null>;
  comparators: readonly Comparator[];
  dataDate: string | null;
}) {
  const format = useFormat();
  const rows = comparedFigureKeys.map((key) => ({ key, label: labelOf(key), format: formatOf(key), figure: figures[key], trend: trends[key] }));
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{caption}</h3>
      <DataTable
        id={id}
        caption={`${caption}（値、95%信頼区間、${comparators.map((c) => comparatorLabels[c]).join("・")}との比較、直近5年度の推移）`}
        fileName={fileName}
        rows={rows}
        columns={[
          { key: "label", label: "指標", rowHeader: true, value: (r) => r.label, render: (r) => <MetricLabel metric={r.key} figure="derived" /> },
          { key: "value", label: "値", numeric: true, value: (r) => r.figure.value, render: (r) => (r.figure.value === null ? "－" : r.format(r.figure.value)) },
          { key: "ci95", label: "95%信頼区間", value: (r) => formatInterval(r.figure.ci95, r.format) },
          ...comparators.map((c) => ({
            key: c,
            label: `${comparatorLabels[c]}と比べて`,
            value: (r: (typeof rows)[number]) => {
              const label = r.figure.labels[c];
              const benchmark = r.figure.benchmarks[c];
              return label === undefined ? null : `${comparisonLabelStyles[label].text}（${benchmark === null || benchmark === undefined ? "－" : r.format(benchmark)}）`;
            },
            render: (r: (typeof rows)[number]) => {
              const label = r.figure.labels[c];
              const benchmark = r.figure.benchmarks[c] ?? null;
              if (label === undefined) return "－";
              return (
                <>
                  <ComparisonBadge label={label} comparator={c} metricKey={r.key} interval={r.figure.ci95} benchmark={benchmark} />
                  <span className="interval">{benchmark === null ? "－" : r.format(benchmark)}</span>
                </>
              );
            },
          })),
          { key: "trend", label: "推移（直近5年度）", value: (r) => (r.trend ? trendStyles[r.trend.direction].text : null), render: (r) => <TrendBadge trend={r.trend} metricKey={r.key} /> },
        ]}
      />
      <ComparisonLegend comparator={comparators} labels={["better", "similar", "worse", "notCompared"]} />
      <p className="kpi__note">
        出典: 月次支援状況・人口・目安値{dataDate ? ` ／ データ時点: ${format.date(dataDate)}` : null}
      </p>
    </section>
  );
}
