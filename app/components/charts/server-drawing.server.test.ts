import { describe, expect, it } from "vitest";
import { drawChartMarkup, drawingCacheUsage, setDrawingCacheBudget } from "./server-drawing.server";

describe("drawChartMarkup", () => {
  const props = (value: number, format: (v: number) => string) => ({
    id: "rates",
    data: [{ key: "31", label: "鳥取県", value }],
    max: 1,
    format,
    description: "実施率",
  });

  it("draws equal props once and tells apart data and formatters", () => {
    const percent = (v: number) => `${Math.round(v * 100)}%`;
    const first = drawChartMarkup("HorizontalBarChart", props(0.72, percent), "western");
    expect(first).toContain(">72%<");
    expect(drawChartMarkup("HorizontalBarChart", props(0.72, (v: number) => `${Math.round(v * 100)}%`), "western")).toBe(first);
    expect(drawChartMarkup("HorizontalBarChart", props(0.64, percent), "western")).toContain(">64%<");
    expect(drawChartMarkup("HorizontalBarChart", props(0.72, (v: number) => v.toFixed(2)), "western")).toContain(">0.72<");
  });

  it("tells apart closures of the same source that format differently (a metric's unit captured)", () => {
    const formatterOf = (unit: string) => (v: number) => `${v.toFixed(1)}${unit}`;
    expect(String(formatterOf("件"))).toBe(String(formatterOf("%")));
    expect(drawChartMarkup("HorizontalBarChart", props(0.5, formatterOf("件")), "western")).toContain(">0.5件<");
    expect(drawChartMarkup("HorizontalBarChart", props(0.5, formatterOf("%")), "western")).toContain(">0.5%<");
  });

  it("keeps drawings within its budget, least recently used out, and none at 0", () => {
    setDrawingCacheBudget(0);
    expect(drawingCacheUsage()).toEqual({ drawings: 0, bytes: 0 });
    const percent = (v: number) => `${Math.round(v * 100)}%`;
    const a = drawChartMarkup("HorizontalBarChart", props(0.1, percent), "western");
    expect(drawingCacheUsage()).toEqual({ drawings: 0, bytes: 0 });
    setDrawingCacheBudget(10 * 1024 * 1024);
    expect(drawChartMarkup("HorizontalBarChart", props(0.1, percent), "western")).toBe(a);
    const one = drawingCacheUsage();
    expect(one.drawings).toBe(1);
    // the markup in UTF-8 and the key at two bytes per character: "HorizontalBarChart", "western" and a
    // SHA-1 in base64 (28 characters) with two separators, 55 characters
    expect(one.bytes).toBe(Buffer.byteLength(a, "utf8") + 2 * 55);
    // b is larger than a (a longer formatter and label), so what stays tells which one was evicted
    drawChartMarkup("HorizontalBarChart", props(0.2, (v: number) => `${v * 100}パーセントの割合`), "western");
    drawChartMarkup("HorizontalBarChart", props(0.1, percent), "western"); // a used again: b is now the least recent
    const two = drawingCacheUsage();
    expect(two.drawings).toBe(2);
    expect(two.bytes - one.bytes).toBeGreaterThan(one.bytes);
    setDrawingCacheBudget(two.bytes - 1);
    expect(drawingCacheUsage()).toEqual({ drawings: 1, bytes: one.bytes });
    setDrawingCacheBudget(64 * 1024 * 1024);
  });
});
