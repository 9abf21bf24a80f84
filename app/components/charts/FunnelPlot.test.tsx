import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FunnelPlot } from "./FunnelPlot";

describe("FunnelPlot", () => {
  const point = (code: string, x: number, y: number, showLabel: boolean) => ({
    code,
    label: `団体${code}`,
    x,
    y,
    href: `/municipalities/${code}`,
    color: "#c00000",
    symbol: "▼",
    description: `団体${code}: ${y}`,
    showLabel,
  });
  const html = renderToString(
    <FunnelPlot
      id="funnel"
      description="ファネルプロット"
      xLabel="人口×月"
      yLabel="新規相談/10万人・月"
      format={(v) => v.toFixed(1)}
      formatX={(v) => String(v)}
      points={[point("312011", 6_000_000, 16, true), point("319996", 36_000, 8.3, false)]}
      lines={[
        { x: 36_000, lower95: 6, upper95: 40, lower998: 3, upper998: 55, benchmark: 16 },
        { x: 6_000_000, lower95: 15, upper95: 17, lower998: 14.5, upper998: 17.5, benchmark: 16 },
      ]}
    />,
  );
  const wide = html.slice(0, html.indexOf('id="funnel-narrow"'));

  it("draws every point as a link with its text, and names only those it is asked to", () => {
    expect(wide.match(/<a href="\/municipalities\//g)).toHaveLength(2);
    expect(wide).toContain('aria-label="団体312011: 16"');
    expect(wide).toContain(">団体312011</text>");
    expect(wide).not.toContain(">団体319996</text>");
    // not inside Recharts' scatter symbols, which are role="img" (axe: nested-interactive)
    expect(wide).not.toContain("recharts-scatter");
  });
  it("draws the benchmark and the four limits, with a legend that does not rely on colour", () => {
    expect(wide.match(/recharts-line-curve/g)).toHaveLength(5);
    expect(html).toContain("95%管理限界（破線）");
    expect(html).toContain("99.8%管理限界（点線）");
  });
});
