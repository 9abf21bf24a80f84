import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { FunnelPlotCard, funnelSource, funnelTable } from "~/components/cards/FunnelPlotCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { FilterForm, FiscalYearField, MetricField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { requireNationalBodiesPage } from "~/server/auth/page-guards.server";
import { parseQuery } from "~/server/pages/query-params";
import { pageToday } from "~/server/pages/today.server";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { loadNationalFunnel, nationalFunnelQuery } from "./compare_.funnel.server";

export const meta: MetaFunction = () => [{ title: "全国の実施主体のファネルプロット | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireNationalBodiesPage(request);
  return loadNationalFunnel(await getReadDb(), parseQuery(nationalFunnelQuery, request), pageToday());
}

/** `?format=csv|xlsx`: every implementing body of the nation, the funnel plot's table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    const table = funnelTable({ metricKey: d.metric, benchmarkLabel: "全国", funnel: d.funnel, fiscalYearLabel: formatFiscalYear(d.fiscalYear), hrefOf: (code) => `/municipalities/${code}?fy=${d.fiscalYear}` });
    return pageTableOf(table, { source: funnelSource, dataDate: d.dataDate, title: table.title }, context);
  },
};

export default function NationalFunnel() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/">全国</Link> ＞ <Link to="/compare">比較</Link> ＞ ファネルプロット
      </p>
      <h1>全国の実施主体のファネルプロット</h1>
      <p className="lead">
        すべての実施主体の値を規模（人口×月、就労・増収率は就労支援対象者数）に対して描き、全国の値のまわりに95%と99.8%の管理限界を示します。小さな自治体の値は偶然で大きく動くため、限界は規模が小さいほど広がります。
      </p>
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
        <MetricField label="指標" value={d.metric} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <FunnelPlotCard
        id="national-funnel"
        metricKey={d.metric}
        benchmarkLabel="全国"
        comparator="nation"
        funnel={d.funnel}
        fiscalYearLabel={formatFiscalYear(d.fiscalYear)}
        hrefOf={(code) => `/municipalities/${code}?fy=${d.fiscalYear}`}
        dataDate={d.dataDate}
      />
    </>
  );
}
