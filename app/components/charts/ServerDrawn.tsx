import { createElement, lazy, Suspense, useEffect, useRef, useState, type ComponentProps, type ComponentType } from "react";
import { useFormat } from "~/components/shell/format-context";
import type { DateStyle } from "~/domain/format";
import type { chartDrawings } from "./drawings";

type ChartDrawings = typeof chartDrawings;
export type ChartName = keyof ChartDrawings;

type ServerDrawing = (chart: ChartName, props: object, style: DateStyle) => string;
let serverDrawing: ServerDrawing | null = null;

/** The server entry (and the unit tests' setup) hands over drawChartMarkup (server-drawing.server.ts), which the browser bundle must not carry. */
export function registerServerDrawing(drawing: ServerDrawing): void {
  serverDrawing = drawing;
}

const drawingOf = (drawings: ChartDrawings, chart: ChartName) => drawings[chart] as unknown as ComponentType<object>;

const LazyDrawing = lazy(async () => {
  const { chartDrawings } = await import("./drawings");
  return {
    default: function Drawing({ chart, props }: { chart: ChartName; props: object }) {
      return createElement(drawingOf(chartDrawings, chart), props);
    },
  };
});

// true once the first page has hydrated: charts mounted later (client-side navigation) have no server markup
let hydrated = false;

/**
 * A chart drawn by Recharts on the server and sent as SVG markup with coordinates rounded to 0.1 px.
 * No chart is interactive beyond its links, so the browser keeps the server's SVG as it is (React does
 * not hydrate inside dangerouslySetInnerHTML) and Recharts stays out of the page's JavaScript; a chart
 * that appears after a client-side navigation, or whose data changed, loads Recharts and draws itself.
 */
export function ServerDrawn<Name extends ChartName>({ chart, props }: { chart: Name; props: ComponentProps<ChartDrawings[Name]> }) {
  const { style } = useFormat();
  const signature = serverDrawing ? "" : JSON.stringify(props);
  const [serverSignature, setServerSignature] = useState(() => (serverDrawing || hydrated ? null : signature));
  const kept = useRef<HTMLDivElement>(null);
  useEffect(() => {
    hydrated = true;
    // React rendered the page from scratch (after a hydration error elsewhere): there is no server markup to keep
    if (serverSignature !== null && !kept.current?.firstChild) setServerSignature(null);
  }, [serverSignature]);

  if (serverDrawing) return <div className="chart-drawing" dangerouslySetInnerHTML={{ __html: serverDrawing(chart, props, style) }} />;
  if (serverSignature === signature) {
    return <div ref={kept} className="chart-drawing" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: "" }} />;
  }
  return (
    <div className="chart-drawing">
      <Suspense fallback={null}>
        <LazyDrawing chart={chart} props={props} />
      </Suspense>
    </div>
  );
}
