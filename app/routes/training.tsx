import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { CertificateCoverageCard, certificateCoverageSource, certificateCoverageTable } from "~/components/cards/CertificateCoverageCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { TrainingStagesCard } from "~/components/cards/TrainingStagesCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { requireUser } from "~/server/auth/session.server";
import { pageToday } from "~/server/pages/today.server";
import { parseQuery } from "~/server/pages/query-params";
import { loadNationalTraining, nationalTrainingQuery } from "./training.server";

export const meta: MetaFunction = () => [{ title: "研修・修了証（全国） | つなぐ" }];

/** Aggregates per prefecture only, so every role may compare. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parseQuery(nationalTrainingQuery, request);
  return loadNationalTraining(await getReadDb(), query, pageToday());
}

/** `?format=csv|xlsx`: 修了証 by prefecture, the first card's table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    const table = certificateCoverageTable({ fiscalYear: d.fiscalYear, prefectures: d.prefectures, rows: d.byPrefecture });
    return pageTableOf(table, { source: certificateCoverageSource, dataDate: d.dataDate, title: table.title }, context);
  },
};

export default function NationalTraining() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <NationalPageHeader
        title="研修・修了証（全国）"
        lead="修了証は国研修（前期）と都道府県研修（後期）の両方を修了した支援員に都道府県が交付します。主任相談支援員・相談支援員・就労支援員の取得状況を都道府県ごとに比べます。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <CertificateCoverageCard fiscalYear={d.fiscalYear} prefectures={d.prefectures} rows={d.byPrefecture} dataDate={d.dataDate} />
      <TrainingStagesCard scopeLabel="全国" fiscalYear={d.fiscalYear} rows={d.byRole} dataDate={d.dataDate} />
    </>
  );
}
