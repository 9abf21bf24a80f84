import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/server/auth/session.server";
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
        アップロードしたファイルは、各セルの形式のほかに次のルールで確かめます。「エラー」の行があるファイルは確定できません。「警告」は確認画面に表示され、内容が正しければそのまま確定できます。
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
      <h2>テンプレートの記入例</h2>
      <p>
        ダウンロードしたテンプレートの記入例の行には「{d.exampleColumn}」の列に印があり、その行は登録できません（エラー）。記入例の行を削除するか、自分のデータに書き換えて印を消してください。記入例のままのファイルは「テンプレートの記入例のままです」として受け付けません。
      </p>
    </>
  );
}
