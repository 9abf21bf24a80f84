import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./ChartLegend";
import { jusouStatusLabels } from "~/domain/vocabulary";
import { jusouStatusColors } from "./status-colors";
import { narrowChartWidth, ScaledChart } from "./ScaledChart";

export type JusouRolloutDatum = { label: string; implementing: number; transition: number; model: number };

/** Municipalities by 重層 status per fiscal year, as grouped columns. */
export function JusouRolloutChartDrawing({ id, rows, title }: { id: string; rows: JusouRolloutDatum[]; title: string }) {
  const draw = (chartId: string, width: number) => (
    <BarChart id={chartId} width={width} height={260} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} title={title} desc={title}>
      <CartesianGrid stroke="#d5dadf" />
      <XAxis dataKey="label" stroke="#4d4d4d" interval={0} tick={{ fontSize: 12, fill: "#1a1a1a" }} />
      <YAxis stroke="#4d4d4d" interval={0} tick={{ fontSize: 12, fill: "#1a1a1a" }} />
      <Bar dataKey="implementing" name={jusouStatusLabels.implementing} fill={jusouStatusColors.implementing} isAnimationActive={false} />
      <Bar dataKey="transition" name={jusouStatusLabels.transition_preparation} fill={jusouStatusColors.transition_preparation} isAnimationActive={false} />
      <Bar dataKey="model" name={jusouStatusLabels.model_project} fill={jusouStatusColors.model_project} isAnimationActive={false} />
    </BarChart>
  );
  const statuses = ["implementing", "transition_preparation", "model_project"] as const;
  return (
    <>
      <ScaledChart wide={draw(id, 640)} narrow={draw(`${id}-narrow`, narrowChartWidth)} />
      <ChartLegend id={id} items={statuses.map((s) => ({ kind: "fill", label: jusouStatusLabels[s], fill: jusouStatusColors[s] }))} />
    </>
  );
}
