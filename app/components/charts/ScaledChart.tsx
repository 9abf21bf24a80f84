import type { ReactNode } from "react";

/** Narrow drawings: wide enough for labels at phone widths, scaled down a little at most. */
export const narrowChartWidth = 340;

/**
 * Recharts draws on the server at a fixed size, so each chart is drawn twice, wide and narrow, and
 * CSS shows one by screen width and scales it to its box (the SVG has a viewBox). Nothing is
 * measured in the browser, so server and client markup agree. The hidden drawing is display: none,
 * out of the accessibility tree.
 */
export function ScaledChart({ wide, narrow }: { wide: ReactNode; narrow: ReactNode }) {
  return (
    <div className="chart-scale">
      <div className="chart--wide">{wide}</div>
      <div className="chart--narrow">{narrow}</div>
    </div>
  );
}

/** Splits a label into lines of at most `chars` characters (Japanese has no spaces to break at). */
export function splitLabel(label: string, chars: number): string[] {
  const size = Math.max(1, chars);
  const lines: string[] = [];
  for (let i = 0; i < label.length; i += size) lines.push(label.slice(i, i + size));
  return lines.length > 0 ? lines : [""];
}

/**
 * An x-axis label in lines of at most `chars` characters, broken before 「年度」 when that fits
 * (平成30年度 → 平成30 / 年度), else every `chars` characters.
 */
export function splitAxisLabel(label: string, chars: number): string[] {
  if (label.length <= chars) return [label];
  const parts = label.split(/(?=年度$)/);
  return parts.length > 1 && parts.every((p) => p.length <= chars) ? parts : splitLabel(label, chars);
}

/** An x-axis tick that wraps its label under the tick without measuring text, which the server cannot do. */
export function wrappedXTick(chars: number, fontSize: number) {
  const lineHeight = fontSize + 2;
  return function WrappedXTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
    const lines = splitAxisLabel(String(props.payload?.value ?? ""), chars);
    const x = Number(props.x ?? 0);
    const y = Number(props.y ?? 0) + fontSize;
    return (
      <text x={x} y={y} textAnchor="middle" fontSize={fontSize} fill="#1a1a1a">
        {lines.map((line, i) => (
          <tspan key={i} x={x} dy={i === 0 ? 0 : lineHeight}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
}

/** A y-axis tick that wraps its label without measuring text, which the server cannot do. */
export function wrappedTick(chars: number, fontSize: number) {
  const lineHeight = fontSize + 2;
  return function WrappedTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
    const lines = splitLabel(String(props.payload?.value ?? ""), chars);
    const x = Number(props.x ?? 0);
    const y = Number(props.y ?? 0) - ((lines.length - 1) * lineHeight) / 2;
    return (
      <text x={x} y={y} textAnchor="end" dominantBaseline="central" fontSize={fontSize} fill="#1a1a1a">
        {lines.map((line, i) => (
          <tspan key={i} x={x} dy={i === 0 ? 0 : lineHeight}>
            {line}
          </tspan>
        ))}
      </text>
    );
  };
}
