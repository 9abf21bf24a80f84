import { JusouRolloutChart } from "~/components/charts/JusouRolloutChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import { jusouStatusLabels } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";

export function JusouRolloutCard({
  counts,
  dataDate,
  scopeLabel,
  fromFiscalYear = 2019,
}: {
  counts: { fiscalYear: number; status: string; count: number }[];
  dataDate: string | null;
  scopeLabel: string;
  fromFiscalYear?: number;
}) {
  const years = [...new Set(counts.map((c) => c.fiscalYear))].filter((y) => y >= fromFiscalYear).sort();
  const of = (fy: number, status: string) => counts.find((c) => c.fiscalYear === fy && c.status === status)?.count ?? 0;
  const rows = years.map((fy) => ({
    fiscalYear: fy,
    label: String(fy),
    implementing: of(fy, "implementing"),
    transition: of(fy, "transition_preparation"),
    model: of(fy, "model_project"),
  }));
  const title = `重層的支援体制整備事業の状況（${scopeLabel}、市区町村数）`;
  return (
    <ChartFigure
      id="jusou"
      title={title}
      source="重層的支援体制整備事業の状況（各年度4月1日に存在する市区町村）"
      dataDate={dataDate}
      chart={<JusouRolloutChart id="jusou-chart" rows={rows} title={title} />}
      table={
        <DataTable
          id="jusou-data"
          caption={title}
          fileName="重層_年度別.csv"
          rows={rows}
          columns={[
            { key: "fy", label: "年度", rowHeader: true, value: (r) => r.fiscalYear, render: (r) => formatFiscalYear(r.fiscalYear) },
            { key: "implementing", label: jusouStatusLabels.implementing, numeric: true, value: (r) => r.implementing },
            { key: "transition", label: jusouStatusLabels.transition_preparation, numeric: true, value: (r) => r.transition },
            { key: "model", label: jusouStatusLabels.model_project, numeric: true, value: (r) => r.model },
          ]}
        />
      }
    />
  );
}
