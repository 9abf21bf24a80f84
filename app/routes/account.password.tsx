import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { passwordMinimumLength } from "~/domain/forms/password-policy";
import { createUserSession, requireUser } from "~/server/auth/session.server";
import type { FieldErrors } from "~/domain/forms/form-fields";
import { changePassword } from "./account.password.server";

export const meta: MetaFunction = () => [{ title: "パスワードの変更 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { loginId: user.loginId, mustChangePassword: user.mustChangePassword, changed: new URL(request.url).searchParams.has("changed") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const result = await changePassword(await getDb(), user, form, context.clientAddress ?? null);
  if (!result.ok) return data({ fieldErrors: result.fieldErrors, formError: result.formError }, { status: result.status });
  // every session of the account ended with the change; this browser continues in a new one
  return redirect("/account/password?changed", { headers: { "Set-Cookie": await createUserSession(user.id) } });
}

export default function PasswordChange() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  const field = (name: "currentPassword" | "password" | "passwordConfirm", label: string, autoComplete: string, hint?: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input id={name} type="password" name={name} autoComplete={autoComplete} aria-invalid={errors[name] ? true : undefined} aria-describedby={`${name}-error${hint ? ` ${name}-hint` : ""}`} />
      {hint ? <span id={`${name}-hint`} className="kpi__note">{hint}</span> : null}
      <span className="field-error" id={`${name}-error`}>
        {errors[name]?.join(" ")}
      </span>
    </div>
  );
  return (
    <div className="login">
      <h1>パスワードの変更</h1>
      {d.changed ? (
        <p className="notice" role="status">
          パスワードを変更しました。ほかの端末のログインは終了しました。
        </p>
      ) : null}
      {d.mustChangePassword ? (
        <p className="notice" role="status">
          管理者が設定した仮のパスワードでログインしています。続けるには、自分で決めたパスワードに変更してください。
        </p>
      ) : null}
      {actionData ? (
        <p className="error-summary" role="alert">
          {actionData.formError ?? "入力内容を確認してください。"}
        </p>
      ) : null}
      <Form method="post" className="record-form">
        <input type="hidden" name="username" autoComplete="username" value={d.loginId} />
        {field("currentPassword", "現在のパスワード", "current-password")}
        {field("password", "新しいパスワード", "new-password", `${passwordMinimumLength}文字以上。ログインIDや password などの推測されやすい語は使えません。`)}
        {field("passwordConfirm", "新しいパスワード（確認）", "new-password")}
        <button type="submit" className="button">
          変更する
        </button>
      </Form>
    </div>
  );
}
