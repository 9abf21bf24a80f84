import { buildChartImageSvg, type ChartImageLegendItem } from "./chart-image";

/**
 * Browser only (called from click handlers): reads the chart a figure shows, as the server drew it,
 * and turns it into an image file. The wide drawing is used whatever the screen width, so the image
 * is the same on a phone and on a desktop (ADR 029).
 */

export type ChartImageTexts = { title: string; source: string; dataDate: string | null };

function sizeOf(svg: SVGSVGElement): { width: number; height: number } {
  const box = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  const attribute = (name: string, fallback: number | undefined) => {
    const value = svg.getAttribute(name) ?? "";
    return /^\d+(\.\d+)?$/.test(value) ? Number(value) : (fallback ?? 0);
  };
  return { width: attribute("width", box[2]), height: attribute("height", box[3]) };
}

function serialize(node: Element): string {
  return new XMLSerializer().serializeToString(node);
}

/** The standalone SVG image of the chart in `figure` (a ChartFigure), with its title, legend, source and data date. */
export function chartImageSvg(figure: HTMLElement, texts: ChartImageTexts): { svg: string; width: number; height: number } {
  const container = figure.querySelector(".figure__chart") ?? figure;
  const drawing = container.querySelector(".chart--wide") ?? container;
  const inLegend = (e: Element) => e.closest(".recharts-legend-wrapper, .legend") !== null;
  const chart = [...drawing.querySelectorAll("svg")].find((s) => !inLegend(s));
  if (!chart) throw new Error("no chart in the figure");
  const { width, height } = sizeOf(chart);
  const clone = chart.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("width", String(width));
  clone.setAttribute("height", String(height));
  if (!clone.hasAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${width} ${height}`);
  clone.removeAttribute("style");

  // a Recharts legend sits in the drawing; an HTML legend (ChartLegend, the tile map's) after the drawings
  const legendItems = new Set([...drawing.querySelectorAll(".recharts-legend-item"), ...container.querySelectorAll(".legend li")]);
  const legend: ChartImageLegendItem[] = [...legendItems].map((item) => {
    const icon = item.querySelector("svg");
    const swatch = item.querySelector<HTMLElement>(".swatch");
    let iconMarkup: string | null = null;
    if (icon) {
      const iconClone = icon.cloneNode(true) as SVGSVGElement;
      for (const [name, value] of [["x", "0"], ["y", "0"], ["width", "14"], ["height", "14"]] as const) iconClone.setAttribute(name, value);
      iconClone.removeAttribute("style");
      iconMarkup = serialize(iconClone);
    }
    return { label: (item.textContent ?? "").trim(), icon: iconMarkup, swatch: swatch ? getComputedStyle(swatch).backgroundColor : null };
  });

  // Recharts keeps room for its (HTML) legend inside the drawing once it has measured it, which it cannot
  // while the drawing is hidden (the wide one on a phone); other legends come after the chart
  const rechartsLegend = drawing.querySelector(".recharts-legend-wrapper");
  const legendPlacement = rechartsLegend && rechartsLegend.getBoundingClientRect().height > 0 ? "chart-bottom" : "below";
  return buildChartImageSvg({ ...texts, chart: { markup: serialize(clone), width, height }, legend, legendPlacement });
}

/** Hands a Blob to the browser as a download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The SVG drawn onto a canvas at `scale`× (sharp on slides and high-density screens) as a PNG. */
export async function svgToPng(image: { svg: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const picture = new Image();
  picture.decoding = "sync";
  const loaded = new Promise<void>((resolve, reject) => {
    picture.onload = () => resolve();
    picture.onerror = () => reject(new Error("the SVG image did not load"));
  });
  picture.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.svg)}`;
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(image.width * scale);
  canvas.height = Math.round(image.height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("no canvas");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(picture, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("toBlob failed"))), "image/png"));
}

/** A file name from the chart's title, without characters Windows refuses. */
export function chartImageFileName(title: string, extension: "png" | "svg"): string {
  return `${title.replace(/[\\/:*?"<>|]/g, "_").slice(0, 80)}.${extension}`;
}
