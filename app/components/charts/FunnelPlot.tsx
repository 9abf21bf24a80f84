import type { ComponentProps } from "react";
import { ServerDrawn } from "./ServerDrawn";
import type { FunnelPlotDrawing } from "./FunnelPlot.drawing";

export type { FunnelPoint, FunnelLine } from "./FunnelPlot.drawing";

/** Drawn by Recharts on the server and sent as SVG markup (ServerDrawn); the drawing is FunnelPlot.drawing.tsx. */
export function FunnelPlot(props: ComponentProps<typeof FunnelPlotDrawing>) {
  return <ServerDrawn chart="FunnelPlot" props={props} />;
}
