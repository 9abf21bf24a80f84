import type { ComponentProps } from "react";
import { ServerDrawn } from "./ServerDrawn";
import type { ColumnChartDrawing } from "./ColumnChart.drawing";

export type { ColumnDatum } from "./ColumnChart.drawing";

/** Drawn by Recharts on the server and sent as SVG markup (ServerDrawn); the drawing is ColumnChart.drawing.tsx. */
export function ColumnChart(props: ComponentProps<typeof ColumnChartDrawing>) {
  return <ServerDrawn chart="ColumnChart" props={props} />;
}
