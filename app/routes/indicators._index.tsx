import { useFormat } from "~/components/shell/format-context";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { requireUser } from "~/server/auth/session.server";
import { comparisonMethodText, goodDirectionTexts, indicatorPath, intervalMethodTexts, peerMethodText, shareIntervalText, trendMethodText } from "~/domain/indicators";
import { loadIndicators } from "~/server/pages/indicators.server";

export const meta: MetaFunction = () => [{ title: "指標の定義 | つなぐ" }];

/** Definitions only, so every role may read them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadIndicators(await getReadDb());
}

export default function Indicators() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>指標の定義</h1>
      <p className="lead">つなぐが示す指標の定義、計算式、分母、出典と、信頼区間・比較・推移の求め方です。</p>
      <table className="data">
        <caption>指標の一覧</caption>
        <thead>
          <tr>
            <th scope="col">指標</th>
            <th scope="col">定義</th>
            <th scope="col">単位</th>
            <th scope="col">良い方向</th>
          </tr>
        </thead>
        <tbody>
          {d.indicators.map((i) => (
            <tr key={i.key}>
              <th scope="row">
                <Link to={indicatorPath(i.key)}>{i.label}</Link>
              </th>
              <td>{i.definition}</td>
              <td>{i.unit}</td>
              <td>{goodDirectionTexts[i.good]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="methods">信頼区間・比較・推移の求め方</h2>
      <h3 id="intervals">信頼区間（95%と99.8%）</h3>
      <ul>
        <li>人口10万人あたりの値: {intervalMethodTexts.poissonRate}</li>
        <li>就労・増収率: {intervalMethodTexts.ratio}</li>
        <li>{shareIntervalText}</li>
      </ul>
      <h3 id="comparisons">比較（良い／同程度／悪い、高い／同程度／低い）</h3>
      <p>{comparisonMethodText}</p>
      <h3 id="peers">類似団体</h3>
      <p>{peerMethodText}</p>
      <h3 id="trends">推移（増加／減少／変化なし）</h3>
      <p>{trendMethodText}</p>
      <p className="kpi__note">出典: 厚生労働省 生活困窮者自立支援制度 支援状況調査、人口、目安値{d.dataDate ? ` ／ データ時点: ${format.date(d.dataDate)}` : null}</p>
    </>
  );
}
