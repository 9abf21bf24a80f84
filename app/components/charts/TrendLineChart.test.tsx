import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrendLineChart, type TrendDatum } from "./TrendLineChart";

describe("TrendLineChart", () => {
  // 2015年4月〜2026年3月: 132 months, eleven fiscal years
  const data: TrendDatum[] = Array.from({ length: 132 }, (_, i) => {
    const year = 2015 + Math.floor((3 + i) / 12);
    const month = ((3 + i) % 12) + 1;
    return { label: `${year}年${month}月`, year, month, value: 1000 + i };
  });
  const html = renderToString(<TrendLineChart id="trend-chart" data={data} series={[{ key: "value", label: "件数", color: "#0b4f8a" }]} description="推移" format={(v) => String(v)} />);
  const ticks = (part: string) => [...part.matchAll(/<tspan[^>]*>(\d{4}年\d{1,2}月)<\/tspan>/g)].map((m) => m[1]);
  const wide = html.slice(0, html.indexOf('id="trend-chart-narrow"'));
  const narrow = html.slice(html.indexOf('id="trend-chart-narrow"'));

  it("ticks the wide drawing at every April (eleven fit in twelve)", () => {
    expect(ticks(wide)).toEqual(["2015年4月", "2016年4月", "2017年4月", "2018年4月", "2019年4月", "2020年4月", "2021年4月", "2022年4月", "2023年4月", "2024年4月", "2025年4月"]);
  });

  it("ticks the narrow drawing every 5th fiscal year (four fit: every 2nd year would be 6)", () => {
    expect(ticks(narrow)).toEqual(["2015年4月", "2020年4月", "2025年4月"]);
  });

  it("draws a scalable SVG (a viewBox the CSS can scale to its box)", () => {
    expect(wide).toMatch(/<svg[^>]*class="recharts-surface"[^>]*viewBox="0 0 900 300"/);
  });
});
