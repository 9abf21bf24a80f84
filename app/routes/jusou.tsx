import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { JusouMapCard, jusouMapSource, jusouMapTable } from "~/components/cards/JusouMapCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { JusouRolloutCard } from "~/components/cards/JusouRolloutCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { requireUser } from "~/server/auth/session.server";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatNumber, formatPercent, ratio } from "~/domain/format";
import { parseQuery } from "~/server/pages/query-params";
import { jusouQuery, loadNationalJusou } from "../server/pages/jusou.server";

export const meta: MetaFunction = () => [{ title: "重層的支援体制整備事業（全国） | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const data = await loadNationalJusou(await getReadDb(), parseQuery(jusouQuery, request), pageToday());
  return data;
}

/** `?format=csv|xlsx`: the municipalities of every prefecture by status, the map's table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    const table = jusouMapTable({ fiscalYear: d.fiscalYear, prefectures: d.prefectures, rows: d.byPrefecture });
    return pageTableOf(table, { source: jusouMapSource, dataDate: d.dataDate, title: table.title }, context);
  },
};

export default function NationalJusou() {
  const d = useLoaderData<typeof loader>();
  const national = d.byPrefecture.find((r) => r.prefectureCode === null)!;
  return (
    <>
      <NationalPageHeader
        title="重層的支援体制整備事業（全国）"
        lead="令和3年度（2021）に始まった市町村の任意事業です。高齢・障害・子ども・生活困窮の分野を超えて、相談支援・参加支援・地域づくりを一体的に行います。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}: 市区町村 {formatNumber(national.municipalities)} のうち実施 <strong>{formatNumber(national.implementing)}</strong>（
        {formatPercent(ratio(national.implementing, national.municipalities))}）、移行準備事業 {formatNumber(national.transitionPreparation)}
      </p>
      <JusouMapCard fiscalYear={d.fiscalYear} prefectures={d.prefectures} rows={d.byPrefecture} dataDate={d.dataDate} />
      <JusouRolloutCard counts={d.timeline} dataDate={d.dataDate} scopeLabel="全国" fromFiscalYear={2021} />
    </>
  );
}
