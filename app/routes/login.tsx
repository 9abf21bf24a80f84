import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { getDb } from "../../db";
import { afterLoginPath } from "~/server/auth/access";
import { createUserSession, getOptionalUser } from "~/server/auth/session.server";
import { attemptLogin, listDemoAccounts } from "./login.server";

export const meta: MetaFunction = () => [{ title: "ログイン | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect(afterLoginPath(user, new URL(request.url).searchParams.get("redirectTo")));
  return { demo: await listDemoAccounts(await getDb()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const outcome = await attemptLogin(Object.fromEntries(await request.formData()), context.clientAddress ?? null);
  if (!outcome.ok) return data({ fieldErrors: outcome.fieldErrors, formError: outcome.formError }, { status: outcome.status });
  return redirect(outcome.redirectTo, {
    headers: { "Set-Cookie": await createUserSession(outcome.userId, request) },
  });
}

export default function Login() {
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const fieldErrors: { loginId?: string[]; password?: string[] } = actionData?.fieldErrors ?? {};
  return (
    <div className="login">
      <h1>ログイン</h1>
      {actionData?.formError ? (
        <p className="error-summary" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <label>
          ログインID
          <input
            type="text"
            name="loginId"
            autoComplete="username"
            required
            aria-invalid={fieldErrors.loginId ? true : undefined}
            aria-describedby={fieldErrors.loginId ? "loginId-error" : undefined}
          />
          {fieldErrors.loginId ? (
            <span className="field-error" id="loginId-error">
              {fieldErrors.loginId[0]}
            </span>
          ) : null}
        </label>
        <label>
          パスワード
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? "password-error" : undefined}
          />
          {fieldErrors.password ? (
            <span className="field-error" id="password-error">
              {fieldErrors.password[0]}
            </span>
          ) : null}
        </label>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          ログイン
        </button>
      </Form>
      {demo ? (
        <section className="demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title">デモ用アカウント</h2>
          <p>デモデータの表示中だけ使えます。パスワードはすべて「{demo.password}」です。</p>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">ログインID</th>
                <th scope="col">役割</th>
              </tr>
            </thead>
            <tbody>
              {demo.accounts.map((a) => (
                <tr key={a.loginId}>
                  <td>
                    <code>{a.loginId}</code>
                  </td>
                  <td>{a.displayName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
