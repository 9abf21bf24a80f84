import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { SupervisionByPrefectureCard, supervisionByPrefectureSource, supervisionByPrefectureTable } from "~/components/cards/SupervisionByPrefectureCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { requireUser } from "~/server/auth/session.server";
import { pageToday } from "~/server/pages/today.server";
import { parseQuery } from "~/server/pages/query-params";
import { loadNationalSupervision, nationalSupervisionQuery } from "./supervision.server";

export const meta: MetaFunction = () => [{ title: "スーパーバイズ（全国） | つなぐ" }];

/** Aggregates per prefecture only, so every role may compare. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parseQuery(nationalSupervisionQuery, request);
  return loadNationalSupervision(await getReadDb(), query, pageToday());
}

/** `?format=csv|xlsx`: the coverage of every prefecture, the card's table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    const table = supervisionByPrefectureTable(d);
    return pageTableOf(table, { source: supervisionByPrefectureSource, dataDate: d.dataDate, title: table.title }, context);
  },
};

export default function NationalSupervision() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <NationalPageHeader
        title="スーパーバイズ（全国）"
        lead="都道府県による支援員向けのスーパーバイズは、市町村支援の11項目の中でも実施の少ない取組です。年度内に1回以上スーパーバイズを受けた実施主体の割合を都道府県ごとに比べます。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <SupervisionByPrefectureCard fiscalYear={d.fiscalYear} prefectures={d.prefectures} rows={d.rows} dataDate={d.dataDate} />
    </>
  );
}
