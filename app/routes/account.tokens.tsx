import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { SubmitButton } from "~/components/ui/ConfirmAction";
import { ApiTokenTable } from "~/components/ui/ApiTokenTable";
import { requireUser } from "~/server/auth/session.server";
import { tokensOf } from "~/server/auth/api-tokens.server";
import { runApiTokenAction } from "~/server/pages/api-tokens.server";
import { getEnv } from "~/server/env.server";

export const meta: MetaFunction = () => [{ title: "APIトークン | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { loginId: user.loginId, tokens: await tokensOf(await getDb(), user), perMinute: getEnv().API_TOKEN_REQUESTS_PER_MINUTE };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const result = await runApiTokenAction(await getDb(), user, context.clientAddress ?? null, form, true);
  if (!result.ok) return data(result, { status: result.status });
  // no redirect: the new token is shown in this answer only, and never again
  return data(result, { headers: { "Cache-Control": "no-store" } });
}

export default function AccountTokens() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  return (
    <>
      <h1>APIトークン</h1>
      <p className="lead">
        R や Python からページのデータ（URLに <code>format=json</code> または <code>format=csv</code> を付けたもの）を取り出すためのトークンです。
        トークンで見られる範囲は、{d.loginId} でログインして見られる範囲と同じです。データの取得だけに使え、変更の操作には使えません。
        1つのトークンで1分あたり{d.perMinute}回まで使えます。使い方（curl・R・Python の例）は説明書 docs/api.md にあります。
      </p>
      {actionData?.ok ? (
        <div className="notice" role="status">
          <p>{actionData.message}</p>
          {actionData.created ? (
            <>
              <p>
                「{actionData.created.name}」のトークンです。この画面を離れると二度と表示されません。今すぐ安全な場所に保存してください。
              </p>
              <p>
                <label htmlFor="new-token">トークン</label>{" "}
                <input id="new-token" readOnly value={actionData.created.token} />
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      {actionData && !actionData.ok ? (
        <p className="error-summary" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <h2>新しいトークンを発行する</h2>
      <Form method="post" className="record-form">
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="token-name">名前（用途）</label>
          <input id="token-name" name="name" maxLength={60} aria-invalid={errors.name ? true : undefined} aria-describedby="token-name-error" />
          <span className="field-error" id="token-name-error">
            {errors.name?.join(" ")}
          </span>
        </div>
        <SubmitButton pendingLabel="発行しています…">発行する</SubmitButton>
      </Form>
      <h2>発行したトークン</h2>
      <ApiTokenTable tokens={d.tokens} showOwner={false} />
    </>
  );
}
