import { useFormat } from "~/components/shell/format-context";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { ConfirmAction, ConfirmStep, SavedNotice, SubmitButton } from "~/components/ui/ConfirmAction";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { requireUser } from "~/server/auth/session.server";
import { parseQuery } from "~/server/pages/query-params";
import { pageToday } from "~/server/pages/today.server";
import { bodyListMaxMembers, bodyListNameMaxLength } from "~/domain/body-lists";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber } from "~/domain/format";
import { comparableMetricLabels, comparableMetrics, formatMetric } from "~/domain/metrics";
import { MetricLabel } from "~/components/ui/MetricLabel";
import { bodyListAction, bodyListQuery, listIdOf, loadBodyListPage } from "./lists.$id.server";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.list.name ?? "比較リスト"} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadBodyListPage(await getDb(), user, listIdOf(params), parseQuery(bodyListQuery, request), pageToday());
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const clientAddress = (context as { clientAddress?: string | null }).clientAddress ?? null;
  return bodyListAction(await getDb(), { ...user, clientAddress }, listIdOf(params), request);
}

type BodyListData = SerializeFrom<typeof loader>;

/** The list's members with their figures: the page's table and `?format=csv|xlsx` (ADR 028). */
function membersTable(d: BodyListData) {
  const columns: DataColumn<BodyListData["figures"]["members"][number]>[] = [
    {
      key: "name",
      label: "実施主体",
      rowHeader: true,
      value: (m) => `${m.prefectureName}${m.kind === "prefecture" ? "（郡部）" : m.name}`,
      render: (m) => <AppLink to={`/municipalities/${m.code}?fy=${d.fiscalYear}&list=${d.list.id}`}>{m.kind === "prefecture" ? `${m.name}（郡部）` : `${m.prefectureName}${m.name}`}</AppLink>,
    },
    { key: "population", label: "人口", numeric: true, value: (m) => m.population },
    ...comparableMetrics.map((metric) => ({
      key: metric,
      label: comparableMetricLabels[metric],
      metric: { key: metric, figure: "derived" as const },
      numeric: true,
      value: (m: BodyListData["figures"]["members"][number]) => m[metric],
      render: (m: BodyListData["figures"]["members"][number]) => formatMetric(metric, m[metric]),
    })),
    { key: "submitted", label: "提出月数", numeric: true, value: (m) => m.submittedMonths },
  ];
  return { caption: `${d.list.name}の実施主体`, fileName: `${d.list.name}_${d.fiscalYear}_実施主体.csv`, rows: d.figures.members, columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as BodyListData;
    return pageTableOf(membersTable(d), { source: "月次支援状況", dataDate: d.dataDate }, context);
  },
};

const savedMessages = { created: "リストを作成しました", updated: "リストを保存しました" } as const;

export default function BodyListPage() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const f = d.figures;
  return (
    <>
      <p>
        <AppLink to="/lists">比較リスト</AppLink> ＞ {d.list.name}
      </p>
      <h1>{d.list.name}</h1>
      <p className="lead">
        {formatNumber(f.memberCount)}団体・作成者 {d.list.ownerName}。このページのURLは、リストのすべての実施主体を見られる人と共有できます。自治体のページと
        <AppLink to={`/compare?list=${d.list.id}`}>比較のページ</AppLink>で比較の相手に選べます。
      </p>
      <SavedNotice message={d.saved ? savedMessages[d.saved] : undefined} />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <h2>リスト全体の値（{formatFiscalYear(d.fiscalYear)}）</h2>
      <p className="kpi__note">リスト全体の値は、実施主体の件数の合計を人口×提出月数の合計で割った値です（1団体ずつの値の平均ではありません）。</p>
      <DataTable
        id="list-aggregate"
        caption={`${d.list.name}全体の値（${formatFiscalYear(d.fiscalYear)}）`}
        fileName={`${d.list.name}_${d.fiscalYear}_全体.csv`}
        rows={comparableMetrics.map((m) => ({ metric: m, value: f.aggregate[m] }))}
        columns={[
          { key: "metric", label: "指標", rowHeader: true, value: (r) => comparableMetricLabels[r.metric], render: (r) => <MetricLabel metric={r.metric} figure="derived" /> },
          { key: "value", label: "リスト全体", numeric: true, value: (r) => r.value, render: (r) => formatMetric(r.metric, r.value) },
        ]}
      />
      <h2>実施主体（{formatFiscalYear(d.fiscalYear)}）</h2>
      <DataTable id="list-members" {...membersTable(d)} />
      <p className="kpi__note">出典: 月次支援状況{d.dataDate ? ` ／ データ時点: ${format.date(d.dataDate)}` : null}</p>

      {d.isOwner ? (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">リストを変更する</h2>
          {a?.errors ? (
            <div className="error-summary" role="alert">
              <p>保存できませんでした（{a.errors.length}件）</p>
              <ul>
                {a.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="update" />
            <div className="field">
              <label htmlFor="list-name">リスト名（{bodyListNameMaxLength}文字以内）</label>
              <input id="list-name" name="name" required maxLength={bodyListNameMaxLength} defaultValue={a?.values?.name ?? d.list.name} />
            </div>
            <div className="field">
              <label htmlFor="list-members">実施主体の自治体コード（6桁、改行・カンマ・空白で区切る。{bodyListMaxMembers}団体まで）</label>
              <textarea id="list-members" name="members" rows={6} required defaultValue={a?.values?.members ?? d.members} />
            </div>
            <SubmitButton pendingLabel="保存しています…">保存する</SubmitButton>
          </Form>
          {d.confirmDelete ? (
            <ConfirmStep title={`比較リスト「${d.list.name}」を削除しますか`} fields={{ intent: "delete" }} cancelHref={`/lists/${d.list.id}`}>
              <p>共有したURLも開けなくなります。</p>
            </ConfirmStep>
          ) : (
            <p>
              <ConfirmAction label="このリストを削除する" href={`/lists/${d.list.id}?confirm=delete#confirm-step`} title={`比較リスト「${d.list.name}」を削除しますか`} fields={{ intent: "delete" }}>
                <p>共有したURLも開けなくなります。</p>
              </ConfirmAction>
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
