import { CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from "recharts";
import { narrowChartWidth, ScaledChart } from "./ScaledChart";

export type TrendSeries = { key: string; label: string; color: string; dash?: string };

/** Lines over time from props only; each series has its own dash pattern so colour is not the only cue. */
export function TrendLineChart({
  id,
  data,
  series,
  description,
  format,
  width = 900,
  height = 300,
}: {
  /** fixed id: Recharts' own counter differs between server and client and breaks hydration */
  id: string;
  data: Record<string, string | number | null>[];
  series: TrendSeries[];
  description: string;
  format: (value: number) => string;
  width?: number;
  height?: number;
}) {
  const draw = (w: number, suffix: string, ticks: number) => (
    <LineChart id={`${id}${suffix}`} width={w} height={height} data={data} margin={{ top: 8, right: 24, bottom: 8, left: 16 }} title={description} desc={description} accessibilityLayer>
      <CartesianGrid stroke="#d5dadf" />
      {/* fixed intervals: Recharts otherwise drops ticks by measuring text, which the server cannot */}
      <XAxis dataKey="label" stroke="#4d4d4d" tick={{ fontSize: 11, fill: "#1a1a1a" }} interval={Math.max(0, Math.ceil(data.length / ticks) - 1)} />
      <YAxis stroke="#4d4d4d" tickFormatter={format} tick={{ fontSize: 11, fill: "#1a1a1a" }} width={64} interval={0} />
      <Legend />
      {series.map((s) => (
        <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray={s.dash} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
      ))}
    </LineChart>
  );
  return <ScaledChart wide={draw(width, "", 12)} narrow={draw(narrowChartWidth, "-narrow", 4)} />;
}
