import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { KeyFiguresTable } from "~/components/cards/ProfileSections";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { useFormat } from "~/components/shell/format-context";
import type { PrintHandle } from "~/components/shell/print";
import { requireBodyPage } from "~/server/auth/page-guards.server";
import { parseQuery } from "~/server/pages/query-params";
import { pageToday } from "~/server/pages/today.server";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { catalogueLabel, employmentOrIncomeRateSpec } from "~/domain/metric-catalogue";
import { missingMonthsSentence } from "~/domain/reporting-period";
import {
  deliveryFormLabels,
  jusouStatusLabels,
  optionalProgramLabels,
  optionalPrograms,
  supervisionFormLabels,
  supportStaffRoleLabels,
  type DeliveryForm,
  type JusouStatus,
  type SupervisionForm,
  type SupportStaffRole,
} from "~/domain/vocabulary";
import { loadMunicipalityProfile, municipalityProfileQuery } from "./municipalities.$code_.profile.server";

export const handle: PrintHandle = {
  print: { source: "月次支援状況・人口、任意事業実施状況、重層的支援体制整備事業の状況、支援員配置・研修、スーパーバイズ記録（実施主体の報告・都道府県の記録）" },
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.body.name ?? "自治体"}のプロフィール | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // the same scope as /municipalities/:code: MHLW, its prefecture, the body itself
  const { body } = await requireBodyPage(request, params);
  return loadMunicipalityProfile(await getReadDb(), body, parseQuery(municipalityProfileQuery, request), pageToday());
}

export default function MunicipalityProfile() {
  const d = useLoaderData<typeof loader>();
  const format = useFormat();
  const programOf = (p: string) => d.programs.find((r) => r.program === p) ?? null;
  return (
    <article className="profile">
      <p className="screen-only">
        <Link to={`/municipalities/${d.body.code}?fy=${d.fiscalYear}`}>{d.body.name}のページへ戻る</Link>
      </p>
      <h1>
        {d.body.name}のプロフィール（{formatFiscalYear(d.fiscalYear)}）
      </h1>
      <p className="lead">
        {d.body.prefectureName}・人口 {d.body.population === null ? "－" : `${format.number(d.body.population)}人`}
        {d.body.populationAsOf ? `（${format.date(d.body.populationAsOf)}）` : ""}。会議資料用の要約です。<span className="screen-only">「印刷・PDF」でA4に印刷できます。</span>
      </p>
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>

      <section aria-labelledby="profile-key" className="print-keep">
        <h2 id="profile-key">主要指標</h2>
        <KeyFiguresTable
          id="profile-key-table"
          caption={`人口10万人あたり月平均と就労・増収率（${formatFiscalYear(d.fiscalYear)}）`}
          columns={[d.body.name, d.body.prefectureName, "全国"]}
          rows={[
            ...(["newConsultations", "plansCreated"] as const).map((m) => ({
              key: m,
              metric: m,
              label: catalogueLabel(m, "derived"),
              values: [d.own?.[m] ?? null, d.prefecture?.[m] ?? null, d.nation?.[m] ?? null],
              target: d.targets ? d.targets[m] : null,
              kind: "perCapita" as const,
            })),
            {
              key: "employmentOrIncomeRate",
              metric: "employmentOrIncomeRate",
              label: employmentOrIncomeRateSpec.label,
              values: [d.own?.employmentOrIncomeRate ?? null, d.prefecture?.employmentOrIncomeRate ?? null, d.nation?.employmentOrIncomeRate ?? null],
              target: null,
              kind: "rate" as const,
            },
          ]}
        />
      </section>

      <section aria-labelledby="profile-reporting" className="print-keep">
        <h2 id="profile-reporting">提出状況</h2>
        <p>{missingMonthsSentence(d.monthsDue, d.missingMonths, format.style)}</p>
        {d.returned.length > 0 ? <p>都道府県から差し戻された月: {d.returned.map((r) => format.month(r)).join("、")}</p> : null}
      </section>

      <section aria-labelledby="profile-programs" className="print-keep">
        <h2 id="profile-programs">任意事業（{formatFiscalYear(d.fiscalYear)}）</h2>
        <table className="data" id="profile-programs-table">
          <caption className="visually-hidden">任意事業の実施状況</caption>
          <thead>
            <tr>
              <th scope="col">事業</th>
              <th scope="col">実施</th>
              <th scope="col">実施形態</th>
            </tr>
          </thead>
          <tbody>
            {optionalPrograms.map((p) => {
              const s = programOf(p);
              return (
                <tr key={p}>
                  <th scope="row">{optionalProgramLabels[p]}</th>
                  <td>{!s ? "未報告" : s.implemented ? "実施" : "未実施"}</td>
                  <td>{s?.deliveryForm ? deliveryFormLabels[s.deliveryForm as DeliveryForm] : "－"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p>重層的支援体制整備事業: {d.jusou ? jusouStatusLabels[d.jusou as JusouStatus] : "未報告"}</p>
      </section>

      <section aria-labelledby="profile-staff" className="print-keep">
        <h2 id="profile-staff">支援員と研修</h2>
        {d.staff.length === 0 ? (
          <p>この年度の支援員配置・研修の報告はありません。</p>
        ) : (
          <table className="data" id="profile-staff-table">
            <caption className="visually-hidden">支援員の配置と研修</caption>
            <thead>
              <tr>
                <th scope="col">職種</th>
                <th scope="col" className="num">
                  配置
                </th>
                <th scope="col" className="num">
                  国研修修了
                </th>
                <th scope="col" className="num">
                  都道府県研修修了
                </th>
                <th scope="col" className="num">
                  修了証
                </th>
              </tr>
            </thead>
            <tbody>
              {d.staff.map((s) => (
                <tr key={s.role}>
                  <th scope="row">{supportStaffRoleLabels[s.role as SupportStaffRole] ?? s.role}</th>
                  <td className="num">{format.number(s.assigned)}</td>
                  <td className="num">{format.number(s.nationalTrainingCompleted)}</td>
                  <td className="num">{format.number(s.prefectureTrainingCompleted)}</td>
                  <td className="num">{format.number(s.certified)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="profile-supervision" className="print-keep">
        <h2 id="profile-supervision">スーパーバイズ（直近5件）</h2>
        {d.contacts.length === 0 ? (
          <p>記録はありません。</p>
        ) : (
          <table className="data" id="profile-supervision-table">
            <caption className="visually-hidden">スーパーバイズの記録</caption>
            <thead>
              <tr>
                <th scope="col">日付</th>
                <th scope="col">形態</th>
                <th scope="col">対応者</th>
              </tr>
            </thead>
            <tbody>
              {d.contacts.map((c, i) => (
                <tr key={i}>
                  <th scope="row" className="nowrap">
                    {format.date(c.contactedOn)}
                  </th>
                  <td>{supervisionFormLabels[c.form as SupervisionForm] ?? c.form}</td>
                  <td>{c.responder}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="kpi__note">
        出典: 月次支援状況・人口、任意事業実施状況、重層的支援体制整備事業の状況、支援員配置・研修、スーパーバイズ記録 ／ データ時点: {d.dataDate ? format.date(d.dataDate) : "－"}
      </p>
    </article>
  );
}
