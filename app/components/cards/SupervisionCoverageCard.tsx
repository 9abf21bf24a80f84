import { ColumnChart } from "~/components/charts/ColumnChart";
import { HorizontalBarChart } from "~/components/charts/HorizontalBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { useFormat } from "~/components/shell/format-context";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { supervisionFormLabels, supervisionForms } from "~/domain/vocabulary";
import { formatFiscalYear, monthsOfFiscalYear } from "~/domain/fiscal-year";
import { formatPercent, ratio } from "~/domain/format";

type Coverage = {
  bodies: number;
  covered: number;
  byForm: { form: string; covered: number }[];
  byMonth: { month: string; covered: number; contacts: number }[];
};

export const supervisionCoverageSource = "スーパーバイズ記録（年度内の記録。分母は年度の4月1日の実施主体）";
const source = supervisionCoverageSource;

type Props = { prefectureName: string; fiscalYear: number; coverage: Coverage; dataDate: string | null };

/** The coverage by form: the card's first table, and what `/prefectures/:code/supervision?format=csv|xlsx` writes (ADR 028). */
export function supervisionByFormTable({ prefectureName, fiscalYear, coverage }: Omit<Props, "dataDate">) {
  const rows = supervisionForms.map((form) => {
    const covered = coverage.byForm.find((f) => f.form === form)?.covered ?? 0;
    return { form, label: supervisionFormLabels[form], covered, share: ratio(covered, coverage.bodies) };
  });
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { key: "form", label: "形態", rowHeader: true, value: (r) => r.label },
    { key: "covered", label: "対象になった実施主体", numeric: true, value: (r) => r.covered },
    {
      key: "share",
      label: "カバー率",
      numeric: true,
      rate: { numerator: (r) => r.covered, denominator: () => coverage.bodies, numeratorLabel: "対象になった実施主体", denominatorLabel: "実施主体数" },
      value: (r) => r.share,
      render: (r) => formatPercent(r.share),
    },
  ];
  const caption = `形態別のカバー率（${prefectureName}、${formatFiscalYear(fiscalYear)}、実施主体 ${coverage.bodies}）`;
  return { caption, fileName: `スーパーバイズ_形態別_${fiscalYear}.csv`, rows, columns };
}

/** A prefecture's supervision coverage of one fiscal year: by form (share of bodies) and by month (bodies reached). */
export function SupervisionCoverageCard({ prefectureName, fiscalYear, coverage, dataDate }: Props) {
  const format = useFormat();
  const fy = formatFiscalYear(fiscalYear);
  const formTable = supervisionByFormTable({ prefectureName, fiscalYear, coverage });
  const byForm = formTable.rows;
  // a month without a record is a month in which no body was reached: zero, not missing
  const byMonth = monthsOfFiscalYear(fiscalYear).map(({ year, month }) => {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    const row = coverage.byMonth.find((m) => m.month === key);
    return { key, label: `${month}月`, year, month, covered: row?.covered ?? 0, contacts: row?.contacts ?? 0 };
  });
  const formTitle = formTable.caption;
  const monthTitle = `月別のスーパーバイズ実施状況（${prefectureName}、${fy}、対象になった実施主体数）`;
  return (
    <div className="grid-2">
      <ChartFigure
        id="supervision-by-form"
        title={formTitle}
        source={source}
        dataDate={dataDate}
        chart={
          <HorizontalBarChart
            id="supervision-by-form-chart"
            data={byForm.map((f) => ({ key: f.form, label: f.label, value: f.share }))}
            max={1}
            format={(v) => formatPercent(v)}
            description={`${formTitle}。${byForm.map((f) => `${f.label} ${formatPercent(f.share)}`).join("、")}`}
            width={560}
            rowHeight={26}
            labelWidth={150}
          />
        }
        table={
          <DataTable id="coverage-by-form" caption={formTable.caption} fileName={formTable.fileName} rows={byForm} columns={formTable.columns} />
        }
      />
      <ChartFigure
        id="supervision-by-month"
        title={monthTitle}
        source={source}
        dataDate={dataDate}
        chart={
          <ColumnChart
            id="supervision-by-month-chart"
            data={byMonth.map((m) => ({ key: m.key, label: m.label, value: m.covered }))}
            max={coverage.bodies}
            integer
            format={(v) => String(v)}
            description={`${monthTitle}。${byMonth.map((m) => `${m.label} ${m.covered}`).join("、")}`}
            width={560}
          />
        }
        table={
          <DataTable
            id="coverage-by-month"
            caption={monthTitle}
            fileName={`スーパーバイズ_月別_${fiscalYear}.csv`}
            rows={byMonth}
            columns={[
              { key: "month", label: "月", rowHeader: true, value: (r) => r.key, render: (r) => format.month(r) },
              { key: "covered", label: "対象の実施主体数", numeric: true, value: (r) => r.covered },
              { key: "contacts", label: "件数", numeric: true, value: (r) => r.contacts },
            ]}
          />
        }
      />
    </div>
  );
}
