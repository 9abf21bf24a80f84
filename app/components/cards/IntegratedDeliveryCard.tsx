import { DataTable } from "~/components/ui/DataTable";
import { integratedDeliveryCategories, integratedDeliveryLabels } from "~/lib/domain";
import { formatFiscalYear } from "~/lib/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/lib/format";

export function IntegratedDeliveryCard({ fiscalYear, rows }: { fiscalYear: number; rows: { program: string; category: string | null; count: number }[] }) {
  const total = (program: string) => rows.filter((r) => r.program === program).reduce((s, r) => s + r.count, 0);
  const of = (program: string, category: string) => rows.find((r) => r.program === program && r.category === category)?.count ?? 0;
  const table = integratedDeliveryCategories.map((category) => ({
    category,
    ep: of("employment_preparation", category),
    hb: of("household_budget", category),
  }));
  const ep = total("employment_preparation");
  const hb = total("household_budget");
  return (
    <section aria-labelledby="integrated-title">
      <h2 id="integrated-title">被保護者事業との一体的実施（{formatFiscalYear(fiscalYear)}）</h2>
      {ep + hb === 0 ? (
        <p>この年度の一体的実施の区分はまだ登録されていません。</p>
      ) : (
        <DataTable
          id="integrated-data"
          caption={`一体的実施の区分別の実施主体数（就労準備支援 n=${ep}、家計改善支援 n=${hb}）`}
          fileName={`一体的実施_${fiscalYear}.csv`}
          rows={table}
          columns={[
            { key: "category", label: "区分", rowHeader: true, value: (r) => integratedDeliveryLabels[r.category] },
            { key: "ep", label: "就労準備支援事業", numeric: true, value: (r) => r.ep, render: (r) => `${formatNumber(r.ep)}（${formatPercent(ratio(r.ep, ep))}）` },
            { key: "hb", label: "家計改善支援事業", numeric: true, value: (r) => r.hb, render: (r) => `${formatNumber(r.hb)}（${formatPercent(ratio(r.hb, hb))}）` },
          ]}
        />
      )}
    </section>
  );
}
