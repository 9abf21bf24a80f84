import { catalogueLabel, indicatorPath, type CatalogueMetric, type MetricFigure } from "~/domain/metric-catalogue";
import { AppLink } from "~/components/ui/AppLink";

/**
 * A metric's label from the catalogue as a link to its definition (/indicators/:key). The accessible name
 * is the label; the small 「定義」 beside it only shows that the label leads somewhere, and does not print.
 */
export function MetricLabel({ metric, figure = "count", short = false }: { metric: CatalogueMetric; figure?: MetricFigure; short?: boolean }) {
  const label = catalogueLabel(metric, figure, short ? "short" : "full");
  return (
    <AppLink to={indicatorPath(metric)} className="metric-label">
      {label}
      <span className="metric-label__definition" aria-hidden="true">
        定義
      </span>
    </AppLink>
  );
}
