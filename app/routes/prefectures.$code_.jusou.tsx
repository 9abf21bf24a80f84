import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { JusouRolloutCard } from "~/components/cards/JusouRolloutCard";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { jusouMapSource } from "~/components/cards/JusouMapCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { canSeeBody } from "~/server/auth/access";
import { requirePrefecturePage } from "~/server/auth/page-guards.server";
import { jusouStatusLabels, jusouStatuses, type JusouStatus } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { parseQuery } from "~/server/pages/query-params";
import { jusouQuery } from "../server/pages/jusou.server";
import { loadPrefectureJusou } from "./prefectures.$code_.jusou.server";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `重層的支援体制整備事業 ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, prefecture, canSeeDetail } = await requirePrefecturePage(request, params);
  const data = await loadPrefectureJusou(await getReadDb(), prefecture.code, parseQuery(jusouQuery, request), pageToday());
  // statuses are public facts (the ministry lists the municipalities by name); the link goes only where the page would open
  return { prefecture, canSeeDetail, ...data, bodies: data.bodies.map((b) => ({ ...b, linked: canSeeBody(user, { code: b.code, prefectureCode: prefecture.code }) })) };
}

type JusouData = SerializeFrom<typeof loader>;

/** Every municipality's 重層 status: the page's main table and `?format=csv|xlsx` (ADR 028). */
function bodiesTable(d: JusouData) {
  const columns: DataColumn<JusouData["bodies"][number]>[] = [
    {
      key: "name",
      label: "市区町村",
      rowHeader: true,
      value: (b) => b.name,
      render: (b) => (b.linked ? <AppLink to={`/municipalities/${b.code}?fy=${d.fiscalYear}`}>{b.name}</AppLink> : b.name),
    },
    { key: "status", label: "状況", value: (b) => (b.status ? jusouStatusLabels[b.status as JusouStatus] : "未報告") },
    { key: "since", label: "この状況になった年度", numeric: true, value: (b) => b.since, render: (b) => (b.since === null ? "－" : formatFiscalYear(b.since)) },
    { key: "first", label: "実施を始めた年度", numeric: true, value: (b) => b.firstImplementing, render: (b) => (b.firstImplementing === null ? "－" : formatFiscalYear(b.firstImplementing)) },
  ];
  return { caption: `${d.prefecture.name}の市区町村の状況（${formatFiscalYear(d.fiscalYear)}、状況ごと）`, fileName: `${d.prefecture.name}_重層_${d.fiscalYear}.csv`, rows: d.bodies, columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as JusouData;
    return pageTableOf(bodiesTable(d), { source: jusouMapSource, dataDate: d.dataDate }, context);
  },
};

export default function PrefectureJusou() {
  const d = useLoaderData<typeof loader>();
  const count = (status: string | null) => d.bodies.filter((b) => b.status === status).length;
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="重層的支援体制整備事業" canSeeDetail={d.canSeeDetail} />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}: 市区町村 {d.bodies.length} のうち
        {jusouStatuses.map((s) => ` ${jusouStatusLabels[s]} ${count(s)}`).join("、")}
        {count(null) > 0 ? `、未報告 ${count(null)}` : ""}
      </p>
      <DataTable id="jusou-bodies" {...bodiesTable(d)} />
      <JusouRolloutCard counts={d.timeline} dataDate={d.dataDate} scopeLabel={d.prefecture.name} fromFiscalYear={2021} />
    </>
  );
}
