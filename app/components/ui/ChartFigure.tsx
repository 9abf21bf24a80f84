import type { ReactNode } from "react";
import { ChartImageButtons } from "~/components/charts/ChartImageButtons";
import { useFormat } from "~/components/shell/format-context";
import { TableExportContext } from "./data-table-export";

/** A chart with its title, a table of the same data, its source and the date of the data. */
export function ChartFigure({
  id,
  title,
  heading,
  source,
  dataDate,
  chart,
  table,
}: {
  id: string;
  title: string;
  /** the title as the page shows it, e.g. with its metric's label linking to the definition (default: title) */
  heading?: ReactNode;
  source: string;
  dataDate: string | null;
  chart: ReactNode;
  table: ReactNode;
}) {
  const format = useFormat();
  return (
    <figure className="figure" id={id} aria-labelledby={`${id}-title`}>
      <h3 className="figure__title" id={`${id}-title`}>
        {heading ?? title}
      </h3>
      <div className="figure__chart">{chart}</div>
      <ChartImageButtons figureId={id} title={title} source={source} dataDate={dataDate ? format.date(dataDate) : null} />
      <details id={`${id}-table`}>
        <summary>表で見る</summary>
        <TableExportContext.Provider value={{ title, source, dataDate }}>{table}</TableExportContext.Provider>
      </details>
      <figcaption>
        出典: {source}
        {dataDate ? ` ／ データ時点: ${format.date(dataDate)}` : null}
      </figcaption>
    </figure>
  );
}
