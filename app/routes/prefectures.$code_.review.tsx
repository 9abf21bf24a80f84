import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { DataTable } from "~/components/ui/DataTable";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureDetailPage } from "~/server/auth/page-guards.server";
import { loadReviewQueue } from "./prefectures.$code_.review.server";
import { useFormat } from "~/components/shell/format-context";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `月次の確認 ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture } = await requirePrefectureDetailPage(request, params, "この都道府県の確認待ちの一覧を見る権限がありません");
  return { prefecture, ...(await loadReviewQueue(await getDb(), prefecture.code)) };
}

type Row = Awaited<ReturnType<typeof loader>>["toConfirm"][number];

export default function ReviewQueue() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const columns = (withComment: boolean) => [
    { key: "body", label: "実施主体", rowHeader: true, value: (r: Row) => r.bodyName },
    { key: "month", label: "対象月", value: (r: Row) => r.year * 100 + r.month, render: (r: Row) => <Link to={r.href}>{format.reportingMonth(r)}</Link> },
    { key: "updatedAt", label: withComment ? "差し戻した日時" : "提出日時", value: (r: Row) => r.updatedAt, render: (r: Row) => format.dateTime(r.updatedAt) },
    ...(withComment
      ? [{ key: "comment", label: "コメント", value: (r: Row) => r.comment ?? "" }]
      : [{ key: "upload", label: "アップロード", value: (r: Row) => r.fileName ?? "", render: (r: Row) => (r.uploadId ? <Link to={`/uploads/${r.uploadId}`}>{r.fileName}</Link> : "－") }]),
  ];
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="月次の確認" canSeeDetail />
      <p role="status">
        確認待ち <strong>{d.toConfirm.length}件</strong>、差戻し中 <strong>{d.returned.length}件</strong>
      </p>
      <h2>確認待ち（提出済・未確認）</h2>
      {d.toConfirm.length > 0 ? (
        <DataTable id="to-confirm" caption={`${d.prefecture.name}の確認待ちの月次データ`} fileName={`${d.prefecture.name}_確認待ち.csv`} rows={d.toConfirm} columns={columns(false)} />
      ) : (
        <p>確認待ちの月次データはありません。</p>
      )}
      <h2>差戻し中（市町村の再提出待ち）</h2>
      {d.returned.length > 0 ? (
        <DataTable id="returned" caption={`${d.prefecture.name}が差し戻した月次データ`} fileName={`${d.prefecture.name}_差戻し中.csv`} rows={d.returned} columns={columns(true)} />
      ) : (
        <p>差戻し中の月次データはありません。</p>
      )}
    </>
  );
}
