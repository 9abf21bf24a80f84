import type { ComponentProps } from "react";
import { ServerDrawn } from "./ServerDrawn";
import type { JusouRolloutChartDrawing } from "./JusouRolloutChart.drawing";

export type { JusouRolloutDatum } from "./JusouRolloutChart.drawing";

/** Drawn by Recharts on the server and sent as SVG markup (ServerDrawn); the drawing is JusouRolloutChart.drawing.tsx. */
export function JusouRolloutChart(props: ComponentProps<typeof JusouRolloutChartDrawing>) {
  return <ServerDrawn chart="JusouRolloutChart" props={props} />;
}
