import type { ComponentProps } from "react";
import { ServerDrawn } from "./ServerDrawn";
import type { TrendLineChartDrawing } from "./TrendLineChart.drawing";

export type { TrendSeries, TrendDatum } from "./TrendLineChart.drawing";

/** Drawn by Recharts on the server and sent as SVG markup (ServerDrawn); the drawing is TrendLineChart.drawing.tsx. */
export function TrendLineChart(props: ComponentProps<typeof TrendLineChartDrawing>) {
  return <ServerDrawn chart="TrendLineChart" props={props} />;
}
