import { createHash } from "node:crypto";
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
// An entry is a digest of the props and the markup in UTF-8: V8 keeps a string with Japanese labels at two
// bytes per character, and the key was the props' JSON. In bench:load (2,000 users) a drawing took ~76 KB
// that way, so 64 MB held ~880 of the ~1,100 drawings a process meets and a body's trend was drawn again
// on most visits; as UTF-8 with a digest one takes ~28 KB (ADR 049).
let budgetBytes = 64 * 1024 * 1024;
const drawn = new Map<string, Buffer>();
let drawnBytes = 0;
const bytesOf = (key: string, markup: Buffer) => 2 * key.length + markup.byteLength;

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
  `${chart}\u0000${style}\u0000${createHash("sha1")
    .update(JSON.stringify(props, (_name, value: unknown) => (typeof value === "function" ? formatterKey(value as (v: number) => unknown) : value)))
    .digest("base64")}`;

/** A chart's SVG markup, drawn by Recharts with coordinates rounded to 0.1 px, from the cache when it was drawn before. */
export function drawChartMarkup(chart: ChartName, props: object, style: DateStyle): string {
  const key = keyOf(chart, props, style);
  const cached = drawn.get(key);
  if (cached !== undefined) {
    drawn.delete(key);
    drawn.set(key, cached);
    return cached.toString("utf8");
  }
  const markup = roundCoordinates(renderToStaticMarkup(createElement(chartDrawings[chart] as unknown as ComponentType<object>, props)));
  if (budgetBytes > 0) {
    const kept = Buffer.from(markup, "utf8");
    drawn.set(key, kept);
    drawnBytes += bytesOf(key, kept);
    evictOverBudget();
  }
  return markup;
}
