import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";
import { narrowChartWidth, ScaledChart, splitLabel, wrappedTick } from "./ScaledChart";

export type BarDatum = { key: string; label: string; value: number | null };

/** Draws horizontal bars from props only; cards decide what the bars mean. Server-rendered as SVG. */
export function HorizontalBarChartDrawing({
  id,
  data,
  max,
  format,
  reference,
  description,
  width = 760,
  rowHeight = 18,
  labelWidth = 72,
}: {
  /** fixed id: Recharts' own counter differs between server and client and breaks hydration */
  id: string;
  data: BarDatum[];
  max: number;
  format: (value: number) => string;
  reference?: { value: number; label: string };
  description: string;
  width?: number;
  rowHeight?: number;
  labelWidth?: number;
}) {
  const draw = (w: number, suffix: string, labelW: number, fontSize: number) => {
    const chars = Math.floor((labelW - 10) / fontSize);
    const lines = Math.max(1, ...data.map((d) => splitLabel(d.label, chars).length));
    const row = Math.max(rowHeight, lines * (fontSize + 2) + 4);
    return (
      <BarChart
        id={`${id}${suffix}`}
        width={w}
        height={data.length * row + 50}
        data={data}
        layout="vertical"
        margin={{ top: 8, right: 56, bottom: 24, left: 8 }}
        title={description}
        desc={description}
      >
        <CartesianGrid horizontal={false} stroke="#d5dadf" />
        {/* explicit ticks and interval: Recharts otherwise drops ticks by measuring text, which the server cannot */}
        <XAxis type="number" domain={[0, max]} ticks={[0, max / 4, max / 2, (3 * max) / 4, max]} interval={0} tickFormatter={format} orientation="top" stroke="#4d4d4d" tick={{ fontSize: 11, fill: "#1a1a1a" }} />
        <YAxis type="category" dataKey="label" width={labelW} interval={0} tick={wrappedTick(chars, fontSize)} stroke="#4d4d4d" />
        {/* the line is drawn before the bars so the value labels sit on top of it, each on a white halo */}
        {reference ? (
          <ReferenceLine
            x={reference.value}
            stroke="var(--color-reference, #ce0000)"
            strokeWidth={2}
            strokeDasharray="6 3"
            label={{ value: reference.label, position: "bottom", fill: "#ce0000", fontSize: 12 }}
          />
        ) : null}
        <Bar dataKey="value" fill="var(--color-chart, #0017c1)" isAnimationActive={false} barSize={Math.max(8, Math.min(row - 6, 14))}>
          <LabelList dataKey="value" position="right" formatter={(v: number) => format(v)} style={{ fontSize: 11, fill: "#1a1a1a", stroke: "#ffffff", strokeWidth: 3, paintOrder: "stroke" }} />
        </Bar>
      </BarChart>
    );
  };
  return <ScaledChart wide={draw(width, "", labelWidth, 12)} narrow={draw(narrowChartWidth, "-narrow", Math.min(labelWidth, 96), 11)} />;
}
