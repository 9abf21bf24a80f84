import { HorizontalBarChart } from "~/components/charts/HorizontalBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { optionalProgramLabels, optionalPrograms, type OptionalProgram } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";
import { AppLink } from "~/components/ui/AppLink";

export type ProgramRatesCardProps = {
  fiscalYear: number;
  program: OptionalProgram;
  prefectures: { code: string; name: string }[];
  rows: { prefectureCode: string | null; program: OptionalProgram; bodies: number; implementing: number; reported: number }[];
  dataDate: string | null;
};

/** Shapes the SQL rows into the bar chart for one program and a table for all four. */
export function ProgramRatesCard({ fiscalYear, program, prefectures, rows, dataDate }: ProgramRatesCardProps) {
  const find = (prefectureCode: string | null, p: OptionalProgram) =>
    rows.find((r) => r.prefectureCode === prefectureCode && r.program === p);
  const national = find(null, program);
  const nationalShare = national ? ratio(national.implementing, national.bodies) : null;
  const bars = prefectures
    .map((pref) => {
      const row = find(pref.code, program);
      return { key: pref.code, label: pref.name, value: row ? ratio(row.implementing, row.bodies) : null };
    })
    .sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.key.localeCompare(b.key));
  const table = programRatesTable({ fiscalYear, prefectures, rows });
  const title = `${optionalProgramLabels[program]}の実施率（都道府県別、${formatFiscalYear(fiscalYear)}）`;
  const nationalLabel = `全国 ${formatPercent(nationalShare)}（n=${formatNumber(national?.bodies ?? 0)}）`;

  return (
    <ChartFigure
      id="program-rates"
      title={title}
      source={programRatesSource}
      dataDate={dataDate}
      chart={
        <HorizontalBarChart
          id="program-rates-chart"
          data={bars}
          max={1}
          format={(v) => formatPercent(v)}
          reference={nationalShare === null ? undefined : { value: nationalShare, label: nationalLabel }}
          description={`${title}。実施率の高い順。${nationalLabel}`}
        />
      }
      table={
        <DataTable
          id="program-rates-data"
          caption={table.caption}
          fileName={table.fileName}
          rows={table.rows}
          rowClassName={(p) => (p.code === null ? "national" : undefined)}
          columns={table.columns}
        />
      }
    />
  );
}

export const programRatesSource = "任意事業実施状況（福祉事務所設置自治体。都道府県を含む）";

type ProgramRow = { code: string | null; name: string };

/**
 * The table of all four programs by prefecture, national first: what the card shows, and what the
 * national page's `?format=csv|xlsx` and its downloads write (counts, denominators and rates).
 */
export function programRatesTable({ fiscalYear, prefectures, rows }: Pick<ProgramRatesCardProps, "fiscalYear" | "prefectures" | "rows">) {
  const find = (prefectureCode: string | null, p: OptionalProgram) => rows.find((r) => r.prefectureCode === prefectureCode && r.program === p);
  const columns: DataColumn<ProgramRow>[] = [
    {
      key: "name",
      label: "都道府県",
      rowHeader: true,
      value: (p) => p.name,
      render: (p) => (p.code === null ? p.name : <AppLink to={`/prefectures/${p.code}?fy=${fiscalYear}`}>{p.name}</AppLink>),
    },
    { key: "n", label: "n（実施主体数）", numeric: true, kind: "count", value: (p) => find(p.code, optionalPrograms[0])?.bodies ?? 0 },
    ...optionalPrograms.map((program) => ({
      key: program,
      label: optionalProgramLabels[program],
      numeric: true,
      value: (p: { code: string | null }) => {
        const row = find(p.code, program);
        return row ? ratio(row.implementing, row.bodies) : null;
      },
      render: (p: { code: string | null }) => {
        const row = find(p.code, program);
        return row ? `${formatNumber(row.implementing)}（${formatPercent(ratio(row.implementing, row.bodies))}）` : "－";
      },
      rate: {
        numerator: (p: { code: string | null }) => find(p.code, program)?.implementing ?? null,
        denominator: (p: { code: string | null }) => find(p.code, program)?.bodies ?? null,
        numeratorLabel: "実施数",
        denominatorLabel: "分母",
      },
    })),
  ];
  return {
    caption: `任意事業の実施自治体数と実施率（${formatFiscalYear(fiscalYear)}、分母は実施主体数 n）`,
    fileName: `任意事業実施率_${fiscalYear}.csv`,
    rows: [{ code: null, name: "全国" }, ...prefectures] as ProgramRow[],
    columns,
  };
}
