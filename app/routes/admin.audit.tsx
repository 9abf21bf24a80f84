import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { DatePeriodFields } from "~/components/ui/FilterFields";
import { auditActionGroups, auditCategories, auditCategoryIds } from "~/server/audit/labels";
import { auditRequest } from "../server/pages/audit-log.server";
import { loadAuditLog } from "./admin.audit.server";

export const meta: MetaFunction = () => [{ title: "操作履歴 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, query, scope } = await auditRequest(request);
  return loadAuditLog(await getDb(), user, query, scope);
}

export default function AuditLog() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>操作履歴</h1>
      <p className="lead">
        {d.scope}の記録です（新しい順、最大{d.limit}件。時刻は日本時間）。CSVには絞り込んだ記録がすべて入ります。
      </p>
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
          <label htmlFor="a-action">操作</label>
          <select id="a-action" name="action" defaultValue={d.query.action ?? ""}>
            <option value="">すべて</option>
            {auditActionGroups.map((g) => (
              <optgroup key={g.id} label={g.label}>
                {g.actions.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="a-login">利用者（ログインID）</label>
          <input id="a-login" type="text" name="loginId" list="a-login-ids" defaultValue={d.query.loginId} autoComplete="off" spellCheck={false} />
          <datalist id="a-login-ids">
            {d.users.map((u) => (
              <option key={u.loginId} value={u.loginId} label={u.name} />
            ))}
          </datalist>
        </div>
        <DatePeriodFields from={d.query.from} to={d.query.to} />
        <button type="submit" className="button">
          絞り込む
        </button>
      </Form>
      <p>
        <a href={d.downloadHref} download>
          この条件の操作履歴をCSVでダウンロード（UTF-8）
        </a>
      </p>
      {d.entries.length === 0 ? (
        <p role="status">この条件の記録はありません。</p>
      ) : (
        <div className="table-scroll">
          <table className="data" id="audit-log">
            <caption className="visually-hidden">操作履歴（{d.entries.length}件）</caption>
            <thead>
              <tr>
                <th scope="col">日時（日本時間）</th>
                <th scope="col">操作</th>
                <th scope="col">内容</th>
                <th scope="col" style={{ whiteSpace: "nowrap" }}>
                  接続元
                </th>
              </tr>
            </thead>
            <tbody>
              {d.entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row" style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={e.at}>{e.time}</time>
                  </th>
                  <td>{e.actionLabel}</td>
                  <td>
                    {e.sentence.map((s, i) =>
                      typeof s === "string" ? (
                        s
                      ) : (
                        <Link key={i} to={s.href}>
                          {s.text}
                        </Link>
                      ),
                    )}
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>{e.client}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
