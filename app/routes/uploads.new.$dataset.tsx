import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getDb } from "../../db";
import { receiveUpload, UploadForbiddenError } from "~/server/uploads/service.server";
import { requireUploadPage, uploadPageData } from "./uploads.new.$dataset.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "アップロード"} のアップロード | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { definition } = await requireUploadPage(request, params);
  return uploadPageData(definition);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, definition } = await requireUploadPage(request, params);
  const result = await receiveUpload(await getDb(), { ...user, clientAddress: context.clientAddress ?? null }, definition, request).catch((error: unknown) => {
    if (error instanceof UploadForbiddenError) throw new Response(error.message, { status: 403 });
    throw error;
  });
  if ("formError" in result) return data({ formError: result.formError }, { status: result.status });
  return redirect(`/uploads/${result.uploadId}`);
}

export default function NewUpload() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <p>
        <Link to="/uploads">アップロード</Link> ＞ {d.label}
      </p>
      <h1>{d.label}のアップロード</h1>
      <p className="lead">{d.description}</p>
      {actionData?.formError ? (
        <p className="error-summary" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="filters" aria-label="ファイルのアップロード">
        <div className="field">
          <label htmlFor="upload-file">CSVファイル（UTF-8 または Shift_JIS、コンマ区切りまたはタブ区切り）またはExcelブック（.xlsx）</label>
          <input id="upload-file" type="file" name="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required aria-describedby="upload-help" />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "確認中…" : "内容を確認する"}
        </button>
      </Form>
      <p id="upload-help">
        ファイルはまだ反映されません。次の画面で件数とエラーを確認してから確定します。上限は{d.maxMegabytes}MB・{d.maxRows.toLocaleString("ja-JP")}行です。
        合計・小計の行は取り込めないため、削除してからアップロードしてください。エラーの行番号はファイルの行番号（空行も数えます）です。
        Excelブックは「{d.label}」という名前のシート（なければ先頭のシート）を読み、表題の行の下にある見出し行から取り込みます。行番号はExcelの行番号、数式は保存された計算結果を読みます。古い形式（.xls）とマクロ有効ブック（.xlsm）は読めません。
        テンプレート:{" "}
        <a href={`/datasets/${d.id}/download?kind=template&encoding=utf-8-bom`} download>
          Excel用（UTF-8 BOM付き）
        </a>{" "}
        ／{" "}
        <a href={`/datasets/${d.id}/download?kind=template&encoding=shift_jis`} download>
          Shift_JIS
        </a>
        。テンプレートの「例」の列に印のある記入例の行は登録されません。列をまたぐ確認や期間の確認は<Link to="/rules">ルール一覧</Link>にあります。
      </p>
      <h2>列の説明</h2>
      <table className="data">
        <caption className="visually-hidden">{d.label}の列</caption>
        <thead>
          <tr>
            <th scope="col">見出し</th>
            <th scope="col">必須</th>
            <th scope="col">説明</th>
            <th scope="col">例</th>
            <th scope="col">別名（英語など）</th>
          </tr>
        </thead>
        <tbody>
          {d.columns.map((c) => (
            <tr key={c.header}>
              <th scope="row">{c.header}</th>
              <td>{c.required ? "必須" : "任意"}</td>
              <td>{c.description}</td>
              <td>{c.example}</td>
              <td>{c.aliases}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
