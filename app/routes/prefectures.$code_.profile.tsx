import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { AreaComparisonTables, KeyFiguresTable } from "~/components/cards/ProfileSections";
import { AnnualSubmissionsCard } from "~/components/cards/AnnualSubmissionsCard";
import { PrefectureWorkCard } from "~/components/cards/PrefectureWorkCard";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { useFormat } from "~/components/shell/format-context";
import type { PrintHandle } from "~/components/shell/print";
import { requirePrefecturePage } from "~/server/auth/page-guards.server";
import { notFound } from "~/server/http/not-found";
import { parseQuery } from "~/server/pages/query-params";
import { pageToday } from "~/server/pages/today.server";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { catalogueLabel, employmentOrIncomeRateSpec, targetValueMetrics } from "~/domain/metric-catalogue";
import { coverageLabel } from "~/domain/statistics";
import { jusouStatusLabels, optionalPrograms, type JusouStatus } from "~/domain/vocabulary";
import { loadPrefectureProfile, prefectureProfileQuery } from "./prefectures.$code_.profile.server";

export const handle: PrintHandle = {
  print: { source: "月次支援状況・人口、任意事業実施状況、重層的支援体制整備事業の状況、スーパーバイズ記録、支援員配置・研修、提出状況（各実施主体の報告・都道府県の記録）" },
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.prefecture.name ?? "都道府県"}のプロフィール | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // the same scope as /prefectures/:code: aggregates for everyone, the bodies and the worklist for MHLW and its own officials
  const { prefecture, canSeeDetail } = await requirePrefecturePage(request, params);
  const q = parseQuery(prefectureProfileQuery, request);
  const profile = await loadPrefectureProfile(await getReadDb(), prefecture.code, q, pageToday(), canSeeDetail);
  if (!profile) throw notFound("都道府県またはその年度のデータが見つかりません");
  return profile;
}

export default function PrefectureProfile() {
  const d = useLoaderData<typeof loader>();
  const format = useFormat();
  return (
    <article className="profile">
      <p className="screen-only">
        <Link to={`/prefectures/${d.prefecture.code}?fy=${d.fiscalYear}`}>{d.prefecture.name}のページへ戻る</Link>
      </p>
      <h1>
        {d.prefecture.name}のプロフィール（{formatFiscalYear(d.fiscalYear)}）
      </h1>
      <p className="lead">
        会議資料用の要約です。値は{d.prefecture.name}のページと同じ集計です。<span className="screen-only">「印刷・PDF」でA4に印刷できます。</span>
      </p>
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>

      <section aria-labelledby="profile-key" className="print-keep">
        <h2 id="profile-key">主要指標</h2>
        <KeyFiguresTable
          id="profile-key-table"
          caption={`人口10万人あたり月平均と就労・増収率（${formatFiscalYear(d.fiscalYear)}）`}
          columns={[d.prefecture.name, "全国"]}
          rows={[
            ...targetValueMetrics.map((m) => ({ key: m, metric: m, label: catalogueLabel(m, "derived"), values: [d.own[m], d.nation[m]], target: d.targets ? d.targets[m] : null, kind: "perCapita" as const })),
            { key: "employmentOrIncomeRate", metric: "employmentOrIncomeRate" as const, label: employmentOrIncomeRateSpec.label, values: [d.own.employmentOrIncomeRate, d.nation.employmentOrIncomeRate], target: null, kind: "rate" as const },
          ]}
        />
        <p>
          提出状況: {coverageLabel(d.own.submittedMonths, d.own.expectedMonths)}（実施主体×月）。全国: {coverageLabel(d.nation.submittedMonths, d.nation.expectedMonths)}。
        </p>
      </section>

      <AreaComparisonTables areaName={d.prefecture.name} area={d.areas.prefecture} nation={d.areas.nation} />

      {d.work ? <PrefectureWorkCard prefectureCode={d.prefecture.code} work={d.work} /> : null}
      {d.annual ? <AnnualSubmissionsCard prefectureName={d.prefecture.name} statuses={[d.annual]} /> : null}

      {d.bodies ? (
        <section aria-labelledby="profile-bodies">
          <h2 id="profile-bodies">管内の実施主体（{formatFiscalYear(d.fiscalYear)}）</h2>
          <table className="data" id="profile-bodies-table">
            <caption className="visually-hidden">{d.prefecture.name}の実施主体</caption>
            <thead>
              <tr>
                <th scope="col">実施主体</th>
                <th scope="col" className="num">
                  人口
                </th>
                <th scope="col" className="num">
                  任意事業
                </th>
                <th scope="col" className="num">
                  新規相談/10万人
                </th>
                <th scope="col" className="num">
                  就労・増収率
                </th>
                <th scope="col">提出</th>
                <th scope="col">重層</th>
                <th scope="col" className="num">
                  修了証
                </th>
                <th scope="col">直近のスーパーバイズ</th>
              </tr>
            </thead>
            <tbody>
              {d.bodies.map((b) => (
                <tr key={b.code}>
                  <th scope="row">{b.kind === "prefecture" ? `${b.name}（郡部）` : b.name}</th>
                  <td className="num">{format.number(b.population)}</td>
                  <td className="num nowrap">
                    {optionalPrograms.length}事業中{format.number(optionalPrograms.filter((p) => b.programs[p]?.implemented).length)}事業
                  </td>
                  <td className="num">{format.decimal(b.newConsultations, 1)}</td>
                  <td className="num">{format.percent(b.employmentOrIncomeRate)}</td>
                  <td className="nowrap">{coverageLabel(b.submittedMonths, 12)}</td>
                  <td>{b.jusou ? jusouStatusLabels[b.jusou as JusouStatus] : "－"}</td>
                  <td className="num nowrap">{b.certificates ? `${format.number(b.certificates.certified)}／${format.number(b.certificates.assigned)}人` : "－"}</td>
                  <td className="nowrap">{b.lastContact ? format.date(b.lastContact) : "なし"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p className="notice">管内の実施主体別の一覧は、この都道府県の担当者と厚生労働省だけが見られます。</p>
      )}
      <p className="kpi__note">
        出典: 月次支援状況・人口、任意事業実施状況、重層的支援体制整備事業の状況、スーパーバイズ記録、支援員配置・研修 ／ データ時点: {d.dataDate ? format.date(d.dataDate) : "－"}
      </p>
    </article>
  );
}
