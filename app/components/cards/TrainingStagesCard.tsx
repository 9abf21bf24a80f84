import { GroupedBarChart } from "~/components/charts/GroupedBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { supportStaffRoleLabels, supportStaffRoles } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";

type RoleRow = { role: string; bodies: number; assigned: number; national: number; latterTerm: number; certified: number };

const stages = [
  { key: "national", label: "国研修（前期）修了" },
  { key: "latterTerm", label: "都道府県研修（後期）修了" },
  { key: "certified", label: "修了証" },
] as const;

type Props = { scopeLabel: string; fiscalYear: number; rows: RoleRow[]; dataDate: string | null };

export const trainingStagesSource = "支援員配置・研修（実施主体の報告）、都道府県の後期研修の参加者記録（報告と記録の多い方。配置人数が上限）";

/** The table of the card: what it shows, and what `/prefectures/:code/training?format=csv|xlsx` writes (ADR 028). */
export function trainingStagesTable({ scopeLabel, fiscalYear, rows }: Omit<Props, "dataDate">) {
  const table = supportStaffRoles.map((role) => {
    const r = rows.find((x) => x.role === role);
    return { role, label: supportStaffRoleLabels[role], bodies: r?.bodies ?? 0, assigned: r?.assigned ?? 0, national: r?.national ?? 0, latterTerm: r?.latterTerm ?? 0, certified: r?.certified ?? 0 };
  });
  const title = `職種別の研修修了状況（${scopeLabel}、${formatFiscalYear(fiscalYear)}、配置人数に対する割合）`;
  const cell = (n: number, of: number) => `${formatNumber(n)}（${formatPercent(ratio(n, of))}）`;
  const columns: DataColumn<(typeof table)[number]>[] = [
    { key: "role", label: "職種", rowHeader: true, value: (r) => r.label },
    { key: "bodies", label: "報告のあった実施主体", numeric: true, value: (r) => r.bodies },
    { key: "assigned", label: "配置人数", numeric: true, value: (r) => r.assigned },
    ...stages.map((s) => ({
      key: s.key,
      label: s.label,
      numeric: true,
      value: (r: (typeof table)[number]) => ratio(r[s.key], r.assigned),
      rate: { numerator: (r: (typeof table)[number]) => r[s.key], denominator: (r: (typeof table)[number]) => r.assigned, numeratorLabel: "人数", denominatorLabel: "配置人数" },
      render: (r: (typeof table)[number]) => cell(r[s.key], r.assigned),
    })),
  ];
  return { title, caption: title, fileName: `研修修了_職種別_${fiscalYear}.csv`, rows: table, columns };
}

/** Staff by role × stage (前期, 後期, 修了証) as counts and as shares of the staff assigned. */
export function TrainingStagesCard({ scopeLabel, fiscalYear, rows, dataDate }: Props) {
  const data = trainingStagesTable({ scopeLabel, fiscalYear, rows });
  const { title, rows: table } = data;
  return (
    <ChartFigure
      id="training-stages"
      title={title}
      source={trainingStagesSource}
      dataDate={dataDate}
      chart={
        <GroupedBarChart
          id="training-stages-chart"
          data={table.map((r) => ({
            key: r.role,
            label: r.label,
            ...Object.fromEntries(stages.map((s) => [s.key, ratio(r[s.key], r.assigned)])),
          }))}
          series={stages.map((s) => ({ key: s.key, label: s.label }))}
          max={1}
          format={(v) => formatPercent(v)}
          description={`${title}。${table.map((r) => `${r.label}: ${stages.map((s) => `${s.label} ${formatPercent(ratio(r[s.key], r.assigned))}`).join("、")}`).join("。")}`}
          labelWidth={170}
        />
      }
      table={
        <DataTable id="training-stages-data" caption={data.caption} fileName={data.fileName} rows={table} columns={data.columns} />
      }
    />
  );
}
