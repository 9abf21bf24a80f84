import { describe, expect, it } from "vitest";
import { buildChartImageSvg, estimateTextWidth, resolveCssVariables, wrapText } from "./chart-image";

/**
 * A tiny XML well-formedness check: every tag closes in order, attributes are quoted, and text holds
 * no raw `<` or stray `&`. Enough for the markup this module writes (no comments, CDATA or doctype).
 */
function wellFormedErrors(xml: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [, closing, name, , selfClosing, text, stray] = m;
    if (stray) errors.push(`stray < at ${m.index}`);
    else if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) errors.push(`raw & in ${text}`);
    } else if (closing) {
      if (stack.pop() !== name) errors.push(`</${name}> closes nothing open`);
    } else if (!selfClosing) stack.push(name!);
  }
  if (stack.length > 0) errors.push(`unclosed ${stack.join(",")}`);
  return errors;
}

describe("buildChartImageSvg", () => {
  const chart = '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200" viewBox="0 0 600 200"><rect x="10" y="10" width="50" height="100" fill="var(--color-chart, #0017c1)"/><text x="5" y="190">2015年4月</text></svg>';
  const image = buildChartImageSvg({
    title: "月別の推移（全国、A&B <試験>）",
    source: "月次支援状況（提出のあった実施主体の合計）",
    dataDate: "2026年11月30日",
    chart: { markup: chart, width: 600, height: 200 },
    legend: [
      { label: "新規相談受付件数", icon: '<svg x="0" y="0" width="14" height="14" viewBox="0 0 32 32"><path d="M0,16h32" stroke="#0b4f8a"/></svg>', swatch: null },
      { label: "0〜10", icon: null, swatch: "rgb(227, 238, 249)" },
    ],
    legendPlacement: "below",
  });

  it("is a well-formed SVG document", () => {
    expect(wellFormedErrors(image.svg)).toEqual([]);
    expect(image.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // the checker itself catches what it should
    expect(wellFormedErrors("<svg><text>A & B</text></svg>")).toEqual(["raw & in A & B"]);
    expect(wellFormedErrors("<svg><g></svg>")).not.toEqual([]);
  });

  it("draws the title (escaped), the source and the data date as text", () => {
    expect(image.svg).toContain(">月別の推移（全国、A&amp;B &lt;試験&gt;）</text>");
    expect(image.svg).toContain(">出典: 月次支援状況（提出のあった実施主体の合計）</text>");
    expect(image.svg).toContain(">データ時点: 2026年11月30日</text>");
    expect(image.svg).toContain(">新規相談受付件数</text>");
    expect(image.svg).toContain('<rect width="14" height="14" fill="rgb(227, 238, 249)" stroke="#555555"/>');
  });

  it("names Japanese fonts of Windows and Mac, then Noto Sans CJK JP", () => {
    const family = /font-family="([^"]*)"/.exec(image.svg)?.[1] ?? "";
    for (const font of ["'Hiragino Sans'", "'Yu Gothic'", "Meiryo", "'Noto Sans CJK JP'", "sans-serif"]) expect(family).toContain(font);
  });

  it("places the chart below the title and sizes the page around it", () => {
    // width: chart 600 + padding 24 on each side = 648
    expect(image.width).toBe(648);
    // title: one line of 18 px text from y 24, line height round(18 × 1.4) = 25 → bottom 49; chart at 49 + 12 = 61
    expect(image.svg).toContain('<g transform="translate(24 61)"><svg');
    // legend row at 61 + 200 + 8 = 269 (height 23) → 292; foot from 296: two lines of 17 → 330; + 24 padding = 354
    expect(image.height).toBe(354);
    expect(image.svg).toContain('width="648" height="354" viewBox="0 0 648 354"');
  });

  it("draws a Recharts legend in the room the chart keeps for it at its bottom", () => {
    const overlaid = buildChartImageSvg({ title: "t", source: "s", dataDate: "2026年11月30日", chart: { markup: chart, width: 600, height: 200 }, legend: [{ label: "鳥取県", icon: null, swatch: "#0b4f8a" }], legendPlacement: "chart-bottom" });
    // chart from 61 to 261; one legend row (23) ending 4 above its bottom: 261 − 4 − 23 = 234
    expect(overlaid.svg).toContain('<g transform="translate(24 234)"><rect');
    // the foot follows the chart: 261 + 4 = 265, two lines of 17 → 299, + 24 padding = 323
    expect(overlaid.height).toBe(323);
  });

  it("replaces the page's CSS variables by their fallbacks", () => {
    expect(image.svg).toContain('fill="#0017c1"');
    expect(image.svg).not.toContain("var(");
    expect(resolveCssVariables('stroke="var(--color-reference, #ce0000)"')).toBe('stroke="#ce0000"');
  });

  it("leaves out the data date line when there is none", () => {
    const undated = buildChartImageSvg({ title: "t", source: "s", dataDate: null, chart: { markup: chart, width: 600, height: 200 }, legend: [], legendPlacement: "below" });
    expect(undated.svg).not.toContain("データ時点");
  });
});

describe("wrapText", () => {
  it("breaks Japanese text by character at the estimated width", () => {
    // 12 px full-width characters, 60 px: five per line
    expect(wrapText("あいうえおかきくけこさ", 12, 60)).toEqual(["あいうえお", "かきくけこ", "さ"]);
    // ASCII counts 0.6 em: "2015" = 4 × 7.2 = 28.8 px, + "年" 12 = 40.8 px
    expect(estimateTextWidth("2015年", 12)).toBeCloseTo(40.8);
  });
});
