import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { DataTable } from "~/components/ui/DataTable";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureDetailPage } from "~/server/auth/page-guards.server";
import { parseQuery } from "~/server/pages/query-params";
import { formatDateJa } from "~/domain/format";
import { loadSubmissions, submissionsQuery } from "./prefectures.$code_.submissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `提出状況 ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture } = await requirePrefectureDetailPage(request, params, "この都道府県の提出状況を見る権限がありません");
  const q = parseQuery(submissionsQuery, request);
  return { prefecture, ...(await loadSubmissions(await getDb(), prefecture.code, q)) };
}

export default function Submissions() {
  const d = useLoaderData<typeof loader>();
  const missing = d.rows.filter((r) => !r.submitted).length;
  const value = `${d.year}-${String(d.month).padStart(2, "0")}`;
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="提出状況" headingSuffix={`（${d.year}年${d.month}月分）`} canSeeDetail />
      <Form method="get" className="filters" aria-label="対象月">
        <div className="field">
          <label htmlFor="filter-month">対象月</label>
          <input id="filter-month" type="month" name="month" defaultValue={value} />
        </div>
        <button type="submit" className="button">
          表示
        </button>
      </Form>
      <p role="status">
        実施主体 {d.rows.length} のうち <strong>提出済み {d.rows.length - missing}</strong>、<strong>未提出 {missing}</strong>
      </p>
      <DataTable
        id="submissions"
        caption={`${d.year}年${d.month}月分の月次支援状況の提出状況`}
        fileName={`${d.prefecture.name}_${value}_提出状況.csv`}
        rows={d.rows}
        rowClassName={(r) => (r.submitted ? undefined : "below-target-row")}
        columns={[
          { key: "name", label: "実施主体", rowHeader: true, value: (r) => (r.kind === "prefecture" ? `${r.name}（郡部）` : r.name), render: (r) => <Link to={`/municipalities/${r.code}`}>{r.kind === "prefecture" ? `${r.name}（郡部）` : r.name}</Link> },
          { key: "status", label: "状況", value: (r) => (r.submitted ? "提出済み" : "未提出"), render: (r) => (r.submitted ? "提出済み" : <strong>未提出</strong>) },
          { key: "lastMonth", label: "提出済みの最新月", value: (r) => (r.lastMonth ? r.lastMonth.slice(0, 7) : null) },
          { key: "lastUpload", label: "最終アップロード", value: (r) => (r.lastUpload ? formatDateJa(r.lastUpload) : "－（アップロード履歴なし）") },
        ]}
      />
    </>
  );
}
