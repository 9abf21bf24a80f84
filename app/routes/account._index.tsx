import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { requireUser } from "~/server/auth/session.server";
import { dateStyleLabels, dateStyles } from "~/domain/format";
import { useFormat } from "~/components/shell/format-context";
import { changeDateStyle } from "./account._index.server";

export const meta: MetaFunction = () => [{ title: "アカウント設定 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { loginId: user.loginId, displayName: user.displayName, dateStyle: user.dateStyle, saved: new URL(request.url).searchParams.has("saved") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await changeDateStyle(await getDb(), user, Object.fromEntries(await request.formData()), context.clientAddress ?? null);
  if (!result.ok) return data({ formError: result.message }, { status: result.status });
  return redirect("/account?saved");
}

export default function AccountSettings() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const format = useFormat();
  return (
    <div className="login">
      <h1>アカウント設定</h1>
      <p>
        {d.displayName}（ログインID: {d.loginId}）
      </p>
      {d.saved ? (
        <p className="notice" role="status">
          日付の表示を保存しました（例: {format.date("2026-02-20")}）。
        </p>
      ) : null}
      {actionData ? (
        <p className="error-summary" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" className="record-form">
        <fieldset>
          <legend>日付の表示</legend>
          {dateStyles.map((style) => (
            <div key={style}>
              <input type="radio" id={`dateStyle-${style}`} name="dateStyle" value={style} defaultChecked={d.dateStyle === style} />
              <label htmlFor={`dateStyle-${style}`}>{dateStyleLabels[style]}</label>
            </div>
          ))}
          <p className="kpi__note">すべてのページ、印刷、CSVの注記の日付と月に使います。年度は常に「令和8年度（2026）」の形で表示します。</p>
        </fieldset>
        <button type="submit" className="button">
          保存する
        </button>
      </Form>
      <p>
        <Link to="/account/password">パスワードを変更する</Link>
      </p>
    </div>
  );
}
