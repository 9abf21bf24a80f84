import { CartesianGrid, ComposedChart, Customized, Line, XAxis, YAxis } from "recharts";
import { narrowChartWidth, ScaledChart } from "./ScaledChart";

export type FunnelPoint = {
  code: string;
  label: string;
  x: number;
  y: number;
  href: string;
  /** the point's colour and symbol (from the comparison labels: never colour alone) */
  color: string;
  symbol: string;
  /** what a screen reader hears and the tooltip shows */
  description: string;
  /** draws the label beside the point (those outside the limits) */
  showLabel: boolean;
};

export type FunnelLine = { x: number; lower95: number; upper95: number; lower998: number; upper998: number; benchmark: number };

const limitStyles = [
  { key: "upper998", name: "99.8%限界", dash: "2 3", color: "#1a1a1a" },
  { key: "upper95", name: "95%限界", dash: "6 3", color: "#4d4d4d" },
  { key: "benchmark", name: "比較対象", dash: undefined, color: "#0017c1" },
  { key: "lower95", name: "95%限界", dash: "6 3", color: "#4d4d4d" },
  { key: "lower998", name: "99.8%限界", dash: "2 3", color: "#1a1a1a" },
] as const;

/** Powers of ten within the range (a log axis' ticks, fixed so the server draws what the client does). */
function logTicks(from: number, to: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(from)); e <= Math.ceil(Math.log10(to)); e++) ticks.push(10 ** e);
  return ticks;
}

/**
 * A funnel plot from props only: points (links to the bodies, keyboard reachable, each with its text)
 * against their denominator on a log axis, and the control limits drawn as dashed lines.
 */
const styleOf = (key: (typeof limitStyles)[number]["key"]) => limitStyles.find((s) => s.key === key)!;
const widthOf = (key: string) => (key === "benchmark" ? 2 : 1.5);
// the legend draws each kind of line with the style the chart draws it with
const legendLines = [
  { label: "比較対象の値（実線）", ...styleOf("benchmark"), width: widthOf("benchmark") },
  { label: "95%管理限界（破線）", ...styleOf("upper95"), width: widthOf("upper95") },
  { label: "99.8%管理限界（点線）", ...styleOf("upper998"), width: widthOf("upper998") },
];

export function FunnelPlotDrawing({
  id,
  points,
  lines,
  description,
  xLabel,
  yLabel,
  format,
  formatX,
  width = 900,
  height = 420,
}: {
  id: string;
  points: FunnelPoint[];
  lines: FunnelLine[];
  description: string;
  xLabel: string;
  yLabel: string;
  format: (value: number) => string;
  formatX: (value: number) => string;
  width?: number;
  height?: number;
}) {
  const xs = [...points.map((p) => p.x), ...lines.map((l) => l.x)].filter((x) => x > 0);
  const xMin = xs.length ? Math.min(...xs) : 1;
  const xMax = xs.length ? Math.max(...xs) : 10;
  const ticks = logTicks(xMin, xMax);
  const yMax = Math.max(1, ...points.map((p) => p.y), ...lines.filter((l) => Number.isFinite(l.upper95)).map((l) => Math.min(l.upper95, 3 * (l.benchmark || 1))));
  const domainY = [0, Math.ceil(yMax * 1.1)];
  const draw = (w: number, suffix: string) => (
    <ComposedChart id={`${id}${suffix}`} width={w} height={height} margin={{ top: 12, right: 24, bottom: 28, left: 16 }} title={description} desc={description}>
      <CartesianGrid stroke="#d5dadf" />
      <XAxis
        type="number"
        dataKey="x"
        scale="log"
        domain={[ticks[0]!, ticks[ticks.length - 1]!]}
        ticks={ticks}
        interval={0}
        allowDataOverflow
        tickFormatter={formatX}
        stroke="#4d4d4d"
        tick={{ fontSize: 11, fill: "#1a1a1a" }}
        label={{ value: xLabel, position: "insideBottom", offset: -16, fontSize: 12, fill: "#1a1a1a" }}
      />
      <YAxis type="number" domain={domainY} allowDataOverflow tickFormatter={format} stroke="#4d4d4d" tick={{ fontSize: 11, fill: "#1a1a1a" }} width={64} interval={0} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12, fill: "#1a1a1a" }} />
      {limitStyles.map((s) => (
        <Line key={s.key} data={lines} dataKey={s.key} name={s.name} type="monotone" stroke={s.color} strokeDasharray={s.dash} dot={false} strokeWidth={widthOf(s.key)} isAnimationActive={false} legendType="none" />
      ))}
      {/* points drawn here rather than by <Scatter>, whose symbols are role="img" and may not hold links */}
      <Customized
        component={(props: { xAxisMap?: Record<string, { scale: (v: number) => number }>; yAxisMap?: Record<string, { scale: (v: number) => number }> }) => {
          const x = Object.values(props.xAxisMap ?? {})[0]?.scale;
          const y = Object.values(props.yAxisMap ?? {})[0]?.scale;
          if (!x || !y) return <g />;
          return (
            <g className="funnel-points">
              {points.map((p) => {
                const cx = x(p.x);
                const cy = y(Math.min(p.y, domainY[1]!));
                return (
                  <a key={p.code} href={p.href} aria-label={p.description} className="funnel-point">
                    <title>{p.description}</title>
                    <circle cx={cx} cy={cy} r={5} fill="#fff" stroke={p.color} strokeWidth={2} />
                    <text x={cx} y={cy} textAnchor="middle" dominantBaseline="central" fontSize={7} fill={p.color} aria-hidden="true">
                      {p.symbol}
                    </text>
                    {p.showLabel ? (
                      <text x={cx + 8} y={cy - 6} fontSize={11} fill="#1a1a1a" aria-hidden="true">
                        {p.label}
                      </text>
                    ) : null}
                  </a>
                );
              })}
            </g>
          );
        }}
      />
    </ComposedChart>
  );
  return (
    <>
      <ScaledChart wide={draw(width, "")} narrow={draw(narrowChartWidth, "-narrow")} />
      <ul className="legend" aria-label="線の凡例">
        {legendLines.map((l) => (
          <li key={l.label}>
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" stroke={l.color} strokeDasharray={l.dash} strokeWidth={l.width} />
            </svg>
            {l.label}
          </li>
        ))}
      </ul>
    </>
  );
}
