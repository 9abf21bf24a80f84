import { createContext } from "react";
import { formatDateJa, formatDateTimeJa, type DateStyle } from "~/domain/format";
import { metricDecimals } from "~/domain/metrics";
import type { ExportCell, ExportColumn, ExportTable, PageTableContext } from "~/domain/table-export";
import type { DataColumn } from "./DataTable";

/** What the title block of a table's download says beyond its caption; ChartFigure provides it for its table. */
export type TableExportMeta = { title?: string; source?: string; dataDate?: string | null; conditions?: string; dateStyle?: DateStyle; generatedAt?: string; remark?: string };
export const TableExportContext = createContext<TableExportMeta>({});

/**
 * The one description of a DataTable that both downloads render: a rate column becomes three
 * (its numerator, its denominator, the rate), so the CSV and the .xlsx carry the counts.
 */
export function exportTableOf<Row>(caption: string, columns: readonly DataColumn<Row>[], rows: readonly Row[], meta: TableExportMeta): ExportTable {
  const exportColumns: ExportColumn[] = [];
  const cells: ((row: Row) => ExportCell)[] = [];
  for (const c of columns) {
    if (c.rate) {
      const rate = c.rate;
      exportColumns.push({ label: `${c.label}（${rate.numeratorLabel}）`, kind: "count" }, { label: `${c.label}（${rate.denominatorLabel}）`, kind: "count" }, { label: `${c.label}（率）`, kind: "rate" });
      cells.push(rate.numerator, rate.denominator, c.value);
    } else {
      // a numeric column without a kind: counts when every value is whole, else one-decimal numbers
      const wholes = rows.every((r) => {
        const v = c.value(r);
        return v === null || (typeof v === "number" && Number.isInteger(v));
      });
      // a catalogue figure's decimals come from the catalogue, as its formatter shows them
      const decimals = c.decimals ?? (c.metric?.figure === "derived" ? metricDecimals(c.metric.key) : undefined);
      exportColumns.push({ label: c.label, kind: c.kind ?? (c.numeric ? (wholes ? "count" : "number") : "text"), ...(decimals === undefined ? {} : { decimals }) });
      cells.push(c.value);
    }
  }
  const notes: ExportTable["notes"] = [];
  if (meta.title && meta.title !== caption) notes.push({ label: "図表", value: meta.title });
  if (meta.conditions) notes.push({ label: "条件", value: meta.conditions });
  if (meta.source) notes.push({ label: "出典", value: meta.source });
  if (meta.dataDate) notes.push({ label: "データ時点", value: formatDateJa(meta.dataDate, meta.dateStyle) });
  if (meta.remark) notes.push({ label: "注記", value: meta.remark });
  if (meta.generatedAt) notes.push({ label: "作成日時", value: formatDateTimeJa(meta.generatedAt, { style: meta.dateStyle }) });
  return { title: caption, notes, columns: exportColumns, rows: rows.map((r) => cells.map((cell) => cell(r))) };
}

/** A table a page shows, with the columns its DataTable uses. */
export type PageTableOf<Row> = { caption: string; columns: readonly DataColumn<Row>[]; rows: readonly Row[] };

/**
 * A page's main table for `?format=csv|xlsx` (a route's `handle.pageTable`): the same columns as the
 * page's DataTable, with the title block of the page's URL, source, data date and time of writing,
 * dates in the reader's 西暦／和暦.
 */
export function pageTableOf<Row>(table: PageTableOf<Row>, meta: { source: string; dataDate?: string | null; title?: string; remark?: string }, context: PageTableContext): ExportTable {
  return exportTableOf(table.caption, table.columns, table.rows, {
    ...meta,
    conditions: `${context.pageUrl.pathname}${context.pageUrl.search}`,
    dateStyle: context.dateStyle,
    generatedAt: context.generatedAt,
  });
}

/** The note of a page whose body-by-body table the reader may not see (its downloads keep the columns, without rows). */
export const bodyTableRefusal = "実施主体別の一覧は、この都道府県の担当者と厚生労働省だけが見られます。";
