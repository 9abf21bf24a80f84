import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useFormat } from "~/components/shell/format-context";
import { getDb } from "../../db";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { NationalTrendCard } from "~/components/cards/NationalTrendCard";
import { BodyCooperationHistory } from "~/components/cards/BodyCooperationHistory";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { missingMonthsSentence } from "~/domain/reporting-period";
import { ProvisionalBadge } from "~/components/ui/ReviewBadge";
import { MonthRangeFields } from "~/components/ui/MonthRangeFields";
import { requireBodyPage } from "~/server/auth/page-guards.server";
import { parseQuery } from "~/server/pages/query-params";
import {
  deliveryFormLabels,
  implementationMethodLabels,
  integratedDeliveryLabels,
  jusouStatusLabels,
  localGovernmentKindLabels,
  optionalProgramLabels,
  supervisionFormLabels,
  supportStaffRoleLabels,
  type DeliveryForm,
  type ImplementationMethod,
  type IntegratedDeliveryCategory,
  type JusouStatus,
  type LocalGovernmentKind,
  type OptionalProgram,
  type SupervisionForm,
  type SupportStaffRole,
} from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { employmentOrIncomeRateSpec, monthlyMetricCatalogue, monthlyMetricShortLabels, perPopulationAverageSpecs, targetValueMetrics } from "~/domain/metric-catalogue";
import { formatNumber, formatOneDecimal, formatPercent, formattersFor, type Formatters } from "~/domain/format";
import { findPrefectureByCode } from "~/domain/prefectures";
import { ReminderNotice } from "~/components/cards/ReminderNotice";
import { BodyReportingStatus } from "~/components/cards/BodyReportingStatus";
import { loadBodyReportingStatus } from "~/server/pages/reporting.server";
import { loadMunicipality, municipalityQuery, openRemindersOf } from "~/server/pages/municipality-page.server";
import { reviewStateLabels, type ReviewState } from "~/domain/review-states";
import { yearMonthKey } from "~/domain/reporting";
import { BodyListComparator } from "~/components/cards/BodyListComparator";
import { listComparator } from "~/server/lists/body-lists.server";
import { comparatorQuery } from "~/server/pages/query-params";
import { ComparedFiguresCard } from "~/components/cards/ComparedFiguresCard";
import { peerMethodText } from "~/domain/indicators";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.body.name ?? "自治体"} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, body } = await requireBodyPage(request, params);
  const db = await getDb();
  const [data, reportingStatus, reminders] = await Promise.all([
    loadMunicipality(db, body, parseQuery(municipalityQuery, request), pageToday()),
    // the body's own staff land here: what they have to report now
    user.localGovernmentCode === body.code ? loadBodyReportingStatus(db, body.code, pageToday()) : null,
    openRemindersOf(db, body.code),
  ]);
  const listId = parseQuery(comparatorQuery, request).list;
  const comparator = await listComparator(db, user, listId, data.fiscalYear, body.code);
  return { body, ...data, reminders, reportingStatus, comparator };
}

type MunicipalityData = SerializeFrom<typeof loader>;

/** The body's monthly figures: the page's main table and `?format=csv|xlsx` (ADR 028). */
function monthsTable(d: MunicipalityData, format: Formatters) {
  const columns: DataColumn<MunicipalityData["months"][number]>[] = [
      {
        key: "ym",
        label: "年月",
        rowHeader: true,
        value: (m) => `${m.year}-${String(m.month).padStart(2, "0")}`,
        render: (m) => (
          <>
            {format.month(m)}
            <ProvisionalBadge state={m.reviewState} />
          </>
        ),
      },
      {
        key: "review",
        label: "県の確認",
        // the CSV holds what the cell shows
        value: (m) => (m.reviewState ? reviewStateLabels[m.reviewState as ReviewState] : "記録なし"),
        render: (m) => <AppLink to={`/municipalities/${d.body.code}/review/${yearMonthKey(m)}`}>{m.reviewState ? reviewStateLabels[m.reviewState as ReviewState] : "記録なし"}</AppLink>,
      },
      ...monthlyMetricCatalogue.flatMap((metric) => [
        { key: metric.key, label: metric.label, metric: { key: metric.key }, numeric: true, value: (m: (typeof d.months)[number]) => m[metric.key] },
        ...(metric.key === "newConsultations"
          ? [{ key: "perCapita", label: `${metric.shortLabel}（10万人あたり）`, metric: { key: metric.key, figure: "derived" as const, short: true }, numeric: true, kind: "number" as const, value: (m: (typeof d.months)[number]) => (m.perCapitaNew === null ? null : Math.round(m.perCapitaNew * 10) / 10), render: (m: (typeof d.months)[number]) => formatOneDecimal(m.perCapitaNew) }]
          : []),
      ]),
      ...(d.months.some((m) => m.explanation)
        ? [
            {
              key: "explanation",
              label: "登録時の説明",
              value: (m: (typeof d.months)[number]) => (m.explanation ? `${m.explanation.explanation}（取込 #${m.explanation.uploadId}）` : null),
            },
          ]
        : []),
    ];
  return { caption: `${d.body.name}の月次支援状況（${formatFiscalYear(d.fiscalYear)}、提出のあった月）`, fileName: `${d.body.name}_${d.fiscalYear}_月次.csv`, rows: d.months, columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as MunicipalityData;
    return pageTableOf(monthsTable(d, formattersFor(context.dateStyle)), { source: "月次支援状況・人口", dataDate: d.dataDate }, context);
  },
};

export default function MunicipalityPage() {
  const d = useLoaderData<typeof loader>();
  const format = useFormat();
  const programYears = [...new Set(d.programs.map((p) => p.fiscalYear))].sort((a, b) => b - a);
  return (
    <>
      <p>
        <AppLink to="/prefectures">都道府県</AppLink> ＞ <AppLink to={`/prefectures/${d.body.prefectureCode}?fy=${d.fiscalYear}`}>{d.body.prefectureName}</AppLink> ＞ {d.body.name}
      </p>
      <h1>
        {d.body.kind === "prefecture" ? `${d.body.name}（郡部）` : d.body.name}
        <span className="lead">（{localGovernmentKindLabels[d.body.kind as LocalGovernmentKind]}、{d.body.code}）</span>
      </h1>
      {d.reportingStatus ? <BodyReportingStatus status={d.reportingStatus} /> : null}
      <ReminderNotice reminders={d.reminders} />
      <p className="lead">
        人口 {d.body.population === null ? "－" : `${formatNumber(d.body.population)}人${d.body.populationAsOf ? `（${format.date(d.body.populationAsOf)}）` : ""}`}
        {d.body.hasWelfareOffice ? "・福祉事務所設置（実施主体）" : "・福祉事務所なし（実施主体は都道府県）"}
        {d.body.validTo ? `・${format.date(d.body.validTo)}に廃止` : null}
      </p>
      <p>
        <AppLink to={`/municipalities/${d.body.code}/profile?fy=${d.fiscalYear}`}>プロフィール（会議資料・A4印刷用）</AppLink>
      </p>
      {d.returned.length > 0 ? (
        <section className="notice" aria-labelledby="returned-title" id="returned-months">
          <h2 id="returned-title">県から差し戻された月があります</h2>
          <ul>
            {d.returned.map((r) => (
              <li key={`${r.year}-${r.month}`}>
                <AppLink to={`/municipalities/${d.body.code}/review/${yearMonthKey(r)}`}>{format.reportingMonth(r)}</AppLink>: {r.comment ?? "（コメントなし）"}
              </li>
            ))}
          </ul>
          <p>
            修正したファイルを<AppLink to="/uploads/new/monthly_support">月次データのアップロード</AppLink>から提出し直してください（値が正しいときは同じ値のまま、説明を添えて提出できます）。
          </p>
        </section>
      ) : null}
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
        <MonthRangeFields from={d.range.from} to={d.range.to} />
      </FilterForm>
      <PeriodNotice period={d.period} />

      <h2>月次の実績（{formatFiscalYear(d.fiscalYear)}）</h2>
      <DataTable id="months" {...monthsTable(d, format)} />
      {d.months.some((m) => m.explanation) ? (
        <p className="kpi__note">「登録時の説明」は、これまでの値から大きく外れた値や締めた年度の変更を確定したときに入力された理由です（その月の値を最後に登録した取込のもの）。</p>
      ) : null}
      <p className="kpi__note">{missingMonthsSentence(d.monthsDue, d.missingMonths, format.style)}</p>
      <NationalTrendCard points={d.allMonths} dataDate={d.dataDate} scopeLabel={d.body.name} />

      {d.compared ? (
        <>
          <h2>指標と比較（{formatFiscalYear(d.fiscalYear)}）</h2>
          <ComparedFiguresCard
            id="compared-figures"
            caption={`${d.body.name}の指標`}
            fileName={`${d.body.name}_${d.fiscalYear}_指標と比較.csv`}
            figures={d.compared}
            trends={d.trends}
            comparators={["nation", "prefecture", "peers", "target"]}
            dataDate={d.dataDate}
          />
          <h3>比較に使う類似団体（{d.peerGroup.length}団体）</h3>
          <p className="kpi__note">{peerMethodText}</p>
          <ul className="peer-group">
            {d.peerGroup.map((p) => (
              <li key={p.code}>
                <AppLink to={`/municipalities/${p.code}?fy=${d.fiscalYear}`}>
                  {findPrefectureByCode(p.prefectureCode)?.name ?? ""}
                  {p.kind === "prefecture" ? "（郡部）" : p.name}
                </AppLink>
                （{localGovernmentKindLabels[p.kind as LocalGovernmentKind]}、人口{p.population === null ? "－" : formatNumber(p.population)}）
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>類似団体との比較（{formatFiscalYear(d.fiscalYear)}、人口規模の近い実施主体）</h2>
      <DataTable
        id="peers"
        caption="人口規模の近い実施主体（同じ都道府県内・全国）"
        fileName={`${d.body.name}_${d.fiscalYear}_類似団体.csv`}
        rows={d.peers}
        rowClassName={(p) => (p.group === "self" ? "national" : undefined)}
        columns={[
          { key: "name", label: "実施主体", rowHeader: true, value: (p) => `${findPrefectureByCode(p.prefectureCode)?.name ?? ""}${p.name}` },
          { key: "group", label: "区分", value: (p) => (p.group === "self" ? "この自治体" : p.group === "prefecture" ? "同じ都道府県" : "全国") },
          { key: "population", label: `人口（${d.fiscalYear}年4月1日）`, numeric: true, value: (p) => p.population },
          { key: "new", label: perPopulationAverageSpecs.newConsultations.shortLabel, metric: { key: "newConsultations", figure: "derived", short: true }, numeric: true, value: (p) => (p.newConsultations === null ? null : Math.round(p.newConsultations * 10) / 10) },
          { key: "plans", label: perPopulationAverageSpecs.plansCreated.shortLabel, metric: { key: "plansCreated", figure: "derived", short: true }, numeric: true, value: (p) => (p.plansCreated === null ? null : Math.round(p.plansCreated * 10) / 10) },
          { key: "rate", label: employmentOrIncomeRateSpec.label, metric: { key: "employmentOrIncomeRate" }, numeric: true, value: (p) => p.employmentOrIncomeRate, render: (p) => formatPercent(p.employmentOrIncomeRate) },
          { key: "submitted", label: "提出月数", numeric: true, value: (p) => p.submittedMonths },
        ]}
      />
      <BodyListComparator comparator={d.comparator} bodyName={d.body.name} fiscalYear={d.fiscalYear} hidden={{ fy: String(d.fiscalYear) }} />
      {d.targets ? (
        <p className="kpi__note">
          目安値（人口10万人あたり月）: {targetValueMetrics.map((m) => `${monthlyMetricShortLabels[m]} ${d.targets![m]}`).join(" ／ ")}
        </p>
      ) : null}

      <h2>任意事業の実施状況（年度別）</h2>
      <DataTable
        id="programs"
        caption={`${d.body.name}の任意事業`}
        fileName={`${d.body.name}_任意事業.csv`}
        rows={d.programs.filter((p) => programYears.includes(p.fiscalYear))}
        columns={[
          { key: "fy", label: "年度", rowHeader: true, value: (p) => p.fiscalYear, render: (p) => formatFiscalYear(p.fiscalYear) },
          { key: "program", label: "事業", value: (p) => optionalProgramLabels[p.program as OptionalProgram] },
          { key: "implemented", label: "実施", value: (p) => (p.implemented ? "有" : "無") },
          { key: "form", label: "実施形態", value: (p) => (p.deliveryForm ? deliveryFormLabels[p.deliveryForm as DeliveryForm] : null) },
          { key: "method", label: "実施方法", value: (p) => (p.implementationMethod ? implementationMethodLabels[p.implementationMethod as ImplementationMethod] : null) },
          { key: "integrated", label: "一体的実施", value: (p) => (p.integratedDelivery ? integratedDeliveryLabels[p.integratedDelivery as IntegratedDeliveryCategory] : null) },
        ]}
      />

      <h2>重層的支援体制整備事業（年度別）</h2>
      <DataTable
        id="jusou-history"
        caption={`${d.body.name}の重層的支援体制整備事業`}
        fileName={`${d.body.name}_重層.csv`}
        rows={d.jusou}
        columns={[
          { key: "fy", label: "年度", rowHeader: true, value: (j) => j.fiscalYear, render: (j) => formatFiscalYear(j.fiscalYear) },
          { key: "status", label: "状況", value: (j) => jusouStatusLabels[j.status as JusouStatus] },
        ]}
      />

      <BodyCooperationHistory bodyName={d.body.name} {...d.cooperation} />

      <h2>支援員の配置と研修（{formatFiscalYear(d.fiscalYear)}）</h2>
      <DataTable
        id="staff"
        caption={`${d.body.name}の職種別の配置と研修修了`}
        fileName={`${d.body.name}_${d.fiscalYear}_研修.csv`}
        rows={d.staff}
        columns={[
          { key: "role", label: "職種", rowHeader: true, value: (s) => supportStaffRoleLabels[s.role as SupportStaffRole] },
          { key: "assigned", label: "配置人数", numeric: true, value: (s) => s.assigned },
          { key: "national", label: "国研修（前期）修了", numeric: true, value: (s) => s.nationalTrainingCompleted },
          { key: "prefecture", label: "都道府県研修（後期）修了", numeric: true, value: (s) => s.prefectureTrainingCompleted },
          { key: "certified", label: "修了証取得", numeric: true, value: (s) => s.certified },
        ]}
      />

      <h2 id="follow-ups">県の要フォローへの対応（履歴）</h2>
      {d.followUps.length === 0 ? (
        <p>記録はありません。</p>
      ) : (
        <DataTable
          id="follow-up-history"
          caption={`${d.body.name}の要フォローを県が対応済にした記録（新しい順）`}
          fileName={`${d.body.name}_要フォロー対応.csv`}
          rows={d.followUps}
          columns={[
            { key: "at", label: "対応済にした日時", rowHeader: true, value: (f) => f.resolvedAt, render: (f) => format.dateTime(f.resolvedAt) },
            { key: "rule", label: "項目", value: (f) => f.ruleLabel },
            { key: "why", label: "理由", value: (f) => f.why },
            { key: "note", label: "対応（メモ）", value: (f) => f.note },
            { key: "by", label: "担当者", value: (f) => f.resolvedBy ?? "－" },
          ]}
        />
      )}

      <h2>スーパーバイズ（直近20件）</h2>
      {d.contacts.length === 0 ? (
        <p>記録はありません。</p>
      ) : (
        <DataTable
          id="contacts"
          caption={`${d.body.name}へのスーパーバイズ`}
          fileName={`${d.body.name}_スーパーバイズ.csv`}
          rows={d.contacts}
          columns={[
            { key: "date", label: "実施日", rowHeader: true, value: (c) => c.contactedOn },
            { key: "form", label: "形態", value: (c) => supervisionFormLabels[c.form as SupervisionForm] },
            { key: "content", label: "内容", value: (c) => c.content },
            { key: "responder", label: "対応者", value: (c) => `${c.prefectureName} ${c.responder}` },
          ]}
        />
      )}
    </>
  );
}
