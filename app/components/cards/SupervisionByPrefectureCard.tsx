import { HorizontalBarChart } from "~/components/charts/HorizontalBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";
import { AppLink } from "~/components/ui/AppLink";

type Row = { prefectureCode: string | null; bodies: number; covered: number; contacts: number };
type Props = { fiscalYear: number; prefectures: { code: string; name: string }[]; rows: Row[]; dataDate: string | null };

export const supervisionByPrefectureSource = "スーパーバイズ記録（年度内に1回以上の記録がある実施主体の割合。分母は年度の4月1日の実施主体）";

/** The table of the card: what it shows, and what `/supervision?format=csv|xlsx` writes (ADR 028). */
export function supervisionByPrefectureTable({ fiscalYear, prefectures, rows }: Omit<Props, "dataDate">) {
  const national = rows.find((r) => r.prefectureCode === null);
  const nationalShare = national ? ratio(national.covered, national.bodies) : null;
  const byPrefecture = prefectures.map((p) => {
    const row = rows.find((r) => r.prefectureCode === p.code);
    return { code: p.code, name: p.name, bodies: row?.bodies ?? 0, covered: row?.covered ?? 0, contacts: row?.contacts ?? 0, share: row ? ratio(row.covered, row.bodies) : null };
  });
  const title = `スーパーバイズのカバー率（都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const nationalLabel = `全国 ${formatPercent(nationalShare)}（${formatNumber(national?.covered ?? 0)}/${formatNumber(national?.bodies ?? 0)}）`;
  const tableRows = [{ code: "", name: "全国", bodies: national?.bodies ?? 0, covered: national?.covered ?? 0, contacts: national?.contacts ?? 0, share: nationalShare }, ...byPrefecture];
  const columns: DataColumn<(typeof tableRows)[number]>[] = [
    {
      key: "name",
      label: "都道府県",
      rowHeader: true,
      value: (r) => r.name,
      render: (r) => (r.code === "" ? r.name : <AppLink to={`/prefectures/${r.code}/supervision?fy=${fiscalYear}`}>{r.name}</AppLink>),
    },
    { key: "bodies", label: "実施主体数", numeric: true, value: (r) => r.bodies },
    { key: "covered", label: "スーパーバイズを受けた実施主体", numeric: true, value: (r) => r.covered },
    { key: "share", label: "カバー率", numeric: true, kind: "rate", value: (r) => r.share, render: (r) => formatPercent(r.share) },
    { key: "contacts", label: "件数", numeric: true, value: (r) => r.contacts },
  ];
  return { title, nationalShare, nationalLabel, byPrefecture, caption: `${title}。${nationalLabel}`, fileName: `スーパーバイズ_都道府県別_${fiscalYear}.csv`, rows: tableRows, columns };
}

/** Every prefecture's supervision coverage side by side, with the national share as reference. */
export function SupervisionByPrefectureCard({ fiscalYear, prefectures, rows, dataDate }: Props) {
  const { title, nationalShare, nationalLabel, byPrefecture: table, ...data } = supervisionByPrefectureTable({ fiscalYear, prefectures, rows });
  return (
    <ChartFigure
      id="supervision-by-prefecture"
      title={title}
      source={supervisionByPrefectureSource}
      dataDate={dataDate}
      chart={
        <HorizontalBarChart
          id="supervision-by-prefecture-chart"
          data={[...table].sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || a.code.localeCompare(b.code)).map((r) => ({ key: r.code, label: r.name, value: r.share }))}
          max={1}
          format={(v) => formatPercent(v)}
          reference={nationalShare === null ? undefined : { value: nationalShare, label: nationalLabel }}
          description={`${title}。カバー率の高い順。${nationalLabel}`}
        />
      }
      table={
        <DataTable
          id="supervision-by-prefecture-data"
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
