import { DataTable } from "~/components/ui/DataTable";
import { datasets } from "~/domain/datasets";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber } from "~/domain/format";
import type { AnnualReportingDataset } from "~/domain/reporting";
import { useFormat } from "~/components/shell/format-context";

export type AnnualStatusData = {
  fiscalYear: number;
  dueDate: string;
  overdue: boolean;
  datasets: { dataset: AnnualReportingDataset; expected: number; submitted: number; missing: { code: string; name: string }[] }[];
};

/** The annual datasets of a prefecture's fiscal years against their due date: who has not reported them. */
export function AnnualSubmissionsCard({ prefectureName, statuses }: { prefectureName: string; statuses: AnnualStatusData[] }) {
  const format = useFormat();
  const rows = statuses.flatMap((s) => s.datasets.map((d) => ({ ...d, fiscalYear: s.fiscalYear, dueDate: s.dueDate, overdue: s.overdue })));
  return (
    <DataTable
      id="annual-submissions"
      caption={`${prefectureName}の年次データの提出状況（提出期限は年度ごと）`}
      fileName={`年次データ提出状況_${prefectureName}.csv`}
      rows={rows}
      columns={[
        { key: "fiscalYear", label: "年度", value: (r) => formatFiscalYear(r.fiscalYear), rowHeader: true },
        { key: "dataset", label: "データ", value: (r) => datasets[r.dataset].label },
        { key: "dueDate", label: "提出期限", value: (r) => format.date(r.dueDate) },
        { key: "submitted", label: "提出済み", numeric: true, value: (r) => r.submitted, render: (r) => `${formatNumber(r.submitted)} / ${formatNumber(r.expected)}` },
        {
          key: "missing",
          label: "未提出",
          value: (r) => (r.missing.length === 0 ? "なし" : `${r.overdue ? "期限超過" : "期限前"}: ${r.missing.map((m) => m.name).join("、")}`),
        },
      ]}
    />
  );
}
