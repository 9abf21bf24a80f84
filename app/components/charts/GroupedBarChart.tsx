import type { ComponentProps } from "react";
import { ServerDrawn } from "./ServerDrawn";
import type { GroupedBarChartDrawing } from "./GroupedBarChart.drawing";

export type { GroupedBarSeries, GroupedBarDatum } from "./GroupedBarChart.drawing";

/** Drawn by Recharts on the server and sent as SVG markup (ServerDrawn); the drawing is GroupedBarChart.drawing.tsx. */
export function GroupedBarChart(props: ComponentProps<typeof GroupedBarChartDrawing>) {
  return <ServerDrawn chart="GroupedBarChart" props={props} />;
}
