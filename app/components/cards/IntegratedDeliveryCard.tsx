import { GroupedBarChart } from "~/components/charts/GroupedBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import { integratedDeliveryCategories, integratedDeliveryLabels } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";

/** The five 一体的実施 categories of 就労準備支援 and 家計改善支援 as shares of the bodies that answered. */
export function IntegratedDeliveryCard({
  fiscalYear,
  rows,
  scopeLabel = "全国",
  dataDate = null,
}: {
  fiscalYear: number;
  rows: { program: string; category: string | null; count: number }[];
  scopeLabel?: string;
  dataDate?: string | null;
}) {
  const total = (program: string) => rows.filter((r) => r.program === program && r.category !== null).reduce((s, r) => s + r.count, 0);
  const of = (program: string, category: string) => rows.find((r) => r.program === program && r.category === category)?.count ?? 0;
  const ep = total("employment_preparation");
  const hb = total("household_budget");
  const table = integratedDeliveryCategories.map((category) => ({
    key: category,
    label: integratedDeliveryLabels[category],
    ep: of("employment_preparation", category),
    hb: of("household_budget", category),
  }));
  const title = `被保護者事業との一体的実施（${scopeLabel}、${formatFiscalYear(fiscalYear)}、就労準備支援 n=${ep}・家計改善支援 n=${hb}）`;
  return (
    <section aria-labelledby="integrated-title">
      <h2 id="integrated-title">被保護者事業との一体的実施（{formatFiscalYear(fiscalYear)}）</h2>
      {ep + hb === 0 ? (
        <p>この年度の一体的実施の区分はまだ登録されていません。</p>
      ) : (
        <ChartFigure
          id="integrated"
          title={title}
          source="任意事業実施状況の一体的実施の区分（区分の回答がある実施主体が分母）"
          dataDate={dataDate}
          chart={
            <GroupedBarChart
              id="integrated-chart"
              data={table.map((r) => ({ key: r.key, label: r.label, ep: ratio(r.ep, ep), hb: ratio(r.hb, hb) }))}
              series={[
                { key: "ep", label: "就労準備支援事業" },
                { key: "hb", label: "家計改善支援事業" },
              ]}
              max={1}
              format={(v) => formatPercent(v)}
              description={`${title}。${table.map((r) => `${r.label}: 就労準備 ${formatPercent(ratio(r.ep, ep))}、家計改善 ${formatPercent(ratio(r.hb, hb))}`).join("。")}`}
              labelWidth={200}
            />
          }
          table={
            <DataTable
              id="integrated-data"
              caption={`一体的実施の区分別の実施主体数（${scopeLabel}、就労準備支援 n=${ep}、家計改善支援 n=${hb}）`}
              fileName={`一体的実施_${fiscalYear}.csv`}
              rows={table}
              columns={[
                { key: "category", label: "区分", rowHeader: true, value: (r) => r.label },
                { key: "ep", label: "就労準備支援事業", numeric: true, value: (r) => r.ep, render: (r) => `${formatNumber(r.ep)}（${formatPercent(ratio(r.ep, ep))}）` },
                { key: "hb", label: "家計改善支援事業", numeric: true, value: (r) => r.hb, render: (r) => `${formatNumber(r.hb)}（${formatPercent(ratio(r.hb, hb))}）` },
              ]}
            />
          }
        />
      )}
    </section>
  );
}
