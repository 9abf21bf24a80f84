import { CartesianGrid, Line, LineChart, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./ChartLegend";
import { fiscalYearStartTicks } from "./axis-ticks";
import { narrowChartWidth, ScaledChart } from "./ScaledChart";

export type TrendSeries = { key: string; label: string; color: string; dash?: string };
/** One point of a trend: its axis label and its month (a fiscal year is drawn at its April). */
export type TrendDatum = { label: string; year: number; month: number } & Record<string, string | number | null>;

/**
 * Lines over time from props only; each series has its own dash pattern so colour is not the only cue.
 * Straight segments: the figures are counts per month or year, and a smoothed curve would draw values
 * between them that were never reported (it also doubled the path data).
 */
export function TrendLineChartDrawing({
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
  data: TrendDatum[];
  series: TrendSeries[];
  description: string;
  format: (value: number) => string;
  width?: number;
  height?: number;
}) {
  const draw = (w: number, suffix: string, maxTicks: number) => (
    <LineChart id={`${id}${suffix}`} width={w} height={height} data={data} margin={{ top: 8, right: 32, bottom: 8, left: 16 }} title={description} desc={description}>
      <CartesianGrid stroke="#d5dadf" />
      {/* ticks at fiscal-year starts, given explicitly: Recharts otherwise drops ticks by measuring text, which the server cannot */}
      <XAxis
        dataKey="label"
        stroke="#4d4d4d"
        tick={{ fontSize: 11, fill: "#1a1a1a" }}
        ticks={fiscalYearStartTicks(data, maxTicks).map((i) => data[i]!.label)}
        interval={0}
      />
      <YAxis stroke="#4d4d4d" tickFormatter={format} tick={{ fontSize: 11, fill: "#1a1a1a" }} width={64} interval={0} />
      {series.map((s) => (
        <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color} strokeDasharray={s.dash} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
      ))}
    </LineChart>
  );
  return (
    <>
      <ScaledChart wide={draw(width, "", 12)} narrow={draw(narrowChartWidth, "-narrow", 4)} />
      <ChartLegend id={id} items={series.map((s) => ({ kind: "line", label: s.label, color: s.color, dash: s.dash }))} label="線の凡例" />
    </>
  );
}
