import type { ConfidenceLevel, Interval } from "~/domain/confidence-intervals";
import { comparatorLabels, comparisonLabelKeys, comparisonLabelStyles, comparisonTestText, positionOf, symbolOf, type Comparator, type ComparisonLabel } from "~/domain/comparisons";
import { indicatorPath } from "~/domain/metric-catalogue";
import { AppLink } from "~/components/ui/AppLink";

/**
 * A comparison label: symbol, text and colour (never colour alone), linking to the indicator page that
 * explains the test. `benchmark` and `interval` give the symbol its direction.
 */
export function ComparisonBadge({
  label,
  comparator,
  metricKey,
  interval,
  benchmark,
}: {
  label: ComparisonLabel;
  comparator: Comparator;
  metricKey: string;
  interval: Interval | null;
  benchmark: number | null;
}) {
  const style = comparisonLabelStyles[label];
  const symbol = symbolOf(label, label === "notCompared" ? null : positionOf(interval, benchmark));
  return (
    <AppLink
      to={`${indicatorPath(metricKey)}#comparisons`}
      className={`comparison comparison--${label}`}
      style={{ color: style.color, borderColor: style.color }}
      title={`${comparatorLabels[comparator]}と比べて${style.description}`}
    >
      <span aria-hidden="true">{symbol}</span>
      <span className="visually-hidden">{comparatorLabels[comparator]}と比べて</span>
      {style.text}
    </AppLink>
  );
}

/** The legend beside a table or chart of labels: the labels used and what the test was. */
export function ComparisonLegend({
  comparator,
  level = "95",
  labels = comparisonLabelKeys,
}: {
  comparator: Comparator | readonly Comparator[];
  level?: ConfidenceLevel;
  labels?: readonly ComparisonLabel[];
}) {
  const list: readonly Comparator[] = typeof comparator === "string" ? [comparator] : comparator;
  return (
    <div className="comparison-legend">
      <ul className="legend" aria-label={`${list.map((c) => comparatorLabels[c]).join("・")}との比較の凡例`}>
        {labels.map((l) => (
          <li key={l}>
            <span className={`comparison comparison--${l}`} style={{ color: comparisonLabelStyles[l].color, borderColor: comparisonLabelStyles[l].color }}>
              <span aria-hidden="true">{comparisonLabelStyles[l].symbol}</span>
              {comparisonLabelStyles[l].text}
            </span>
            {comparisonLabelStyles[l].description}
          </li>
        ))}
      </ul>
      <p className="kpi__note">
        判定: {comparisonTestText(comparator, level)} <AppLink to="/indicators#methods">計算方法</AppLink>
      </p>
    </div>
  );
}
