import { ColumnChartDrawing } from "./ColumnChart.drawing";
import { FunnelPlotDrawing } from "./FunnelPlot.drawing";
import { GroupedBarChartDrawing } from "./GroupedBarChart.drawing";
import { HorizontalBarChartDrawing } from "./HorizontalBarChart.drawing";
import { JusouRolloutChartDrawing } from "./JusouRolloutChart.drawing";
import { TrendLineChartDrawing } from "./TrendLineChart.drawing";

/**
 * Every Recharts drawing by name. Only the server imports this statically (entry.server.tsx); the
 * browser loads it on demand, for a chart that appears after a client-side navigation (ServerDrawn).
 */
export const chartDrawings = {
  ColumnChart: ColumnChartDrawing,
  FunnelPlot: FunnelPlotDrawing,
  GroupedBarChart: GroupedBarChartDrawing,
  HorizontalBarChart: HorizontalBarChartDrawing,
  JusouRolloutChart: JusouRolloutChartDrawing,
  TrendLineChart: TrendLineChartDrawing,
};
