import type { ComponentProps } from "react";
import { ServerDrawn } from "./ServerDrawn";
import type { HorizontalBarChartDrawing } from "./HorizontalBarChart.drawing";

export type { BarDatum } from "./HorizontalBarChart.drawing";

/** Drawn by Recharts on the server and sent as SVG markup (ServerDrawn); the drawing is HorizontalBarChart.drawing.tsx. */
export function HorizontalBarChart(props: ComponentProps<typeof HorizontalBarChartDrawing>) {
  return <ServerDrawn chart="HorizontalBarChart" props={props} />;
}
