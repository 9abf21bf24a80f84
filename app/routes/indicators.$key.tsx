import { useFormat } from "~/components/shell/format-context";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { requireUser } from "~/server/auth/session.server";
import { notFound } from "~/server/http/not-found";
import { ComparisonLegend } from "~/components/ui/ComparisonBadge";
import { comparisonMethodText, goodDirectionTexts, intervalMethodTexts, peerMethodText, trendMethodText } from "~/domain/indicators";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { loadIndicator } from "~/server/pages/indicators.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.indicator.label ?? "指標"}の定義 | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const data = await loadIndicator(await getReadDb(), params.key ?? "");
  if (!data) throw notFound("その指標はありません");
  return data;
}

export default function Indicator() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const i = d.indicator;
  return (
    <>
      <p>
        <Link to="/indicators">指標の定義</Link> ＞ {i.label}
      </p>
      <h1>{i.label}</h1>
      <dl className="definition-list">
        <dt>定義</dt>
        <dd>{i.definition}</dd>
        {i.explanation ? (
          <>
            <dt>注意</dt>
            <dd>{i.explanation}</dd>
          </>
        ) : null}
        <dt>計算式</dt>
        <dd>{i.formula}</dd>
        <dt>分母</dt>
        <dd>{i.denominator}</dd>
        <dt>単位</dt>
        <dd>{i.unit}</dd>
        <dt>出典</dt>
        <dd>{i.source}</dd>
        <dt>良い方向</dt>
        <dd>{goodDirectionTexts[i.good]}</dd>
      </dl>
      {i.hasTargetValue ? (
        <section aria-labelledby="targets-title">
          <h2 id="targets-title">目安値（人口10万人あたり月）</h2>
          {d.targets.length === 0 ? (
            <p>目安値はまだ登録されていません。</p>
          ) : (
            <table className="data counts">
              <caption className="visually-hidden">年度別の目安値</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">目安値</th>
                </tr>
              </thead>
              <tbody>
                {d.targets.map((t) => (
                  <tr key={t.fiscalYear}>
                    <th scope="row">{formatFiscalYear(t.fiscalYear)}</th>
                    <td className="num">{t.value === null ? "－" : t.value.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      <h2 id="intervals">信頼区間の求め方</h2>
      <p>{intervalMethodTexts[i.interval]} 95%と99.8%の区間を求めます。</p>
      <h2 id="comparisons">比較の求め方</h2>
      <p>{comparisonMethodText}</p>
      <ComparisonLegend comparator="nation" labels={i.good === "none" ? ["higher", "similar", "lower", "notCompared"] : ["better", "similar", "worse", "notCompared"]} />
      <h3 id="peers">類似団体</h3>
      <p>{peerMethodText}</p>
      <h2 id="trends">推移の求め方</h2>
      <p>{trendMethodText}</p>
      <p className="kpi__note">
        出典: {i.source}
        {d.dataDate ? ` ／ データ時点: ${format.date(d.dataDate)}` : null}
      </p>
    </>
  );
}
