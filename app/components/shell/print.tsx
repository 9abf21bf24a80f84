import { useMatches } from "@remix-run/react";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { comparableMetricLabels, type ComparableMetric } from "~/domain/metrics";
import type { Formatters } from "~/domain/format";
import { useFormat } from "./format-context";

export type PrintFilter = { label: string; value: string };

/**
 * What a route may add to its printed stamp (`export const handle: PrintHandle = { print: … }`).
 * Without it the stamp reads the loader fields pages already return (fiscalYear, metric, month, dataDate).
 */
export type PrintHandle = {
  print?: {
    /** more filters than the common fields, from the route's loader data */
    filters?: (data: unknown, format: Formatters) => PrintFilter[];
    source?: string;
    /** the page prints on A4 landscape (a wide table such as the submissions matrix) */
    landscape?: boolean;
  };
};

export const defaultPrintSource = "つなぐ（各実施主体の報告・都道府県の回答の集計）。図表の出典はそれぞれの図表の下に記載";

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

/** The filters a page's loader data states in its common fields, as the stamp prints them. */
export function commonPrintFilters(data: unknown, format: Formatters): PrintFilter[] {
  const d = record(data);
  if (!d) return [];
  const filters: PrintFilter[] = [];
  if (typeof d.fiscalYear === "number") filters.push({ label: "年度", value: formatFiscalYear(d.fiscalYear) });
  if (typeof d.metric === "string" && Object.hasOwn(comparableMetricLabels, d.metric)) filters.push({ label: "指標", value: comparableMetricLabels[d.metric as ComparableMetric] });
  if (typeof d.month === "string" && /^\d{4}-\d{2}$/.test(d.month)) filters.push({ label: "対象月", value: `${format.month(d.month)}分` });
  return filters;
}

export type PrintStampContent = { filters: PrintFilter[]; dataDate: string | null; source: string; landscape: boolean };

/** The stamp's content from the deepest route's handle and loader data. */
export function printStampContent(matches: readonly { handle?: unknown; data?: unknown }[], format: Formatters): PrintStampContent {
  const page = matches.length > 1 ? matches[matches.length - 1] : undefined;
  const print = (record(page?.handle) as PrintHandle | null)?.print;
  const data = record(page?.data);
  const dataDate = typeof data?.dataDate === "string" ? data.dataDate : null;
  return {
    filters: [...commonPrintFilters(page?.data, format), ...(print?.filters?.(page?.data, format) ?? [])],
    dataDate,
    source: print?.source ?? defaultPrintSource,
    landscape: print?.landscape ?? false,
  };
}

/**
 * Shown only in print, at the top of every page of the app: the selected filters, the data date,
 * the source and who printed it (「鳥取県 担当者として印刷」). One component in root's Layout, fed by
 * route data, so no page keeps a copy (ADR 027).
 */
export function PrintStamp({ scopeLabel, printedOn }: { scopeLabel: string | null; printedOn: string }) {
  const format = useFormat();
  const content = printStampContent(useMatches(), format);
  return (
    <section className="print-stamp" data-landscape={content.landscape ? "true" : undefined} aria-label="印刷情報">
      <p className="print-stamp__title">つなぐ（生活困窮者自立支援制度 実施状況）</p>
      <dl className="print-stamp__facts">
        <dt>表示条件</dt>
        <dd>{content.filters.length ? content.filters.map((f) => `${f.label}: ${f.value}`).join("　") : "なし（既定の表示）"}</dd>
        <dt>データ時点</dt>
        <dd>{content.dataDate ? format.date(content.dataDate) : "－"}</dd>
        <dt>出典</dt>
        <dd>{content.source}</dd>
        <dt>印刷</dt>
        <dd>
          {scopeLabel ? `${scopeLabel}として印刷` : "印刷"}（{format.date(printedOn)}）
        </dd>
      </dl>
    </section>
  );
}

/** 「印刷・PDF」: the browser's print dialog (which also saves PDF). Hidden in print and until the page is interactive. */
export function PrintButton() {
  return (
    <p className="print-button">
      <button type="button" className="button button--secondary" onClick={() => window.print()}>
        印刷・PDF
      </button>
    </p>
  );
}
