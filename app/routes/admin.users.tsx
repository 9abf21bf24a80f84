import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { SavedNotice, SubmitButton, useFreshFormKey } from "~/components/ui/ConfirmAction";
import { DataTable } from "~/components/ui/DataTable";
import { passwordMinimumLength, passwordRuleText } from "~/domain/forms/password-policy";
import { requireAdministratorPage } from "~/server/auth/page-guards.server";
import { userRoleLabels, type UserRole } from "~/domain/vocabulary";
import type { FieldErrors } from "~/domain/forms/form-fields";
import { findPrefectureByCode } from "~/domain/prefectures";
import { parseQuery } from "~/server/pages/query-params";
import { loadUserAdmin, runUserAdminAction, userAdminQuery } from "./admin.users.server";
import { useFormat } from "~/components/shell/format-context";

export const meta: MetaFunction = () => [{ title: "利用者の管理 | つなぐ" }];

const refusal = "利用者を管理する権限がありません";

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await requireAdministratorPage(request, refusal);
  return loadUserAdmin(await getDb(), user, scope, parseQuery(userAdminQuery, request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAdministratorPage(request, refusal);
  const form = Object.fromEntries(await request.formData());
  const result = await runUserAdminAction(await getDb(), user, context.clientAddress ?? null, form);
  if (!result.ok) return data({ formError: result.formError, fieldErrors: result.fieldErrors }, { status: result.status });
  // post/redirect/get: the page says what happened and the forms (passwords included) come back empty
  return redirect(`/admin/users?saved=${form.intent === "create" ? "created" : "updated"}`);
}

export default function UserAdmin() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formKey = useFreshFormKey(actionData);
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  const input = (name: string, label: string, type = "text", extra: Record<string, string> = {}, hint?: string) => (
    <div className="field">
      <label htmlFor={`u-${name}`}>{label}</label>
      {hint ? (
        <span className="field-hint" id={`u-${name}-hint`}>
          {hint}
        </span>
      ) : null}
      <input
        id={`u-${name}`}
        type={type}
        name={name}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={hint ? `u-${name}-hint u-${name}-error` : `u-${name}-error`}
        {...extra}
      />
      <span className="field-error" id={`u-${name}-error`}>
        {errors[name]?.join(" ")}
      </span>
    </div>
  );
  return (
    <>
      <h1>利用者の管理</h1>
      <SavedNotice message={d.savedMessage} />
      <p className="lead">
        {d.roles.includes("prefecture") ? "厚生労働省と都道府県のアカウントを作成できます。" : "管内の市区町村のアカウントを作成できます。"}
        新しいアカウントと再設定したパスワードは仮のもので、本人が最初のログインで変更します。無効にしたアカウントはすぐにログアウトされます。
      </p>
      {actionData?.formError ? (
        <p className="error-summary" role="alert">
          {actionData.formError}
        </p>
      ) : null}
      <DataTable
        id="users"
        caption="アカウント一覧"
        captionHidden
        fileName="利用者一覧.csv"
        rows={d.users}
        columns={[
          { key: "loginId", label: "ログインID", rowHeader: true, value: (u) => u.loginId },
          { key: "name", label: "表示名", value: (u) => u.displayName },
          { key: "email", label: "メールアドレス", value: (u) => u.email ?? "－" },
          { key: "role", label: "役割", value: (u) => userRoleLabels[u.role as UserRole] },
          { key: "body", label: "所属", value: (u) => u.bodyName ?? (u.prefectureCode ? (findPrefectureByCode(u.prefectureCode)?.name ?? u.prefectureCode) : "厚生労働省") },
          { key: "status", label: "状態", value: (u) => (!u.active ? "無効" : u.mustChangePassword ? "有効（仮パスワード）" : "有効") },
          { key: "last", label: "最終ログイン", value: (u) => (u.lastLogin ? format.date(u.lastLogin) : "－") },
          {
            key: "actions",
            label: "操作",
            value: () => null,
            render: (u) =>
              u.manageable ? (
                <span className="actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value={u.active ? "deactivate" : "activate"} />
                    <input type="hidden" name="id" value={u.id} />
                    <button type="submit" className="link-button" aria-label={`${u.loginId}を${u.active ? "無効にする" : "有効にする"}`}>
                      {u.active ? "無効にする" : "有効にする"}
                    </button>
                  </Form>
                  <Link to={`?reset=${u.id}#reset-title`} aria-label={`${u.loginId}のパスワード再設定`}>
                    パスワード再設定
                  </Link>
                </span>
              ) : null,
          },
        ]}
      />
      {d.resetting ? (
        <section aria-labelledby="reset-title">
          <h2 id="reset-title">{d.resetting.loginId} のパスワードを再設定</h2>
          <Form method="post" className="record-form" key={formKey}>
            <input type="hidden" name="intent" value="reset" />
            <input type="hidden" name="id" value={d.resetting.id} />
            {input("password", `仮のパスワード（${passwordMinimumLength}文字以上）`, "password", { autoComplete: "new-password" }, passwordRuleText)}
            {input("passwordConfirm", "仮のパスワード（確認）", "password", { autoComplete: "new-password" })}
            <SubmitButton pendingLabel="再設定しています…">再設定する</SubmitButton>
          </Form>
        </section>
      ) : null}
      {d.roles.length > 0 ? (
        <section aria-labelledby="create-title">
          <h2 id="create-title">アカウントを作成</h2>
          <Form method="post" className="record-form" key={formKey}>
            <input type="hidden" name="intent" value="create" />
            {input("loginId", "ログインID", "text", { autoComplete: "off" }, "3〜64文字。半角英小文字・数字と記号 . _ -（ピリオド・アンダースコア・ハイフン）が使えます。最初の文字は英小文字か数字にしてください。")}
            {input("displayName", "表示名（部署名など）")}
            {input("email", "メールアドレス（任意）", "email", { autoComplete: "off" }, "督促をメールでも受け取る場合に入力します。")}
            <div className="field">
              <label htmlFor="u-role">役割</label>
              <select id="u-role" name="role" defaultValue={d.roles.length === 1 ? d.roles[0] : ""} aria-describedby="u-role-error">
                {d.roles.length > 1 ? <option value="">選んでください</option> : null}
                {d.roles.map((r) => (
                  <option key={r} value={r}>
                    {userRoleLabels[r]}
                  </option>
                ))}
              </select>
              <span className="field-error" id="u-role-error">
                {errors.role?.join(" ")}
              </span>
            </div>
            {d.prefectures.length > 0 ? (
              <div className="field">
                <label htmlFor="u-prefectureCode">都道府県（都道府県の担当者のとき）</label>
                <select id="u-prefectureCode" name="prefectureCode" defaultValue="" aria-invalid={errors.prefectureCode ? true : undefined} aria-describedby="u-prefectureCode-error">
                  <option value="">選んでください</option>
                  {d.prefectures.map((p) => (
                    <option key={p.code} value={p.code}>
                      {p.name}
                    </option>
                  ))}
                </select>
                <span className="field-error" id="u-prefectureCode-error">
                  {errors.prefectureCode?.join(" ")}
                </span>
              </div>
            ) : null}
            {d.bodies.length > 0 ? (
              <div className="field">
                <label htmlFor="u-localGovernmentCode">自治体</label>
                <select id="u-localGovernmentCode" name="localGovernmentCode" defaultValue="" aria-invalid={errors.localGovernmentCode ? true : undefined} aria-describedby="u-localGovernmentCode-error">
                  <option value="">選んでください</option>
                  {d.bodies.map((b) => (
                    <option key={b.code} value={b.code}>
                      {b.name}
                    </option>
                  ))}
                </select>
                <span className="field-error" id="u-localGovernmentCode-error">
                  {errors.localGovernmentCode?.join(" ")}
                </span>
              </div>
            ) : null}
            {input("password", `仮のパスワード（${passwordMinimumLength}文字以上）`, "password", { autoComplete: "new-password" }, passwordRuleText)}
            {input("passwordConfirm", "仮のパスワード（確認）", "password", { autoComplete: "new-password" })}
            <SubmitButton pendingLabel="作成しています…">作成する</SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}
