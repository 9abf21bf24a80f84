import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { DateStyle } from "~/domain/format";
import { chartDrawings } from "./drawings";
import { roundCoordinates } from "./round-coordinates";
import type { ChartName } from "./ServerDrawn";

// Drawings are pure functions of their props, so equal keys draw equal markup: the same chart for every
// user and every render until its data changes is drawn once (DRAWING_CACHE_MB, least recent out). Being
// keyed by content, a drawing outlives commits that did not change its data: after a commit of one body's
// figures only the charts that show them are drawn again.
// The functions among the props are number formatters, often closures (`(v) => formatMetric(metric, v)`)
// whose source is the same for different captured values, and minified sources coincide across modules:
// a formatter is keyed by its source and by what it writes for a set of probe values.
let budgetBytes = 64 * 1024 * 1024;
const drawn = new Map<string, string>();
let drawnBytes = 0;
// V8 keeps markup with Japanese labels as two bytes per character: counted so, the budget is an upper bound
const bytesOf = (key: string, markup: string) => 2 * (key.length + markup.length);

/** The memory the drawings may keep (the DRAWING_CACHE_MB setting); 0 draws every chart afresh. */
export function setDrawingCacheBudget(bytes: number): void {
  budgetBytes = bytes;
  evictOverBudget();
}

/** What the drawings keep now (for tests). */
export function drawingCacheUsage(): { drawings: number; bytes: number } {
  return { drawings: drawn.size, bytes: drawnBytes };
}

function evictOverBudget(): void {
  for (const [oldKey, oldMarkup] of drawn) {
    if (drawnBytes <= budgetBytes) break;
    drawn.delete(oldKey);
    drawnBytes -= bytesOf(oldKey, oldMarkup);
  }
}

const probeValues = [0, 0.5, 0.123456, 1, 3, 12.5, 100, 1234.5678, 181239, -2.5];

function formatterKey(format: (value: number) => unknown): string {
  const written = probeValues.map((v) => {
    try {
      return String(format(v));
    } catch {
      return "\u0000error";
    }
  });
  return `${String(format)}\u0000${written.join("\u0000")}`;
}

const keyOf = (chart: ChartName, props: object, style: DateStyle) =>
  `${chart}\u0000${style}\u0000${JSON.stringify(props, (_name, value: unknown) => (typeof value === "function" ? formatterKey(value as (v: number) => unknown) : value))}`;

/** A chart's SVG markup, drawn by Recharts with coordinates rounded to 0.1 px, from the cache when it was drawn before. */
export function drawChartMarkup(chart: ChartName, props: object, style: DateStyle): string {
  const key = keyOf(chart, props, style);
  const cached = drawn.get(key);
  if (cached !== undefined) {
    drawn.delete(key);
    drawn.set(key, cached);
    return cached;
  }
  const markup = roundCoordinates(renderToStaticMarkup(createElement(chartDrawings[chart] as unknown as ComponentType<object>, props)));
  drawn.set(key, markup);
  drawnBytes += bytesOf(key, markup);
  evictOverBudget();
  return markup;
}
