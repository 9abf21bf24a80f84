import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { MetricField } from "~/components/ui/FilterFields";
import { ComparisonTrendCard } from "~/components/cards/ComparisonTrendCard";
import { requireUser } from "~/server/auth/session.server";
import { regionalBlockLabels, regionalBlocks } from "~/domain/vocabulary";
import { comparisonQuery, loadComparison } from "./compare.server";

export const meta: MetaFunction = () => [{ title: "比較 | つなぐ" }];

/** Aggregates only, so every role may compare prefectures and blocks. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadComparison(await getReadDb(), comparisonQuery(new URL(request.url)));
}

export default function Compare() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>都道府県・地方ブロックの比較</h1>
      <p>
        <Link to="/compare/funnel">全国の実施主体のファネルプロット</Link>（厚生労働省のみ） ／ <Link to="/indicators">指標の定義</Link>
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
        <p className="actions">
          <button type="submit" className="button">
            比較する
          </button>
        </p>
      </Form>
      {d.series.length === 0 ? (
        <p>比較する都道府県または地方ブロックを選んでください。</p>
      ) : (
        <>
          {d.metric === "employmentOrIncomeRate" ? (
            <p className="notice" id="compare-rate-note">
              就労・増収率は100%を超えることがあります。就労者数と増収者数の合計を、その年度の就労支援対象者数で割った値で、就労・増収した人は同じ年度の対象者に限られないためです（例: 2015年度の全国値は（21,465＋6,946）÷28,207＝100.7%）。
            </p>
          ) : null}
          <ComparisonTrendCard id="compare" title="年度別の比較" metric={d.metric} series={d.series} rows={d.rows} dataDate={d.dataDate} />
        </>
      )}
    </>
  );
}
