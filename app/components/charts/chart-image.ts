/**
 * Builds a chart image for a slide: the chart's own SVG with its title above it and its legend,
 * source (出典) and data date (データ時点) below it, all as SVG text on a white page. Pure string
 * work, so it runs (and is tested) anywhere; `chart-image-dom.ts` feeds it from the rendered page.
 */

/** Fonts found on Japanese Windows and Mac machines, then Noto Sans CJK JP (Linux, Android). */
export const chartImageFontFamily =
  "'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic UI', 'Yu Gothic', YuGothic, Meiryo, 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";

export type ChartImageLegendItem = {
  label: string;
  /** the legend's own icon: an `<svg>` 14×14 at its origin */
  icon: string | null;
  /** or a colour square */
  swatch: string | null;
};

export type ChartImageInput = {
  title: string;
  source: string;
  /** the data date as the page shows it (already formatted), or null */
  dataDate: string | null;
  /** the chart's `<svg>` markup and its size in CSS pixels */
  chart: { markup: string; width: number; height: number };
  legend: ChartImageLegendItem[];
  /**
   * "chart-bottom": the chart keeps room for its legend at its bottom (Recharts' Legend, an HTML
   * overlay on the page), so the legend is drawn there; "below": after the chart (a legend of its own).
   */
  legendPlacement: "chart-bottom" | "below";
};

const padding = 24;
const titleSize = 18;
const legendSize = 13;
const footSize = 12;

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Estimated width without measuring (the server cannot): full-width characters 1 em, others 0.6 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += /[ -\u00ff\uff61-\uff9f]/.test(ch) ? 0.6 : 1;
  return ems * fontSize;
}

/** Greedy line breaking by character (Japanese has no spaces to break at). */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of text) {
    if (line !== "" && estimateTextWidth(line + ch, fontSize) > maxWidth) {
      lines.push(line);
      line = "";
    }
    line += ch;
  }
  lines.push(line);
  return lines;
}

/**
 * A page's CSS custom properties mean nothing in a file of its own: `var(--name, fallback)` in the
 * chart's attributes becomes its fallback.
 */
export function resolveCssVariables(markup: string): string {
  return markup.replace(/var\(--[\w-]+,\s*([^()]+?)\s*\)/g, "$1");
}

function textLines(lines: string[], x: number, y: number, fontSize: number, attributes: string): { markup: string; bottom: number } {
  const lineHeight = Math.round(fontSize * 1.4);
  const markup = lines.map((line, i) => `<text x="${x}" y="${y + fontSize + i * lineHeight}" font-size="${fontSize}" ${attributes}>${escapeXml(line)}</text>`).join("");
  return { markup, bottom: y + lines.length * lineHeight };
}

/** The standalone SVG document of a chart image and its size. */
export function buildChartImageSvg(input: ChartImageInput): { svg: string; width: number; height: number } {
  const width = Math.ceil(Math.max(input.chart.width, 480) + 2 * padding);
  const textWidth = width - 2 * padding;
  const parts: string[] = [];

  const title = textLines(wrapText(input.title, titleSize, textWidth), padding, padding, titleSize, 'font-weight="700" fill="#1a1a1a"');
  parts.push(title.markup);

  const chartTop = title.bottom + 12;
  parts.push(`<g transform="translate(${padding} ${chartTop})">${resolveCssVariables(input.chart.markup)}</g>`);
  const chartBottom = chartTop + input.chart.height;

  // legend items flow left to right and wrap, as the page's legend does
  const rowHeight = legendSize + 10;
  const placed: { item: ChartImageLegendItem; x: number; row: number }[] = [];
  let x = padding;
  let row = 0;
  for (const item of input.legend) {
    const itemWidth = 20 + estimateTextWidth(item.label, legendSize) + 16;
    if (x > padding && x + itemWidth > width - padding) {
      x = padding;
      row += 1;
    }
    placed.push({ item, x, row });
    x += itemWidth;
  }
  const rows = placed.length > 0 ? row + 1 : 0;
  const legendTop = input.legendPlacement === "chart-bottom" ? Math.max(chartTop, chartBottom - 4 - rows * rowHeight) : chartBottom + 8;
  for (const { item, x: left, row: r } of placed) {
    const icon = item.icon ?? `<rect width="14" height="14" fill="${escapeXml(item.swatch ?? "#ffffff")}" stroke="#555555"/>`;
    parts.push(
      `<g transform="translate(${left} ${legendTop + r * rowHeight})">${icon}<text x="20" y="${legendSize - 1}" font-size="${legendSize}" fill="#1a1a1a">${escapeXml(item.label)}</text></g>`,
    );
  }
  const y = Math.max(chartBottom, legendTop + rows * rowHeight);

  const footLines = [`出典: ${input.source}`, ...(input.dataDate ? [`データ時点: ${input.dataDate}`] : [])].flatMap((line) => wrapText(line, footSize, textWidth));
  const foot = textLines(footLines, padding, y + 4, footSize, 'fill="#4d4d4d"');
  parts.push(foot.markup);

  const height = Math.ceil(foot.bottom + padding);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${chartImageFontFamily}">` +
    `<title>${escapeXml(input.title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    parts.join("") +
    `</svg>`;
  return { svg, width, height };
}
