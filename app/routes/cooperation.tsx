import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { CooperationByPrefectureCard } from "~/components/cards/CooperationByPrefectureCard";
import { IntegratedDeliveryCard } from "~/components/cards/IntegratedDeliveryCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
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

export default function NationalCooperation() {
  const d = useLoaderData<typeof loader>();
  const national = d.rows[0]!;
  return (
    <>
      <NationalPageHeader
        title="生活保護との連携（全国）"
        lead="自立相談支援機関から福祉事務所への「つなぎ」（生活保護へのつなぎ件数）と、就労準備支援事業・家計改善支援事業を被保護者向けの事業と一体的に実施しているかを見ます。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}の生活保護へのつなぎ件数（全国）: <strong>{formatNumber(national.referrals)}件</strong>（人口10万人あたり月平均{" "}
        {formatMetric("referralsToPublicAssistance", national.perHundredThousand)}、提出 {formatNumber(national.submittedMonths)}/{formatNumber(national.expectedMonths)}（実施主体×月））
      </p>
      <CooperationByPrefectureCard fiscalYear={d.fiscalYear} rows={d.rows} dataDate={d.dataDate} />
      <IntegratedDeliveryCard fiscalYear={d.fiscalYear} rows={d.distribution} dataDate={d.dataDate} />
    </>
  );
}
