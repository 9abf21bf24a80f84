import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { ApiTokenTable } from "~/components/ui/ApiTokenTable";
import { requireApiTokenAdministrator } from "~/server/auth/page-guards.server";
import { allTokens } from "~/server/auth/api-tokens.server";
import { runApiTokenAction } from "~/server/pages/api-tokens.server";

export const meta: MetaFunction = () => [{ title: "APIトークンの管理 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireApiTokenAdministrator(request);
  return { tokens: await allTokens(await getDb(), user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireApiTokenAdministrator(request);
  const form = Object.fromEntries(await request.formData());
  const result = await runApiTokenAction(await getDb(), user, context.clientAddress ?? null, form, false);
  return data(result, { status: result.ok ? 200 : result.status });
}

export default function AdminTokens() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>APIトークンの管理</h1>
      <p className="lead">すべての利用者のAPIトークンです。漏れたおそれのあるトークンや、異動・退職した人のトークンを無効にできます（取り消せません）。</p>
      {actionData ? (
        <p className={actionData.ok ? "notice" : "error-summary"} role={actionData.ok ? "status" : "alert"}>
          {actionData.ok ? actionData.message : actionData.formError}
        </p>
      ) : null}
      <ApiTokenTable tokens={d.tokens} showOwner />
    </>
  );
}
