import { GroupedBarChart } from "~/components/charts/GroupedBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { prefectureSupportItemLabels, prefectureSupportItems } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatPercent, ratio } from "~/domain/format";

type Share = { fiscalYear: number; item: string; respondents: number; implementing: number };

type Props = { from: number; to: number; shares: Share[]; dataDate: string | null };

export const prefectureSupportComparisonSource = "都道府県による市町村支援（各都道府県の回答。分母はその年度に回答した都道府県数）";

/** The table of the card: what it shows, and what `/support?format=csv|xlsx` writes (ADR 028). */
export function prefectureSupportComparisonTable({ from, to, shares }: Omit<Props, "dataDate">) {
  const of = (fy: number, item: string) => shares.find((s) => s.fiscalYear === fy && s.item === item);
  const respondents = (fy: number) => shares.find((s) => s.fiscalYear === fy)?.respondents ?? 0;
  const rows = prefectureSupportItems
    .map((item) => {
      const a = of(from, item);
      const b = of(to, item);
      const shareFrom = a ? ratio(a.implementing, a.respondents) : null;
      const shareTo = b ? ratio(b.implementing, b.respondents) : null;
      return {
        item,
        label: prefectureSupportItemLabels[item],
        implementingFrom: a?.implementing ?? null,
        implementingTo: b?.implementing ?? null,
        respondentsFrom: a?.respondents ?? null,
        respondentsTo: b?.respondents ?? null,
        shareFrom,
        shareTo,
        change: shareFrom !== null && shareTo !== null ? shareTo - shareFrom : null,
      };
    })
    // その他 stays last, as in the survey
    .sort((x, y) => (x.item === "other" ? 1 : y.item === "other" ? -1 : (y.shareTo ?? -1) - (x.shareTo ?? -1)));
  const title = `都道府県による市町村支援の実施割合（${formatFiscalYear(from)} n=${respondents(from)} と ${formatFiscalYear(to)} n=${respondents(to)}）`;
  const points = (v: number | null) => (v === null ? "－" : `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}ポイント`);
  const rate = { numeratorLabel: "実施", denominatorLabel: "回答した都道府県" };
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { key: "item", label: "項目", rowHeader: true, value: (r) => r.label },
    { key: "from", label: formatFiscalYear(from), numeric: true, rate: { ...rate, numerator: (r) => r.implementingFrom, denominator: (r) => r.respondentsFrom }, value: (r) => r.shareFrom, render: (r) => `${formatPercent(r.shareFrom)}（${r.implementingFrom ?? "－"}）` },
    { key: "to", label: formatFiscalYear(to), numeric: true, rate: { ...rate, numerator: (r) => r.implementingTo, denominator: (r) => r.respondentsTo }, value: (r) => r.shareTo, render: (r) => `${formatPercent(r.shareTo)}（${r.implementingTo ?? "－"}）` },
    { key: "change", label: "増減", numeric: true, value: (r) => r.change, render: (r) => points(r.change) },
  ];
  return { title, caption: title, fileName: `市町村支援_${from}_${to}.csv`, rows, columns };
}

/** The share of prefectures doing each support item in two fiscal years, side by side as in the source slides. */
export function PrefectureSupportComparisonCard({ from, to, shares, dataDate }: Props) {
  const table = prefectureSupportComparisonTable({ from, to, shares });
  const { title, rows } = table;
  return (
    <ChartFigure
      id="support-comparison"
      title={title}
      source={prefectureSupportComparisonSource}
      dataDate={dataDate}
      chart={
        <GroupedBarChart
          id="support-comparison-chart"
          data={rows.map((r) => ({ key: r.item, label: r.label, from: r.shareFrom, to: r.shareTo }))}
          series={[
            { key: "from", label: formatFiscalYear(from) },
            { key: "to", label: formatFiscalYear(to) },
          ]}
          max={1}
          format={(v) => formatPercent(v)}
          description={`${title}。${rows.map((r) => `${r.label} ${formatPercent(r.shareFrom)}→${formatPercent(r.shareTo)}`).join("、")}`}
          width={900}
          labelWidth={360}
        />
      }
      table={
        <DataTable id="support-comparison-data" caption={table.caption} fileName={table.fileName} rows={rows} columns={table.columns} />
      }
    />
  );
}
