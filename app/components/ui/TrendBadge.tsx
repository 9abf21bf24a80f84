import { formatFiscalYear } from "~/domain/fiscal-year";
import { indicatorPath } from "~/domain/metric-catalogue";
import { trendStyles, type Trend } from "~/domain/trends";
import { AppLink } from "~/components/ui/AppLink";

/** The direction over the last five fiscal years (増加／減少／変化なし), linking to how it is tested. */
export function TrendBadge({ trend, metricKey }: { trend: Trend | null; metricKey: string }) {
  if (!trend) return <span title="件数のある年度が3つに満たないか、傾きを推定できない（件数が片側の年度だけにある）ため判定しません">判定なし</span>;
  const style = trendStyles[trend.direction];
  return (
    <AppLink to={`${indicatorPath(metricKey)}#trends`} className="trend" title={`${formatFiscalYear(trend.years.from)}〜${formatFiscalYear(trend.years.to)}（${trend.years.count}年度）、年あたり×${trend.yearlyRatio.toFixed(2)}`}>
      <span aria-hidden="true">{style.symbol}</span>
      {style.text}
    </AppLink>
  );
}
