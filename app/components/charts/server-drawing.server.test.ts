import { describe, expect, it } from "vitest";
import { drawChartMarkup } from "./server-drawing.server";

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
});
