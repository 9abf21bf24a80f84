import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { DatePeriodFields } from "~/components/ui/FilterFields";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../../db";
import { listAuditEntries } from "../../db/queries/audit";
import { DataTable } from "~/components/ui/DataTable";
import { auditActionLabels, auditCategories, auditCategoryIds } from "~/lib/audit-actions";
import { requireUser } from "~/lib/auth/session.server";
import { canAdministerUsers } from "~/lib/auth/user-admin";
import { filterDate } from "~/lib/query-params";

export const meta: MetaFunction = () => [{ title: "操作履歴 | つなぐ" }];

const query = z.object({
  category: z.enum(auditCategoryIds as [string, ...string[]]).optional().catch(undefined),
  loginId: z.string().trim().max(64).optional().catch(undefined),
  from: filterDate,
  to: filterDate,
});

/** MHLW reads the whole log; a prefecture what its officials and its municipalities' accounts did. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canAdministerUsers(user)) throw new Response("操作履歴を見る権限がありません", { status: 403 });
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const limit = 500;
  const entries = await listAuditEntries(
    await getDb(),
    { prefectureCode: user.role === "mhlw" ? null : user.prefectureCode },
    { prefixes: q.category ? auditCategories[q.category as keyof typeof auditCategories].prefixes : undefined, loginId: q.loginId || undefined, from: q.from, to: q.to },
    limit,
  );
  return { scope: user.role === "mhlw" ? "すべての操作" : "この都道府県と管内の市区町村のアカウントの操作", query: q, limit, entries };
}

function describe(detail: unknown): string {
  if (detail === null || detail === undefined) return "";
  const text = JSON.stringify(detail);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export default function AuditLog() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>操作履歴</h1>
      <p className="lead">{d.scope}の記録です（新しい順、最大{d.limit}件。時刻は日本時間）。</p>
      <Form method="get" className="filters" aria-label="操作履歴の絞り込み">
        <div className="field">
          <label htmlFor="a-category">種類</label>
          <select id="a-category" name="category" defaultValue={d.query.category ?? ""}>
            <option value="">すべて</option>
            {auditCategoryIds.map((c) => (
              <option key={c} value={c}>
                {auditCategories[c].label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-login">ログインID</label>
          <input id="a-login" type="text" name="loginId" defaultValue={d.query.loginId} />
        </div>
        <DatePeriodFields from={d.query.from} to={d.query.to} />
        <button type="submit" className="button">
          絞り込む
        </button>
      </Form>
      <DataTable
        id="audit-log"
        caption="操作履歴"
        captionHidden
        fileName="操作履歴.csv"
        rows={d.entries}
        columns={[
          { key: "at", label: "日時", rowHeader: true, value: (e) => e.at },
          { key: "user", label: "利用者", value: (e) => (e.login_id ? `${e.display_name}（${e.login_id}）` : "－") },
          { key: "action", label: "操作", value: (e) => auditActionLabels[e.action] ?? e.action },
          { key: "target", label: "対象", value: (e) => e.target },
          { key: "detail", label: "内容", value: (e) => describe(e.detail) },
          { key: "client", label: "接続元", value: (e) => e.client_address },
        ]}
      />
    </>
  );
}
