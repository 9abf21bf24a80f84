import { useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { flushSync } from "react-dom";
import { useLocation } from "@remix-run/react";
import { exportTableCsv, xlsxFileName, type ExportColumnKind } from "~/domain/table-export";
import { exportTableOf, TableExportContext } from "./data-table-export";
import { useFormat } from "~/components/shell/format-context";
import type { Formatters } from "~/domain/format";
import type { CatalogueMetric, MetricFigure } from "~/domain/metric-catalogue";
import { MetricLabel } from "./MetricLabel";

export type DataColumn<Row> = {
  key: string;
  label: string;
  numeric?: boolean;
  /** the value sorted on and written to the CSV */
  value: (row: Row) => string | number | null;
  /** what the cell shows (defaults to the value through the user's formatters: see displayValue) */
  render?: (row: Row) => ReactNode;
  rowHeader?: boolean;
  /** a column of one catalogue metric: its header links to the definition, beside the sort button */
  metric?: { key: CatalogueMetric; figure?: MetricFigure; short?: boolean };
  /** how downloads write the value (default: number when numeric, else text) */
  kind?: ExportColumnKind;
  /** decimals of a number column in the downloads, as `render` shows them (default 1) */
  decimals?: number;
  /** a rate column: downloads carry its numerator and denominator in their own columns, then the rate */
  rate?: {
    numerator: (row: Row) => number | null;
    denominator: (row: Row) => number | null;
    numeratorLabel: string;
    denominatorLabel: string;
  };
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoMonth = /^\d{4}-\d{2}$/;

/**
 * How a cell without `render` shows its value: numbers with separators, "2026-02-20" as 2026年2月20日
 * (or 令和8年2月20日) and "2025-04" as 2025年4月, as the user chose; the CSV keeps the value itself.
 */
export function displayValue(value: string | number | null, format: Formatters): ReactNode {
  if (value === null) return "－";
  if (typeof value === "number") return format.number(value);
  if (isoDate.test(value)) return format.date(value);
  if (isoMonth.test(value)) return format.month(value);
  return value;
}

/** Rows a long table shows until asked for the rest: about a screen; a table a few rows longer is shown whole. */
export const screenRows = 30;
const screenRowsSlack = 5;

/**
 * A table every user can sort (header buttons with aria-sort) and download as CSV (UTF-8 with BOM,
 * formulas neutralised, the same rules as dataset downloads). Rendered on the server; sorting and
 * downloading need JavaScript, reading does not. A long table renders its first screen of rows (sorted
 * as chosen) and 「すべて表示」: a button, or without JavaScript a link to the page with `?rows=<id>`;
 * printing shows every row, and the downloads always hold the whole table.
 */
export function DataTable<Row>({
  id,
  caption,
  columns,
  rows,
  fileName,
  rowClassName,
  captionHidden = false,
  downloadHref,
}: {
  id: string;
  caption: string;
  columns: DataColumn<Row>[];
  rows: Row[];
  fileName: string;
  rowClassName?: (row: Row) => string | undefined;
  captionHidden?: boolean;
  /** a server download of the whole list, for tables that show one page of it */
  downloadHref?: string;
}) {
  const format = useFormat();
  const [sort, setSort] = useState<{ key: string; direction: "ascending" | "descending" } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return rows;
    const factor = sort.direction === "ascending" ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "ja")) * factor;
    });
  }, [rows, columns, sort]);

  const meta = useContext(TableExportContext);
  const location = useLocation();
  const [showAll, setShowAll] = useState(false);
  const search = new URLSearchParams(location.search);
  const limited = !downloadHref && !showAll && !search.getAll("rows").includes(id) && sorted.length > screenRows + screenRowsSlack;
  const shown = limited ? sorted.slice(0, screenRows) : sorted;
  useEffect(() => {
    if (!limited) return;
    // the print (and print preview) gets every row: rendered synchronously before the browser lays out the print
    const expand = () => flushSync(() => setShowAll(true));
    const print = window.matchMedia("print");
    const onMedia = (event: MediaQueryListEvent) => {
      if (event.matches) expand();
    };
    window.addEventListener("beforeprint", expand);
    print.addEventListener("change", onMedia);
    return () => {
      window.removeEventListener("beforeprint", expand);
      print.removeEventListener("change", onMedia);
    };
  }, [limited]);
  search.append("rows", id);
  const exportTable = () => exportTableOf(caption, columns, sorted, { ...meta, conditions: `${location.pathname}${location.search}`, dateStyle: format.style });

  function save(blob: Blob, name: string) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  }

  function download() {
    save(new Blob([`\uFEFF${exportTableCsv(exportTable())}`], { type: "text/csv;charset=utf-8" }), fileName);
  }

  async function downloadXlsx() {
    // ExcelJS is loaded only when someone asks for a workbook
    const [{ default: ExcelJS }, { writeTableSheet }] = await Promise.all([import("exceljs"), import("~/domain/table-xlsx")]);
    const book = new ExcelJS.Workbook();
    writeTableSheet(book, exportTable());
    const buffer = await book.xlsx.writeBuffer();
    save(new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), xlsxFileName(fileName));
  }

  return (
    <div className="data-table">
      <div className="data-table__tools">
        {downloadHref ? (
          <a href={downloadHref} download={fileName} aria-describedby={`${id}-caption`}>
            CSVダウンロード（全件）
          </a>
        ) : (
          <>
            <button type="button" className="link-button" onClick={download} aria-describedby={`${id}-caption`}>
              CSVダウンロード
            </button>{" "}
            <button type="button" className="link-button" onClick={() => void downloadXlsx()} aria-describedby={`${id}-caption`}>
              Excelダウンロード
            </button>
          </>
        )}
      </div>
      <div className="table-scroll">
        <table className="data" id={id}>
          <caption id={`${id}-caption`} className={captionHidden ? "visually-hidden" : undefined}>
            {caption}
          </caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key ? sort.direction : undefined;
                return (
                  <th key={c.key} scope="col" className={c.numeric ? "num" : undefined} aria-sort={active ?? "none"}>
                    {c.metric ? <MetricLabel metric={c.metric.key} figure={c.metric.figure} short={c.metric.short} /> : null}
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        setSort({ key: c.key, direction: active === "ascending" ? "descending" : "ascending" })
                      }
                    >
                      {c.metric ? <span className="visually-hidden">{c.label}で並べ替え</span> : c.label}
                      <span aria-hidden="true">{active === "ascending" ? " ▲" : active === "descending" ? " ▼" : " ⇅"}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>データなし</td>
              </tr>
            ) : null}
            {shown.map((row, i) => (
              <tr key={i} className={rowClassName?.(row)}>
                {columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row">
                      {c.render ? c.render(row) : displayValue(c.value(row), format)}
                    </th>
                  ) : (
                    <td key={c.key} className={c.numeric ? "num" : undefined}>
                      {c.render ? c.render(row) : displayValue(c.value(row), format)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {limited ? (
        <p className="data-table__more">
          <a
            href={`${location.pathname}?${search.toString()}#${id}`}
            onClick={(event) => {
              event.preventDefault();
              setShowAll(true);
            }}
            aria-describedby={`${id}-caption`}
          >
            すべて表示（全{format.number(sorted.length)}行中{format.number(screenRows)}行を表示中）
          </a>
        </p>
      ) : null}
    </div>
  );
}
