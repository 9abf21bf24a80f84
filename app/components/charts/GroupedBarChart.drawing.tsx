import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from "recharts";
import { ChartLegend } from "./ChartLegend";
import { narrowChartWidth, ScaledChart, splitLabel, wrappedTick } from "./ScaledChart";

export type GroupedBarSeries = { key: string; label: string };
export type GroupedBarDatum = { key: string; label: string } & Record<string, number | string | null>;

// Each series differs by fill and by pattern (solid, hatched, dotted), so colour is not the only cue.
const fills = ["#0b4f8a", "#7fb0dc", "#e3eef9"] as const;

/** Horizontal bars, one per series in each group (two fiscal years side by side, say), from props only. */
export function GroupedBarChartDrawing({
  id,
  data,
  series,
  max,
  format,
  description,
  width = 760,
  labelWidth = 220,
}: {
  /** fixed id: also prefixes the pattern ids, which must match between server and client */
  id: string;
  data: GroupedBarDatum[];
  series: GroupedBarSeries[];
  max: number;
  format: (value: number) => string;
  description: string;
  width?: number;
  labelWidth?: number;
}) {
  const draw = (w: number, chartId: string, labelW: number, fontSize: number) => {
    const chars = Math.floor((labelW - 10) / fontSize);
    const lines = Math.max(1, ...data.map((d) => splitLabel(d.label, chars).length));
    const rowHeight = Math.max(12 * series.length + 14, lines * (fontSize + 2) + 6);
    const height = data.length * rowHeight + 48;
    return (
      <BarChart id={chartId} width={w} height={height} data={data} layout="vertical" margin={{ top: 8, right: 56, bottom: 8, left: 8 }} title={description} desc={description}>
        <defs>
          <pattern id={`${chartId}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={fills[1]} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#0b4f8a" strokeWidth="2" />
          </pattern>
          <pattern id={`${chartId}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
            <rect width="5" height="5" fill={fills[2]} />
            <circle cx="2.5" cy="2.5" r="1" fill="#0b4f8a" />
          </pattern>
        </defs>
        <CartesianGrid horizontal={false} stroke="#d5dadf" />
        {/* explicit ticks and interval: Recharts otherwise drops ticks by measuring text, which the server cannot */}
        <XAxis type="number" domain={[0, max]} ticks={[0, max / 4, max / 2, (3 * max) / 4, max]} interval={0} tickFormatter={format} orientation="top" stroke="#4d4d4d" tick={{ fontSize: 11, fill: "#1a1a1a" }} />
        <YAxis type="category" dataKey="label" width={labelW} interval={0} tick={wrappedTick(chars, fontSize)} stroke="#4d4d4d" />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={i === 0 ? fills[0] : i === 1 ? `url(#${chartId}-hatch)` : `url(#${chartId}-dots)`}
            stroke="#0b4f8a"
            isAnimationActive={false}
            barSize={10}
          >
            <LabelList dataKey={s.key} position="right" formatter={(v: number) => format(v)} style={{ fontSize: 11, fill: "#1a1a1a" }} />
          </Bar>
        ))}
      </BarChart>
    );
  };
  const patterns = [undefined, "hatch", "dots"] as const;
  return (
    <>
      <ScaledChart wide={draw(width, id, labelWidth, 12)} narrow={draw(narrowChartWidth, `${id}-narrow`, Math.min(labelWidth, 120), 11)} />
      <ChartLegend id={id} items={series.map((s, i) => ({ kind: "fill", label: s.label, fill: fills[Math.min(i, 2)]!, pattern: patterns[Math.min(i, 2)], stroke: "#0b4f8a" }))} />
    </>
  );
}
