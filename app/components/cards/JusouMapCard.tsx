import { TileMap } from "~/components/charts/TileMap";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import type { JusouStatusCounts } from "~/domain/figures";
import { jusouStatusLabels } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatPercent, ratio } from "~/domain/format";
import { AppLink } from "~/components/ui/AppLink";

type Props = { fiscalYear: number; prefectures: { code: string; name: string }[]; rows: JusouStatusCounts[]; dataDate: string | null };

export const jusouMapSource = "重層的支援体制整備事業の状況（各年度4月1日に存在する市区町村。状況の報告がない市区町村は「未報告」）";

/** The table of the card: what it shows, and what `/jusou?format=csv|xlsx` writes (ADR 028). */
export function jusouMapTable({ fiscalYear, prefectures, rows }: Omit<Props, "dataDate">) {
  const national = rows.find((r) => r.prefectureCode === null);
  const table = prefectures.map((p) => {
    const r = rows.find((x) => x.prefectureCode === p.code);
    return { code: p.code, name: p.name, ...(r ?? { municipalities: 0, implementing: 0, transitionPreparation: 0, modelProject: 0, notImplemented: 0, notReported: 0 }) };
  });
  const title = `重層的支援体制整備事業を実施している市区町村の割合（都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const nationalLabel = national ? `全国 ${national.implementing}/${national.municipalities}市区町村（${formatPercent(ratio(national.implementing, national.municipalities))}）` : "";
  const tableRows = [{ code: "", name: "全国", ...(national ?? table[0]!) }, ...table];
  const columns: DataColumn<(typeof tableRows)[number]>[] = [
    { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name, render: (r) => (r.code === "" ? r.name : <AppLink to={`/prefectures/${r.code}/jusou?fy=${fiscalYear}`}>{r.name}</AppLink>) },
    { key: "municipalities", label: "市区町村数", numeric: true, kind: "count", value: (r) => r.municipalities },
    { key: "implementing", label: jusouStatusLabels.implementing, numeric: true, kind: "count", value: (r) => r.implementing },
    { key: "share", label: "実施の割合", numeric: true, kind: "rate", value: (r) => ratio(r.implementing, r.municipalities), render: (r) => formatPercent(ratio(r.implementing, r.municipalities)) },
    { key: "transition", label: jusouStatusLabels.transition_preparation, numeric: true, value: (r) => r.transitionPreparation },
    { key: "model", label: jusouStatusLabels.model_project, numeric: true, value: (r) => r.modelProject },
    { key: "notImplemented", label: jusouStatusLabels.not_implemented, numeric: true, value: (r) => r.notImplemented },
    { key: "notReported", label: "未報告", numeric: true, value: (r) => r.notReported },
  ];
  return { title, nationalLabel, byPrefecture: table, caption: `${title}。${nationalLabel}`, fileName: `重層_都道府県別_${fiscalYear}.csv`, rows: tableRows, columns };
}

/** Share of municipalities implementing 重層 per prefecture on the tile map, with every status counted in the table. */
export function JusouMapCard({ fiscalYear, prefectures, rows, dataDate }: Props) {
  const { title, nationalLabel, byPrefecture: table, ...data } = jusouMapTable({ fiscalYear, prefectures, rows });
  return (
    <ChartFigure
      id="jusou-map"
      title={title}
      source={jusouMapSource}
      dataDate={dataDate}
      chart={
        <TileMap
          data={table.map((t) => ({ code: t.code, name: t.name, value: ratio(t.implementing, t.municipalities), href: `/prefectures/${t.code}/jusou?fy=${fiscalYear}` }))}
          format={(v) => formatPercent(v)}
          metricLabel="実施している市区町村の割合"
          description={`${title}。${nationalLabel}`}
        />
      }
      table={
        <DataTable
          id="jusou-map-data"
          caption={data.caption}
          fileName={data.fileName}
          rows={data.rows}
          rowClassName={(r) => (r.code === "" ? "national" : undefined)}
          columns={data.columns}
        />
      }
    />
  );
}
