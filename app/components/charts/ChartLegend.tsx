/**
 * A chart's legend as an HTML list under the drawing. Recharts' own legend needs the browser to measure
 * it before the plot makes room for it, so in a chart drawn on the server it covered the axis labels.
 * Each swatch is drawn with the style the chart draws its series with (colour, dash, pattern).
 */
export type LegendItem = { label: string } & (
  | { kind: "line"; color: string; dash?: string; width?: number }
  | { kind: "fill"; fill: string; pattern?: "hatch" | "dots"; stroke?: string }
);

function Swatch({ item, id }: { item: LegendItem; id: string }) {
  if (item.kind === "line") {
    return (
      <svg width="28" height="8" aria-hidden="true">
        <line x1="0" y1="4" x2="28" y2="4" stroke={item.color} strokeDasharray={item.dash} strokeWidth={item.width ?? 2} />
      </svg>
    );
  }
  const patternId = `${id}-${item.pattern}`;
  return (
    <svg width="16" height="16" aria-hidden="true">
      {item.pattern === "hatch" ? (
        <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill={item.fill} />
          <line x1="0" y1="0" x2="0" y2="6" stroke={item.stroke ?? "#0b4f8a"} strokeWidth="2" />
        </pattern>
      ) : item.pattern === "dots" ? (
        <pattern id={patternId} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill={item.fill} />
          <circle cx="2.5" cy="2.5" r="1" fill={item.stroke ?? "#0b4f8a"} />
        </pattern>
      ) : null}
      <rect x="0.5" y="0.5" width="15" height="15" fill={item.pattern ? `url(#${patternId})` : item.fill} stroke={item.stroke ?? "#555"} />
    </svg>
  );
}

/** `id`: the chart's fixed id (prefixes the swatches' pattern ids). */
export function ChartLegend({ id, items, label = "凡例" }: { id: string; items: readonly LegendItem[]; label?: string }) {
  return (
    <ul className="legend chart-legend" aria-label={label}>
      {items.map((item, i) => (
        <li key={item.label}>
          <Swatch item={item} id={`${id}-legend-${i}`} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
