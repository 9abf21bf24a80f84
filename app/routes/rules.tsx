import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/server/auth/session.server";
import { formatNumber } from "~/domain/format";
import { ruleList } from "./rules.server";

export const meta: MetaFunction = () => [{ title: "ルール一覧 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return ruleList();
}

export default function Rules() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/uploads">アップロード</Link> ＞ ルール一覧
      </p>
      <h1>ルール一覧</h1>
      <p className="lead">
        アップロードしたファイルは、各セルの形式のほかに次のルールで確かめます。「エラー」の行があるファイルは確定できません。「警告」は確認画面に表示され、内容が正しければ確定できます（これまでの値から大きく外れた値と、締めた年度の変更は「説明」の入力が必要です）。
      </p>
      <table className="data">
        <caption className="visually-hidden">アップロードのルール</caption>
        <thead>
          <tr>
            <th scope="col">データ</th>
            <th scope="col">種類</th>
            <th scope="col">重さ</th>
            <th scope="col">内容（表示されるメッセージ）</th>
            <th scope="col">ルールID</th>
          </tr>
        </thead>
        <tbody>
          {d.rules.map((r) => (
            <tr key={r.id}>
              <td>{r.datasets.join("、")}</td>
              <td>{r.kind}</td>
              <td>{r.severityLabel}</td>
              <td>{r.message}</td>
              <td>
                <code>{r.id}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>これまでの値から大きく外れた値（月次支援状況）</h2>
      <p>
        月次支援状況の各値は、その実施主体の同じ月の過去の値と直近{d.outliers.recentMonths}か月の値から、中央値と中央絶対偏差（MAD）による修正zスコアで確かめます。修正zスコアの絶対値が
        <strong>{formatNumber(d.outliers.threshold)}</strong>を超え、中央値から{d.outliers.minDeviation}件（人）より離れた値は「警告」となり、確定には「説明」の入力が必要です。
      </p>
      <p>
        比べられる過去の値が<strong>{d.outliers.minHistory}か月分</strong>に満たないときは、人口規模の近い実施主体（最大{d.outliers.peers}団体、人口の比が近い順）の同じ月の値と、人口10万人あたりで比べます（同じ月を提出した団体が{d.outliers.minPeers}団体未満なら比べません）。
      </p>
      <table className="data">
        <caption>現在の設定</caption>
        <thead>
          <tr>
            <th scope="col">設定</th>
            <th scope="col">値</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <code>OUTLIER_THRESHOLD</code>
            </th>
            <td className="num">{formatNumber(d.outliers.threshold)}</td>
            <td>修正zスコアのしきい値（既定 3.5）</td>
          </tr>
          <tr>
            <th scope="row">
              <code>OUTLIER_MIN_HISTORY</code>
            </th>
            <td className="num">{d.outliers.minHistory}か月</td>
            <td>これより少ない過去の値しかないときは類似団体と比べる（既定 6）</td>
          </tr>
          <tr>
            <th scope="row">
              <code>CLOSED_FISCAL_YEAR_MONTHS</code>
            </th>
            <td className="num">{d.closedFiscalYearMonths}か月</td>
            <td>年度を締めて（3月31日）からこの月数を過ぎた年度の登録済みの数値の変更には「説明」が必要（既定 6）</td>
          </tr>
          <tr>
            <th scope="row">
              <code>SUPERVISION_GAP_MONTHS</code>
            </th>
            <td className="num">{d.worklist.supervisionGapMonths}か月</td>
            <td>この月数のあいだスーパーバイズの記録がない実施主体を、都道府県の「要フォロー」に載せる（既定 6）</td>
          </tr>
        </tbody>
      </table>
      <h2>テンプレートの記入例</h2>
      <p>
        ダウンロードしたテンプレートの記入例の行には「{d.exampleColumn}」の列に印があり、その行は登録できません（エラー）。記入例の行を削除するか、自分のデータに書き換えて印を消してください。記入例のままのファイルは「テンプレートの記入例のままです」として受け付けません。
      </p>
    </>
  );
}
