import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { FilterForm, FiscalYearField, MetricField } from "~/components/ui/FilterFields";
import { IntegratedDeliveryCard } from "~/components/cards/IntegratedDeliveryCard";
import { JusouRolloutCard } from "~/components/cards/JusouRolloutCard";
import { NationalKpis } from "~/components/cards/NationalKpis";
import { NationalTrendCard } from "~/components/cards/NationalTrendCard";
import { PrefectureMapCard } from "~/components/cards/PrefectureMapCard";
import { ProgramRatesCard, programRatesSource, programRatesTable } from "~/components/cards/ProgramRatesCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { MonthRangeFields } from "~/components/ui/MonthRangeFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { ProvisionalNotice } from "~/components/ui/ReviewBadge";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { requireUser } from "~/server/auth/session.server";
import { notFound } from "~/server/http/not-found";
import { optionalProgramLabels, optionalPrograms } from "~/domain/vocabulary";
import { pageToday } from "~/server/pages/today.server";
import { queryOf } from "~/server/pages/query-params";
import { loadNationalOverview, nationalOverviewParams } from "./_index.server";

export const meta: MetaFunction = () => [{ title: "全国の状況 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = nationalOverviewParams.safeParse(queryOf(request));
  if (!params.success) throw notFound("指定された年度・事業のデータがありません");
  return loadNationalOverview(await getReadDb(), params.data, pageToday());
}

/** `/?format=csv|xlsx`: the page's main table, the four optional programs by prefecture (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    return pageTableOf(programRatesTable(d), { source: programRatesSource, dataDate: d.dataDate }, context);
  },
};

export default function NationalOverview() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <NationalPageHeader
        title="全国の状況"
        lead="生活困窮者自立支援制度の実施状況です。実施率の分母は福祉事務所設置自治体（都道府県を含む実施主体）、人口あたりの値は人口10万人あたり月平均です。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={data.fiscalYears} value={data.fiscalYear} current={data.period.current} />
        <MetricField label="地図の指標" value={data.metric} />
        <MonthRangeFields from={data.range.from} to={data.range.to} />
        <input type="hidden" name="program" value={data.program} />
      </FilterForm>
      <PeriodNotice period={data.period} />
      <ProvisionalNotice months={data.provisional.months} prefectures={data.provisional.prefectures} />
      <NationalKpis fiscalYear={data.fiscalYear} current={data.national} previous={data.nationalPrevious} periodLabel={data.period.monthsDue < 12 ? data.period.label : undefined} />
      <h2>任意事業の実施率（都道府県別）</h2>
      <nav aria-label="事業の切り替え">
        <ul className="tabs">
          {optionalPrograms.map((p) => (
            <li key={p}>
              <Link
                to={`?${new URLSearchParams({ fy: String(data.fiscalYear), program: p, metric: data.metric, ...(data.range.from ? { from: data.range.from } : {}), ...(data.range.to ? { to: data.range.to } : {}) })}`}
                aria-current={p === data.program ? "true" : undefined} preventScrollReset>
                {optionalProgramLabels[p]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ProgramRatesCard
        fiscalYear={data.fiscalYear}
        program={data.program}
        prefectures={data.prefectures}
        rows={data.rows}
        dataDate={data.dataDate}
      />
      <h2>都道府県別の指標</h2>
      <PrefectureMapCard fiscalYear={data.fiscalYear} metric={data.metric} tiles={data.tiles} nationalValue={data.nationalMetric} dataDate={data.dataDate} />
      <h2>全国の推移</h2>
      <NationalTrendCard points={data.trend} dataDate={data.dataDate} scopeLabel="全国" />
      <h2>重層的支援体制整備事業</h2>
      <JusouRolloutCard counts={data.jusou} dataDate={data.dataDate} scopeLabel="全国" />
      <IntegratedDeliveryCard fiscalYear={data.fiscalYear} rows={data.integrated} dataDate={data.dataDate} />
    </>
  );
}
