import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { CooperationByPrefectureCard, cooperationByPrefectureSource, cooperationByPrefectureTable } from "~/components/cards/CooperationByPrefectureCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { CooperationSurveyCard } from "~/components/cards/CooperationSurveyCard";
import { IntegratedDeliveryCard } from "~/components/cards/IntegratedDeliveryCard";
import { PublicAssistanceTransfersCard } from "~/components/cards/PublicAssistanceTransfersCard";
import { SupportMeetingTrendCard } from "~/components/cards/SupportMeetingTrendCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { DemoCooperationNotice, PeriodNotice } from "~/components/ui/PeriodNotice";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { requireUser } from "~/server/auth/session.server";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatNumber } from "~/domain/format";
import { formatMetric } from "~/domain/metrics";
import { parseQuery } from "~/server/pages/query-params";
import { cooperationQuery, loadNationalCooperation } from "../server/pages/cooperation.server";

export const meta: MetaFunction = () => [{ title: "生活保護との連携（全国） | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const data = await loadNationalCooperation(await getReadDb(), parseQuery(cooperationQuery, request), pageToday());
  return data;
}

/** `?format=csv|xlsx`: referrals to public assistance and 一体的実施 by prefecture, the first card's table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    const table = cooperationByPrefectureTable(d);
    return pageTableOf(table, { source: cooperationByPrefectureSource, dataDate: d.dataDate, title: table.title }, context);
  },
};

export default function NationalCooperation() {
  const d = useLoaderData<typeof loader>();
  const national = d.rows[0]!;
  return (
    <>
      <NationalPageHeader
        title="生活保護との連携（全国）"
        lead="両方向の連携を見ます。困窮→保護: 自立相談支援機関から福祉事務所への「つなぎ」（生活保護へのつなぎ件数）。保護→困窮: 保護廃止後に困窮制度へ移行したケースと福祉事務所からのつなぎ。あわせて、連携の取組と課題の調査、支援会議の設置状況、被保護者向け事業との一体的実施を示します。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <DemoCooperationNotice figures={d.demoFigures} fiscalYear={d.fiscalYear} />
      <h2>困窮制度から生活保護へ（困窮→保護、{formatFiscalYear(d.fiscalYear)}）</h2>
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}の生活保護へのつなぎ件数（全国）: <strong>{formatNumber(national.referrals)}件</strong>（人口10万人あたり月平均{" "}
        {formatMetric("referralsToPublicAssistance", national.perHundredThousand)}、提出 {formatNumber(national.submittedMonths)}/{formatNumber(national.expectedMonths)}（実施主体×月））
      </p>
      <CooperationByPrefectureCard fiscalYear={d.fiscalYear} rows={d.rows} dataDate={d.dataDate} />
      <PublicAssistanceTransfersCard fiscalYear={d.fiscalYear} summary={d.transfers} byPrefecture={d.transfersByPrefecture} dataDate={d.dates.transfers} />
      <CooperationSurveyCard question="practices" fiscalYear={d.fiscalYear} distribution={d.survey} dataDate={d.dates.survey} />
      <CooperationSurveyCard question="issues" fiscalYear={d.fiscalYear} distribution={d.survey} dataDate={d.dates.survey} />
      <SupportMeetingTrendCard fiscalYear={d.fiscalYear} rows={d.supportMeetings} dataDate={d.dates.supportMeetings} />
      <IntegratedDeliveryCard fiscalYear={d.fiscalYear} rows={d.distribution} dataDate={d.dataDate} />
    </>
  );
}
