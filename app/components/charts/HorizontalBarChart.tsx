import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from "recharts";

export type BarDatum = { key: string; label: string; value: number | null };

/** Draws horizontal bars from props only; cards decide what the bars mean. Server-rendered as SVG. */
export function HorizontalBarChart({
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
  const height = data.length * rowHeight + 50;
  return (
    <BarChart
      id={id}
      width={width}
      height={height}
      data={data}
      layout="vertical"
      margin={{ top: 8, right: 56, bottom: 24, left: 8 }}
      title={description}
      desc={description}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} stroke="#d5dadf" />
      {/* explicit ticks and interval: Recharts otherwise drops ticks by measuring text, which the server cannot */}
      <XAxis type="number" domain={[0, max]} ticks={[0, max / 4, max / 2, (3 * max) / 4, max]} interval={0} tickFormatter={format} orientation="top" stroke="#4d4d4d" />
      <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={{ fontSize: 12, fill: "#1a1a1a" }} stroke="#4d4d4d" />
      <Bar dataKey="value" fill="var(--color-chart, #1f6fb2)" isAnimationActive={false} barSize={Math.max(8, rowHeight - 6)}>
        <LabelList dataKey="value" position="right" formatter={(v: number) => format(v)} style={{ fontSize: 11, fill: "#1a1a1a" }} />
      </Bar>
      {reference ? (
        <ReferenceLine
          x={reference.value}
          stroke="var(--color-reference, #b3261e)"
          strokeWidth={2}
          strokeDasharray="6 3"
          label={{ value: reference.label, position: "bottom", fill: "#b3261e", fontSize: 12 }}
        />
      ) : null}
    </BarChart>
  );
}
