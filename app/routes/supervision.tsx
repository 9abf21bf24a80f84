import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { SupervisionByPrefectureCard } from "~/components/cards/SupervisionByPrefectureCard";
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
