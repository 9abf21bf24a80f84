import { HorizontalBarChart } from "~/components/charts/HorizontalBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import type { CertificateCoverage } from "~/domain/figures";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";
import { AppLink } from "~/components/ui/AppLink";

type Props = { fiscalYear: number; prefectures: { code: string; name: string }[]; rows: CertificateCoverage[]; dataDate: string | null };

export const certificateCoverageSource = "支援員配置・研修（実施主体の報告）、都道府県の後期研修の記録";

/** The table of the card: what it shows, and what `/training?format=csv|xlsx` writes (ADR 028). */
export function certificateCoverageTable({ fiscalYear, prefectures, rows }: Omit<Props, "dataDate">) {
  const empty = { bodies: 0, reported: 0, complete: 0, assigned: 0, national: 0, latterTerm: 0, certified: 0, latterTermSessions: 0 };
  const national = rows.find((r) => r.prefectureCode === null) ?? { prefectureCode: null, ...empty };
  const nationalShare = ratio(national.certified, national.assigned);
  const table = [
    { code: "", name: "全国", ...national },
    ...prefectures.map((p) => ({ code: p.code, name: p.name, ...(rows.find((r) => r.prefectureCode === p.code) ?? { prefectureCode: p.code, ...empty }) })),
  ];
  const title = `修了証の取得率（主任相談支援員・相談支援員・就労支援員、都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const nationalLabel = `全国 ${formatPercent(nationalShare)}`;
  const share = (n: number, of: number) => `${formatNumber(n)}（${formatPercent(ratio(n, of))}）`;
  const columns: DataColumn<(typeof table)[number]>[] = [
    {
      key: "name",
      label: "都道府県",
      rowHeader: true,
      value: (r) => r.name,
      render: (r) => (r.code === "" ? r.name : <AppLink to={`/prefectures/${r.code}/training?fy=${fiscalYear}`}>{r.name}</AppLink>),
    },
    { key: "reported", label: "報告した実施主体", numeric: true, value: (r) => r.reported, render: (r) => `${formatNumber(r.reported)}/${formatNumber(r.bodies)}` },
    { key: "assigned", label: "配置人数（3職種）", numeric: true, value: (r) => r.assigned },
    { key: "national", label: "前期修了", numeric: true, value: (r) => r.national, render: (r) => share(r.national, r.assigned) },
    { key: "latterTerm", label: "後期修了", numeric: true, value: (r) => r.latterTerm, render: (r) => share(r.latterTerm, r.assigned) },
    { key: "certified", label: "修了証", numeric: true, value: (r) => ratio(r.certified, r.assigned), rate: { numerator: (r) => r.certified, denominator: (r) => r.assigned, numeratorLabel: "修了証の人数", denominatorLabel: "配置人数" }, render: (r) => share(r.certified, r.assigned) },
    { key: "complete", label: "全員が修了証を持つ実施主体", numeric: true, value: (r) => r.complete },
    { key: "sessions", label: "後期研修の開催回数", numeric: true, value: (r) => r.latterTermSessions },
  ];
  return { title, nationalShare, nationalLabel, caption: `${title}。${nationalLabel}`, fileName: `修了証_都道府県別_${fiscalYear}.csv`, rows: table, columns };
}

/** 修了証 coverage of the three roles that need it, every prefecture side by side with the nation. */
export function CertificateCoverageCard({ fiscalYear, prefectures, rows, dataDate }: Props) {
  const { title, nationalShare, nationalLabel, rows: table, ...data } = certificateCoverageTable({ fiscalYear, prefectures, rows });
  return (
    <ChartFigure
      id="certificate-coverage"
      title={title}
      source={certificateCoverageSource}
      dataDate={dataDate}
      chart={
        <HorizontalBarChart
          id="certificate-coverage-chart"
          data={table
            .filter((r) => r.code !== "")
            .sort((a, b) => (ratio(b.certified, b.assigned) ?? -1) - (ratio(a.certified, a.assigned) ?? -1) || a.code.localeCompare(b.code))
            .map((r) => ({ key: r.code, label: r.name, value: ratio(r.certified, r.assigned) }))}
          max={1}
          format={(v) => formatPercent(v)}
          reference={nationalShare === null ? undefined : { value: nationalShare, label: nationalLabel }}
          description={`${title}。取得率の高い順。${nationalLabel}`}
        />
      }
      table={
        <DataTable
          id="certificate-coverage-data"
          caption={data.caption}
          fileName={data.fileName}
          rows={table}
          rowClassName={(r) => (r.code === "" ? "national" : undefined)}
          columns={data.columns}
        />
      }
    />
  );
}
