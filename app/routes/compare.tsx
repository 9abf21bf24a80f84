import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { MetricField } from "~/components/ui/FilterFields";
import { ComparisonTrendCard, comparisonTrendSource, comparisonTrendTable } from "~/components/cards/ComparisonTrendCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { requireUser } from "~/server/auth/session.server";
import { regionalBlockLabels, regionalBlocks } from "~/domain/vocabulary";
import { pageToday } from "~/server/pages/today.server";
import { comparisonQuery, loadComparison } from "./compare.server";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction = () => [{ title: "比較 | つなぐ" }];

/** Aggregates only, so every role may compare prefectures and blocks; a named list only if the user may see all its bodies. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadComparison(await getReadDb(), comparisonQuery(new URL(request.url)), user, pageToday());
}

const compareTitle = "年度別の比較";

/** `?format=csv|xlsx`: the chosen scopes by fiscal year, the trend's table (no columns but 年度 until some are chosen) (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    return pageTableOf(comparisonTrendTable({ id: "compare", title: compareTitle, metric: d.metric, series: d.series, rows: d.rows, comparisons: d.comparisons }), { source: comparisonTrendSource, dataDate: d.dataDate }, context);
  },
};

export default function Compare() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>都道府県・地方ブロックの比較</h1>
      <p>
        <AppLink to="/compare/funnel">全国の実施主体のファネルプロット</AppLink>（厚生労働省のみ） ／ <AppLink to="/indicators">指標の定義</AppLink>
      </p>
      <Form method="get" aria-label="比較の条件">
        <div className="filters">
          <MetricField label="指標" value={d.metric} />
        </div>
        <fieldset>
          <legend>地方ブロック</legend>
          {regionalBlocks.map((b) => (
            <label key={b} className="check">
              <input type="checkbox" name="blocks" value={b} defaultChecked={d.selectedBlocks.includes(b)} /> {regionalBlockLabels[b]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>都道府県（8つまで）</legend>
          {d.prefectures.map((p) => (
            <label key={p.code} className="check">
              <input type="checkbox" name="prefectures" value={p.code} defaultChecked={d.selectedPrefectures.includes(p.code)} /> {p.name}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="compare-list">比較リスト</label>
          <select id="compare-list" name="list" defaultValue={d.selectedList ? String(d.selectedList.id) : ""}>
            <option value="">選ばない</option>
            {d.selectedList && !d.lists.some((l) => l.id === d.selectedList!.id) ? <option value={d.selectedList.id}>{d.selectedList.name}（共有）</option> : null}
            {d.lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}（{l.members}団体）
              </option>
            ))}
          </select>
          <AppLink to="/lists">比較リストを作る・編集する</AppLink>
        </div>
        <p className="actions">
          <button type="submit" className="button">
            比較する
          </button>
        </p>
      </Form>
      {d.listRefusal ? (
        <p className="notice" role="alert">
          {d.listRefusal}
        </p>
      ) : null}
      {d.selectedList ? (
        <p className="kpi__note">
          比較リスト「<AppLink to={`/lists/${d.selectedList.id}`}>{d.selectedList.name}</AppLink>」の値は、実施主体の件数の合計を人口×提出月数の合計で割った値です。実施主体:{" "}
          {d.selectedList.members.map((m) => m.name).join("、")}
        </p>
      ) : null}
      {d.series.length === 0 ? (
        <p>比較する都道府県・地方ブロック・比較リストを選んでください。</p>
      ) : (
        <>
          {d.metric === "employmentOrIncomeRate" ? (
            <p className="notice" id="compare-rate-note">
              就労・増収率は100%を超えることがあります。就労者数と増収者数の合計を、その年度の就労支援対象者数で割った値で、就労・増収した人は同じ年度の対象者に限られないためです（例: 2015年度の全国値は（21,465＋6,946）÷28,207＝100.7%）。
            </p>
          ) : null}
          <ComparisonTrendCard id="compare" title={compareTitle} metric={d.metric} series={d.series} rows={d.rows} comparisons={d.comparisons} dataDate={d.dataDate} />
        </>
      )}
    </>
  );
}
