import { useEffect, useState } from "react";

/**
 * 「画像（PNG）」「画像（SVG）」 for the chart of a ChartFigure: the image carries the title, the
 * source and the data date (ADR 029). Shown once the page is hydrated (the download needs
 * JavaScript), so the server markup has no buttons that could not work; hidden in print.
 */
export function ChartImageButtons({
  figureId,
  title,
  source,
  dataDate,
}: {
  figureId: string;
  title: string;
  source: string;
  /** the data date as the figure's caption shows it (formatted), or null */
  dataDate: string | null;
}) {
  const [hydrated, setHydrated] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;

  async function download(format: "png" | "svg") {
    setFailed(false);
    try {
      // loaded on the first click: every chart page would otherwise ship the image code (ADR 036)
      const { chartImageFileName, chartImageSvg, saveBlob, svgToPng } = await import("./chart-image-dom");
      const figure = document.getElementById(figureId);
      if (!figure) throw new Error(`no figure ${figureId}`);
      const image = chartImageSvg(figure, { title, source, dataDate });
      const blob = format === "svg" ? new Blob([image.svg], { type: "image/svg+xml;charset=utf-8" }) : await svgToPng(image);
      saveBlob(blob, chartImageFileName(title, format));
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="chart-image-buttons" role="group" aria-label="グラフを画像で保存">
      <button type="button" className="link-button" onClick={() => void download("png")} aria-describedby={`${figureId}-title`}>
        画像（PNG）
      </button>
      <button type="button" className="link-button" onClick={() => void download("svg")} aria-describedby={`${figureId}-title`}>
        画像（SVG）
      </button>
      <span role="status">{failed ? "画像を作成できませんでした。もう一度お試しください。" : ""}</span>
    </div>
  );
}
