import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  XAxis,
  YAxis,
} from "recharts";
import { niceAxisMax } from "~/domain/format";
import {
  narrowChartWidth,
  ScaledChart,
  splitAxisLabel,
  wrappedXTick,
} from "./ScaledChart";

export type ColumnDatum = { key: string; label: string; value: number | null };

/** Vertical bars over an ordered axis (months, years) from props only, each bar labelled with its value. */
export function ColumnChartDrawing({
  id,
  data,
  max,
  format,
  description,
  integer = false,
  width = 760,
  height = 260,
}: {
  /** fixed id: Recharts' own counter differs between server and client and breaks hydration */
  id: string;
  data: ColumnDatum[];
  max: number;
  format: (value: number) => string;
  description: string;
  /** counts: whole-number ticks */
  integer?: boolean;
  width?: number;
  height?: number;
}) {
  const top = niceAxisMax(max, { integer });
  const draw = (w: number, suffix: string, fontSize: number) => {
    // labels wider than their bar's slot (令和7年度 on a phone) are wrapped, not drawn over each other
    const chars = Math.max(1, Math.floor((w - 56 - 24) / Math.max(1, data.length) / fontSize));
    const lines = Math.max(1, ...data.map((d) => splitAxisLabel(d.label, chars).length));
    return (
      <BarChart id={`${id}${suffix}`} width={w} height={height + (lines - 1) * (fontSize + 2)} data={data} margin={{ top: 20, right: 16, bottom: 8, left: 8 }} title={description} desc={description}>
        <CartesianGrid vertical={false} stroke="#d5dadf" />
        {/* explicit ticks and interval: Recharts otherwise drops ticks by measuring text, which the server cannot */}
        <XAxis dataKey="label" stroke="#4d4d4d" interval={0} tick={lines > 1 ? wrappedXTick(chars, fontSize) : { fontSize, fill: "#1a1a1a" }} height={lines > 1 ? lines * (fontSize + 2) + 12 : undefined} />
        <YAxis stroke="#4d4d4d" domain={[0, top]} ticks={[0, top / 4, top / 2, (3 * top) / 4, top]} interval={0} tickFormatter={format} tick={{ fontSize: 11, fill: "#1a1a1a" }} width={56} />
        <Bar dataKey="value" fill="var(--color-chart, #0017c1)" isAnimationActive={false}>
          <LabelList dataKey="value" position="top" formatter={(v: number) => format(v)} style={{ fontSize, fill: "#1a1a1a" }} />
        </Bar>
      </BarChart>
    );
  };
  return <ScaledChart wide={draw(width, "", 11)} narrow={draw(narrowChartWidth, "-narrow", data.length > 8 ? 9 : 11)} />;
}
