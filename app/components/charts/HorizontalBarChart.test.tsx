import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HorizontalBarChart } from "./HorizontalBarChart";

describe("HorizontalBarChart", () => {
  const html = renderToString(
    <HorizontalBarChart
      id="rates"
      data={[
        { key: "31", label: "鳥取県", value: 0.72 },
        { key: "32", label: "島根県", value: 0.64 },
      ]}
      max={1}
      format={(v) => `${Math.round(v * 100)}%`}
      reference={{ value: 0.69, label: "全国 69%" }}
      description="就労準備支援事業の実施率"
    />,
  );

  it("draws the national line under the value labels, which sit on a white halo", () => {
    // SVG paints in document order: whatever comes later covers what came before
    const wide = html.slice(0, html.indexOf('id="rates-narrow"'));
    const line = wide.indexOf("recharts-reference-line");
    const labels = wide.indexOf("recharts-label-list");
    expect(line).toBeGreaterThan(0);
    expect(labels).toBeGreaterThan(line);
    expect(wide).toContain("paint-order:stroke");
    expect(wide).toMatch(/stroke:#ffffff;stroke-width:3/);
  });

  it("draws the chart wide and narrow for CSS to choose from", () => {
    expect(html).toContain('id="rates"');
    expect(html).toContain('id="rates-narrow"');
  });
});
