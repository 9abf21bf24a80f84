import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb, getReadDb } from "../../db";
import { FilterForm, FiscalYearField, MetricField } from "~/components/ui/FilterFields";
import { ComparisonTrendCard } from "~/components/cards/ComparisonTrendCard";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { ProvisionalBadge } from "~/components/ui/ReviewBadge";
import { TabNav } from "~/components/ui/TabNav";
import { prefecturePages } from "~/components/shell/navigation";
import { requirePrefecturePage } from "~/server/auth/page-guards.server";
import { canRemindBodies } from "~/server/auth/access";
import { loadPrefectureWork } from "~/server/pages/reporting.server";
import { PrefectureWorkCard } from "~/components/cards/PrefectureWorkCard";
import { WorklistCard } from "~/components/cards/WorklistCard";
import { notFound } from "~/server/http/not-found";
import { parseQuery } from "~/server/pages/query-params";
import {
  deliveryFormLabels,
  jusouStatusLabels,
  optionalProgramLabels,
  optionalPrograms,
  regionalBlockLabels,
  type DeliveryForm,
  type JusouStatus,
  type RegionalBlock,
} from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatInterval, formatNumber, formatPercent, ratio } from "~/domain/format";
import { ComparisonBadge, ComparisonLegend } from "~/components/ui/ComparisonBadge";
import { TrendBadge } from "~/components/ui/TrendBadge";
import { FunnelPlotCard } from "~/components/cards/FunnelPlotCard";
import { comparisonLabelStyles } from "~/domain/comparisons";
import { trendStyles } from "~/domain/trends";
import { catalogueLabel, employmentOrIncomeRateSpec, targetValueMetrics } from "~/domain/metric-catalogue";
import { MetricLabel } from "~/components/ui/MetricLabel";
import type { ComparableMetric } from "~/domain/metrics";
import { coverageLabel } from "~/domain/statistics";
import { loadLandingWorklist, loadPrefecture, prefectureQuery, worklistAction, worklistQuery } from "~/server/pages/prefecture-page.server";
import { useFormat } from "~/components/shell/format-context";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.prefecture.name ?? "都道府県"} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, prefecture, canSeeDetail: detail } = await requirePrefecturePage(request, params);
  const q = parseQuery(prefectureQuery, request);
  const db = await getReadDb();
  const [data, work, worklist] = await Promise.all([
    loadPrefecture(db, prefecture.code, q, pageToday(), detail),
    // the prefecture's own officials land here: their work first
    canRemindBodies(user, prefecture.code) ? loadPrefectureWork(db, prefecture.code, pageToday()) : null,
    // marks are written to the primary: read the worklist there, so a mark shows at once
    getDb().then((primary) => loadLandingWorklist(primary, user, prefecture.code, pageToday())),
  ]);
  if (!data) throw notFound("都道府県またはその年度のデータが見つかりません");
  return { ...data, detail, work, worklist, worklistDone: parseQuery(worklistQuery, request).done === "resolved" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, prefecture } = await requirePrefecturePage(request, params);
  const clientAddress = (context as { clientAddress?: string | null }).clientAddress ?? null;
  return worklistAction(await getDb(), { ...user, clientAddress }, prefecture.code, request, pageToday());
}

/** The per-10万人 figures MHLW sets a 目安値 for. */
const perCapitaRows = targetValueMetrics.map((key) => ({ key, label: catalogueLabel(key, "derived"), shortLabel: catalogueLabel(key, "derived", "short") }));

type PrefectureData = SerializeFrom<typeof loader>;

const asExported = (value: number | null, rate: boolean) => (value === null ? null : rate ? Math.round(value * 1000) / 10 : Math.round(value * 1000) / 1000);

/** The page's main table, the prefecture's figures against the nation and the 目安値: the page's table and `?format=csv|xlsx` (ADR 028). */
function keyFiguresTable(d: PrefectureData) {
  const rows = [
    ...perCapitaRows.map((r) => ({
      key: r.key as ComparableMetric,
      label: r.label,
      figure: d.ownCompared[r.key],
      counts: d.ownCounts[r.key],
      nation: d.nation[r.key],
      target: d.targets ? d.targets[r.key] : null,
      trend: d.trends[r.key],
      rate: false,
    })),
    {
      key: employmentOrIncomeRateSpec.key as ComparableMetric,
      label: employmentOrIncomeRateSpec.label,
      figure: d.ownCompared.employmentOrIncomeRate,
      counts: d.ownCounts.employmentOrIncomeRate,
      nation: d.nation.employmentOrIncomeRate,
      target: null,
      trend: d.trends.employmentOrIncomeRate,
      rate: true,
    },
  ];
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { key: "label", label: "指標", rowHeader: true, value: (r) => r.label, render: (r) => <MetricLabel metric={r.key} figure="derived" /> },
    {
      key: "own",
      label: d.prefecture.name,
      numeric: true,
      // 就労・増収率 as a percentage (54.2), the per-10万人 figures as they are: one column, each row's own unit
      value: (r) => asExported(r.figure.value, r.rate),
      render: (r) => (r.rate ? formatPercent(r.figure.value) : r.figure.value === null ? "－" : r.figure.value.toFixed(1)),
    },
    {
      key: "ci95",
      label: "95%信頼区間",
      value: (r) => formatInterval(r.figure.ci95, r.rate ? formatPercent : (v) => v.toFixed(1)),
    },
    { key: "count", label: "件数・人数（分子）", numeric: true, kind: "count", value: (r) => r.counts.count, render: (r) => formatNumber(r.counts.count) },
    { key: "denominator", label: "人口×月・就労支援対象者数（分母）", numeric: true, kind: "count", value: (r) => r.counts.denominator, render: (r) => formatNumber(r.counts.denominator) },
    { key: "nation", label: "全国", numeric: true, value: (r) => asExported(r.nation, r.rate), render: (r) => (r.rate ? formatPercent(r.nation) : r.nation === null ? "－" : r.nation.toFixed(1)) },
    {
      key: "vsNation",
      label: "全国と比べて",
      value: (r) => comparisonLabelStyles[r.figure.labels.nation ?? "notCompared"].text,
      render: (r) => <ComparisonBadge label={r.figure.labels.nation ?? "notCompared"} comparator="nation" metricKey={r.key} interval={r.figure.ci95} benchmark={r.nation} />,
    },
    { key: "target", label: "目安値", numeric: true, value: (r) => r.target, render: (r) => (r.target === null ? "－" : r.target.toFixed(1)) },
    {
      key: "vsTarget",
      label: "目安値と比べて",
      value: (r) => (r.target === null ? null : comparisonLabelStyles[r.figure.labels.target ?? "notCompared"].text),
      render: (r) => (r.target === null ? "－" : <ComparisonBadge label={r.figure.labels.target ?? "notCompared"} comparator="target" metricKey={r.key} interval={r.figure.ci95} benchmark={r.target} />),
    },
    { key: "trend", label: "推移（直近5年度）", value: (r) => (r.trend ? trendStyles[r.trend.direction].text : null), render: (r) => <TrendBadge trend={r.trend} metricKey={r.key} /> },
  ];
  return { caption: `人口10万人あたり月平均と就労・増収率（${formatFiscalYear(d.fiscalYear)}）: 95%信頼区間、全国・目安値との比較、直近5年度の推移`, fileName: `${d.prefecture.name}_${d.fiscalYear}_指標.csv`, rows, columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as PrefectureData;
    return pageTableOf(keyFiguresTable(d), { source: "月次支援状況・人口・目安値", dataDate: d.dataDate }, context);
  },
};

export default function PrefecturePage() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <AppLink to="/prefectures">都道府県</AppLink> ＞ {d.prefecture.name}
      </p>
      <h1>{d.prefecture.name}</h1>
      <p className="lead">
        地方ブロック: {regionalBlockLabels[d.prefecture.regionalBlock as RegionalBlock]}（
        {d.regionPeers.map((p, i) => (
          <span key={p.code}>
            {i > 0 ? "・" : ""}
            {p.code === d.prefecture.code ? p.name : <AppLink to={`/prefectures/${p.code}?fy=${d.fiscalYear}`}>{p.name}</AppLink>}
          </span>
        ))}
        ）
      </p>
      <TabNav label={`${d.prefecture.name}のページ`} items={prefecturePages(d.prefecture.code, { canSeeDetail: d.detail })} />
      <p>
        <AppLink to={`/compare?prefectures=${d.prefecture.code}&metric=${d.metric}`}>他の都道府県と比較する</AppLink>
        {"　"}
        <AppLink to={`/prefectures/${d.prefecture.code}/profile?fy=${d.fiscalYear}`}>プロフィール（会議資料・A4印刷用）</AppLink>
      </p>
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
        <MetricField label="順位・推移の指標" value={d.metric} />
      </FilterForm>
      {d.work ? <PrefectureWorkCard prefectureCode={d.prefecture.code} work={d.work} /> : null}
      {d.worklist ? <WorklistCard worklist={d.worklist} formError={actionData?.formError} done={d.worklistDone} /> : null}
      <PeriodNotice period={d.period} />

      <h2>{formatFiscalYear(d.fiscalYear)}の状況（全国との比較）</h2>
      <p>
        <MetricLabel metric={d.metric} figure="derived" />は全国{d.rankedOf}都道府県中<strong>{d.rank}位</strong>です。提出状況:{" "}
        {coverageLabel(d.own.submittedMonths, d.own.expectedMonths)}（実施主体×月）
      </p>
      <DataTable id="prefecture-kpis" {...keyFiguresTable(d)} />
      <ComparisonLegend comparator="nation" labels={["better", "similar", "worse", "notCompared"]} />

      <ComparisonTrendCard
        id="prefecture-trend"
        title={`${d.prefecture.name}と全国の推移`}
        metric={d.metric}
        series={[
          { key: "prefecture", label: d.prefecture.name },
          { key: "nation", label: "全国" },
        ]}
        rows={d.byYear.map((r) => ({ fiscalYear: r.fiscalYear, prefecture: r.prefecture, nation: r.nation }))}
        dataDate={d.dataDate}
      />

      {d.funnel ? (
        <section aria-labelledby="funnel-title">
          <h2 id="funnel-title">管内の実施主体のファネルプロット（{formatFiscalYear(d.fiscalYear)}）</h2>
          <p className="lead">
            各実施主体の値を規模（人口×月、就労・増収率は就労支援対象者数）に対して描き、全国の値のまわりに95%と99.8%の管理限界を示します。限界の外の点は、規模を考えても偶然とは言いにくい差です。指標は上の「順位・推移の指標」で選べます。
          </p>
          <FunnelPlotCard
            id="prefecture-funnel"
            metricKey={d.metric}
            benchmarkLabel="全国"
            comparator="nation"
            funnel={d.funnel}
            fiscalYearLabel={formatFiscalYear(d.fiscalYear)}
            hrefOf={(code) => `/municipalities/${code}?fy=${d.fiscalYear}`}
            dataDate={d.dataDate}
          />
        </section>
      ) : null}

      {d.bodies ? (
        <section aria-labelledby="bodies-title">
          <h2 id="bodies-title">管内の実施主体（{formatFiscalYear(d.fiscalYear)}）</h2>
          <p className="lead">
            人口あたりの値は人口10万人あたり月平均（提出月のみ）。その下に95%信頼区間、右に目安値との比較を示します（目安値を下回っていても、区間が目安値を含むときは「同程度」です）。
            指標の定義: {perCapitaRows.map((m, i) => (
              <span key={m.key}>
                {i > 0 ? " ／ " : ""}
                <MetricLabel metric={m.key} figure="derived" short />
              </span>
            ))} ／ <MetricLabel metric="employmentOrIncomeRate" />
          </p>
          <ComparisonLegend comparator="target" labels={["similar", "worse", "better", "notCompared"]} />
          <DataTable
            id="bodies"
            caption={`${d.prefecture.name}の実施主体一覧（都道府県自身を先頭に）`}
            fileName={`${d.prefecture.name}_${d.fiscalYear}_実施主体.csv`}
            rows={d.bodies}
            columns={[
              {
                key: "name",
                label: "実施主体",
                rowHeader: true,
                value: (b) => b.name,
                render: (b) => <AppLink to={`/municipalities/${b.code}?fy=${d.fiscalYear}`}>{b.kind === "prefecture" ? `${b.name}（郡部）` : b.name}</AppLink>,
              },
              { key: "population", label: "人口", numeric: true, value: (b) => b.population, render: (b) => (b.population === null ? "－" : formatNumber(b.population)) },
              ...optionalPrograms.map((p) => ({
                key: p,
                label: optionalProgramLabels[p].replace("事業", ""),
                value: (b: NonNullable<typeof d.bodies>[number]) => {
                  const s = b.programs[p];
                  return !s ? null : s.implemented ? `実施（${s.deliveryForm ? deliveryFormLabels[s.deliveryForm as DeliveryForm] : "－"}）` : "未実施";
                },
              })),
              ...perCapitaRows.map((m) => ({
                key: m.key,
                label: m.shortLabel,
                metric: { key: m.key, figure: "derived" as const, short: true },
                numeric: true,
                value: (b: NonNullable<typeof d.bodies>[number]) => (b[m.key] === null ? null : Math.round(b[m.key]! * 10) / 10),
                render: (b: NonNullable<typeof d.bodies>[number]) => {
                  const f = b.compared[m.key];
                  const target = d.targets?.[m.key] ?? null;
                  return (
                    <>
                      {f.value === null ? "－" : f.value.toFixed(1)}{" "}
                      {target === null || f.value === null ? null : (
                        <ComparisonBadge label={f.labels.target ?? "notCompared"} comparator="target" metricKey={m.key} interval={f.ci95} benchmark={target} />
                      )}
                      {f.ci95 ? <span className="interval">（95%: {formatInterval(f.ci95, (x) => x.toFixed(1))}）</span> : null}
                    </>
                  );
                },
              })),
              { key: "rate", label: employmentOrIncomeRateSpec.label, metric: { key: "employmentOrIncomeRate" }, numeric: true, kind: "rate", value: (b) => b.employmentOrIncomeRate, render: (b) => formatPercent(b.employmentOrIncomeRate) },
              { key: "coverage", label: "提出", value: (b) => `${b.submittedMonths}/12`, render: (b) => <span className="nowrap">{coverageLabel(b.submittedMonths, 12)}</span> },
              {
                key: "review",
                label: "県の確認",
                numeric: true,
                value: (b) => b.provisionalMonths,
                render: (b) => (b.provisionalMonths > 0 ? <ProvisionalBadge months={b.provisionalMonths} /> : b.submittedMonths > 0 ? "確認済" : "－"),
              },
              { key: "jusou", label: "重層", value: (b) => (b.jusou ? jusouStatusLabels[b.jusou as JusouStatus] : null) },
              {
                key: "certificates",
                label: "修了証（3職種）",
                numeric: true,
                value: (b) => (b.certificates ? ratio(b.certificates.certified, b.certificates.assigned) : null),
                rate: { numerator: (b) => b.certificates?.certified ?? null, denominator: (b) => b.certificates?.assigned ?? null, numeratorLabel: "修了証", denominatorLabel: "配置" },
                render: (b) => (b.certificates ? `${b.certificates.certified}/${b.certificates.assigned}人` : "－"),
              },
              { key: "lastContact", label: "直近のスーパーバイズ", value: (b) => b.lastContact ?? "なし" },
            ]}
          />
        </section>
      ) : (
        <p className="notice">管内の自治体別の一覧は、この都道府県の担当者と厚生労働省だけが見られます。</p>
      )}
      {d.targets ? (
        <p className="kpi__note">
          目安値（{formatFiscalYear(d.fiscalYear)}、人口10万人あたり月）: {perCapitaRows.map((m) => `${m.shortLabel} ${d.targets![m.key]}`).join(" ／ ")}
        </p>
      ) : null}
      <p className="kpi__note">
        出典: 月次支援状況・任意事業実施状況・重層的支援体制整備事業・支援員配置・研修・スーパーバイズ記録・目安値
        {d.dataDate ? ` ／ データ時点: ${format.date(d.dataDate)}` : null}
      </p>
    </>
  );
}
