import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { requireUser } from "~/server/auth/session.server";
import { uploadStatusLabels, type UploadStatus } from "~/domain/upload-status";
import { parseQuery } from "~/server/pages/query-params";
import { loadUploadList, uploadListQuery } from "./uploads._index.server";
import { useFormat } from "~/components/shell/format-context";

/** The list shows the start of a long explanation; the upload's page shows all of it. */
const explanationShown = 60;

export const meta: MetaFunction = () => [{ title: "アップロード | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadUploadList(await getDb(), user, parseQuery(uploadListQuery, request));
}

export default function Uploads() {
  const format = useFormat();
  const { uploadable, readable, history, showAll, hiddenCount } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>アップロード</h1>
      <p className="lead">
        Excelから書き出したCSV（UTF-8 または Shift_JIS）とExcelブック（.xlsx）を取り込みます。アップロードすると、反映する前に件数とエラーを確認する画面が開きます。
        確かめる内容は<Link to="/rules">ルール一覧</Link>にあります。
      </p>
      <h2>データを選んでアップロード</h2>
      <ul className="dataset-list">
        {uploadable.map((d) => (
          <li key={d.id}>
            <Link to={`/uploads/new/${d.id}`}>{d.label}</Link>
            <span className="dataset-list__description">{d.description}</span>
            <span className="dataset-list__links">
              テンプレート:{" "}
              <a href={`/datasets/${d.id}/download?kind=template&encoding=utf-8-bom`} download>
                UTF-8（Excel用）
              </a>{" "}
              ／{" "}
              <a href={`/datasets/${d.id}/download?kind=template&encoding=shift_jis`} download>
                Shift_JIS
              </a>
            </span>
          </li>
        ))}
      </ul>
      <h2>登録済みデータの閲覧とダウンロード</h2>
      <ul className="tabs">
        {readable.map((d) => (
          <li key={d.id}>
            <Link to={`/datasets/${d.id}`}>{d.label}</Link>
          </li>
        ))}
      </ul>
      <h2>アップロード履歴</h2>
      {showAll ? (
        <p>
          失敗・破棄したアップロードも表示しています。<Link to="/uploads">反映済み・確認待ちなどだけを表示する</Link>
        </p>
      ) : hiddenCount > 0 ? (
        <p>
          失敗・破棄したアップロード{hiddenCount}件は表示していません。<Link to="/uploads?all=1">それらも表示する</Link>
        </p>
      ) : null}
      {history.length === 0 ? (
        <p>まだアップロードはありません。</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">日時</th>
              <th scope="col">データ</th>
              <th scope="col">ファイル</th>
              <th scope="col">状態</th>
              <th scope="col" className="num">新規</th>
              <th scope="col" className="num">変更</th>
              <th scope="col" className="num">エラー行</th>
              <th scope="col">登録者</th>
              <th scope="col">説明</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>
                  <Link to={`/uploads/${h.id}`}>#{h.id}</Link>
                </td>
                <td>{format.dateTime(h.createdAt)}</td>
                <td>{h.datasetLabel}</td>
                <td>{h.fileName}</td>
                <td>{uploadStatusLabels[h.status as UploadStatus] ?? h.status}</td>
                <td className="num">{h.counts?.new ?? "－"}</td>
                <td className="num">{h.counts?.changed ?? "－"}</td>
                <td className="num">{h.counts?.errorRows ?? "－"}</td>
                <td>{h.userName ?? "（CLI）"}</td>
                <td>{h.explanation ? (h.explanation.length > explanationShown ? `${h.explanation.slice(0, explanationShown)}…` : h.explanation) : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
