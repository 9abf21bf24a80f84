import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { CooperationSurveyCard } from "~/components/cards/CooperationSurveyCard";
import { IntegratedDeliveryCard } from "~/components/cards/IntegratedDeliveryCard";
import { PublicAssistanceTransfersCard } from "~/components/cards/PublicAssistanceTransfersCard";
import { SupportMeetingTrendCard } from "~/components/cards/SupportMeetingTrendCard";
import { SurveyBodiesByAnswer, BodiesWithoutSupportMeeting } from "~/components/cards/CooperationBodyLists";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { bodyTableRefusal, pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { cooperationByPrefectureSource } from "~/components/cards/CooperationByPrefectureCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { DemoCooperationNotice, PeriodNotice } from "~/components/ui/PeriodNotice";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefecturePage } from "~/server/auth/page-guards.server";
import { integratedDeliveryLabels, type IntegratedDeliveryCategory } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatNumber, formatOneDecimal } from "~/domain/format";
import { formatMetric, metricDecimals } from "~/domain/metrics";
import { parseQuery } from "~/server/pages/query-params";
import { cooperationQuery } from "../server/pages/cooperation.server";
import { loadPrefectureCooperation } from "./prefectures.$code_.cooperation.server";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `生活保護との連携 ${data?.prefecture.name ?? ""} | つなぐ` }];

/** Aggregates for everyone; the body-by-body table for MHLW and the prefecture's own officials. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture, canSeeDetail } = await requirePrefecturePage(request, params);
  const query = parseQuery(cooperationQuery, request);
  const data = await loadPrefectureCooperation(await getReadDb(), prefecture.code, query, pageToday(), { detail: canSeeDetail });
  return { prefecture, canSeeDetail, ...data };
}

const category = (c: string | null) => (c ? integratedDeliveryLabels[c as IntegratedDeliveryCategory] : "－");

type CooperationData = SerializeFrom<typeof loader>;

/** Both directions and 一体的実施 body by body: the page's main table and `?format=csv|xlsx` (ADR 028). */
function bodiesTable(d: CooperationData, bodies: NonNullable<CooperationData["bodies"]>) {
  const metric = (v: number | null) => formatMetric("referralsToPublicAssistance", v);
  const columns: DataColumn<(typeof bodies)[number]>[] = [
    {
      key: "name",
      label: "実施主体",
      rowHeader: true,
      value: (b) => b.name,
      render: (b) => <AppLink to={`/municipalities/${b.code}?fy=${d.fiscalYear}`}>{b.kind === "prefecture" ? `${b.name}（郡部）` : b.name}</AppLink>,
    },
    { key: "referrals", label: "つなぎ件数（年度計）", metric: { key: "referralsToPublicAssistance" }, numeric: true, value: (b) => b.referrals },
    { key: "per", label: "10万人あたり月平均", numeric: true, decimals: metricDecimals("referralsToPublicAssistance"), value: (b) => b.perHundredThousand, render: (b) => metric(b.perHundredThousand) },
    { key: "submitted", label: "提出月数", numeric: true, value: (b) => b.submittedMonths },
    { key: "transfers", label: "保護→困窮 移行ケース（年度）", numeric: true, value: (b) => b.transfers, render: (b) => (b.transfers === null ? "未回答" : formatNumber(b.transfers)) },
    { key: "transfersPer", label: "移行ケース 10万人あたり", numeric: true, value: (b) => b.transfersPerHundredThousand, render: (b) => formatOneDecimal(b.transfersPerHundredThousand) },
    { key: "fromWelfare", label: "福祉事務所からのつなぎ（ア＋イ＋ウ）", numeric: true, value: (b) => b.referralsFromWelfareOffice, render: (b) => (b.referralsFromWelfareOffice === null ? "未回答" : formatNumber(b.referralsFromWelfareOffice)) },
    { key: "ep", label: "就労準備支援 一体的実施", value: (b) => category(b.employmentPreparation) },
    { key: "hb", label: "家計改善支援 一体的実施", value: (b) => category(b.householdBudget) },
  ];
  return {
    caption: `${d.prefecture.name}の実施主体別の生活保護へのつなぎ件数（人口10万人あたりは提出月の月平均）、保護→困窮（年度計、未回答は空欄扱いで0件とはみなしません）と一体的実施の区分`,
    fileName: `${d.prefecture.name}_${d.fiscalYear}_生活保護との連携.csv`,
    rows: bodies,
    columns,
  };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as CooperationData;
    return pageTableOf(bodiesTable(d, d.bodies ?? []), { source: cooperationByPrefectureSource, dataDate: d.dataDate, remark: d.bodies ? undefined : bodyTableRefusal }, context);
  },
};

export default function PrefectureCooperation() {
  const d = useLoaderData<typeof loader>();
  const metric = (v: number | null) => formatMetric("referralsToPublicAssistance", v);
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="生活保護との連携" canSeeDetail={d.canSeeDetail} />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <DemoCooperationNotice figures={d.demoFigures} fiscalYear={d.fiscalYear} />
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}の生活保護へのつなぎ件数: <strong>{formatNumber(d.own.referrals)}件</strong>（人口10万人あたり月平均{" "}
        <strong>{metric(d.own.perHundredThousand)}</strong>、全国 {metric(d.nation.perHundredThousand)}）。一体的実施: 就労準備支援{" "}
        {d.own.integratedEmploymentPreparation}/{d.own.answeredEmploymentPreparation}、家計改善支援 {d.own.integratedHouseholdBudget}/{d.own.answeredHouseholdBudget}
      </p>
      {d.bodies ? (
        <section aria-labelledby="bodies-title">
          <h2 id="bodies-title">実施主体別の両方向のつなぎと一体的実施（{formatFiscalYear(d.fiscalYear)}）</h2>
          <DataTable id="cooperation-bodies" captionHidden {...bodiesTable(d, d.bodies)} />
        </section>
      ) : (
        <p className="notice">{bodyTableRefusal}</p>
      )}
      <PublicAssistanceTransfersCard fiscalYear={d.fiscalYear} summary={d.transfers} nation={d.nationalTransfers} scopeLabel={d.prefecture.name} dataDate={d.dates.transfers} />
      <CooperationSurveyCard question="practices" fiscalYear={d.fiscalYear} distribution={d.survey} scopeLabel={d.prefecture.name} dataDate={d.dates.survey} />
      <CooperationSurveyCard question="issues" fiscalYear={d.fiscalYear} distribution={d.survey} scopeLabel={d.prefecture.name} dataDate={d.dates.survey} />
      {d.surveyBodies ? <SurveyBodiesByAnswer fiscalYear={d.fiscalYear} questions={d.surveyBodies} /> : null}
      <SupportMeetingTrendCard fiscalYear={d.fiscalYear} rows={d.supportMeetings} scopeLabel={d.prefecture.name} dataDate={d.dates.supportMeetings} />
      {d.withoutSupportMeeting ? <BodiesWithoutSupportMeeting fiscalYear={d.fiscalYear} bodies={d.withoutSupportMeeting} /> : null}
      <IntegratedDeliveryCard fiscalYear={d.fiscalYear} rows={d.distribution} scopeLabel={d.prefecture.name} dataDate={d.dataDate} />
    </>
  );
}
