import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../../db";
import { countDatasetRows, exportDatasetPage } from "../../db/queries/dataset-export";
import { datasetExportLayout } from "../../db/queries/dataset-tables";
import { requireUser } from "~/server/auth/session.server";
import { datasetIds, datasets } from "~/domain/datasets";
import { pageNumber } from "~/server/pages/query-params";

const params = z.object({ dataset: z.enum(datasetIds) });
const query = z.object({
  body: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  fy: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: pageNumber,
});
const pageSize = 100;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "データ"} | つなぐ` }];

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const p = params.safeParse(raw);
  if (!p.success) throw new Response("データの種類が見つかりません", { status: 404 });
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const d = datasets[p.data.dataset];
  const db = await getDb();
  const filter = { bodyCode: q.body, fiscalYear: q.fy };
  const [total, rows] = await Promise.all([
    countDatasetRows(db, d, user, filter),
    exportDatasetPage(db, d, user, { offset: (q.page - 1) * pageSize, limit: pageSize }, filter),
  ]);
  return {
    id: d.id,
    label: d.label,
    description: d.description,
    ...datasetExportLayout(d.id),
    rows,
    total,
    page: q.page,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    filter: { body: q.body ?? "", fy: q.fy ?? "" },
  };
}

export default function DatasetBrowser() {
  const d = useLoaderData<typeof loader>();
  const filterQuery = new URLSearchParams({ ...(d.filter.body ? { body: d.filter.body } : {}), ...(d.filter.fy ? { fy: String(d.filter.fy) } : {}) });
  return (
    <>
      <p>
        <Link to="/uploads">アップロード</Link> ＞ {d.label}
      </p>
      <h1>{d.label}</h1>
      <p className="lead">{d.description} 表示・ダウンロードできるのは権限の範囲のデータだけです。</p>
      <Form method="get" className="filters" aria-label="絞り込み">
        {d.hasBody ? (
          <div className="field">
            <label htmlFor="filter-body">自治体コード（6桁）</label>
            <input id="filter-body" type="text" name="body" inputMode="numeric" defaultValue={d.filter.body} pattern="\d{6}" />
          </div>
        ) : null}
        {d.hasFiscalYear ? (
          <div className="field">
            <label htmlFor="filter-fy">年度（西暦）</label>
            <input id="filter-fy" type="text" name="fy" inputMode="numeric" defaultValue={d.filter.fy} />
          </div>
        ) : null}
        <button type="submit" className="button">
          絞り込む
        </button>
      </Form>
      <p>
        {d.total.toLocaleString("ja-JP")}件 ／ CSVダウンロード:{" "}
        <a href={`/datasets/${d.id}/download?${new URLSearchParams([...filterQuery, ["encoding", "utf-8-bom"]])}`} download>
          Excel用（UTF-8 BOM付き）
        </a>{" "}
        ／{" "}
        <a href={`/datasets/${d.id}/download?${new URLSearchParams([...filterQuery, ["encoding", "shift_jis"]])}`} download>
          Shift_JIS
        </a>
      </p>
      {/* focusable: on a phone the table scrolls sideways, and keyboard users scroll it with the arrow keys */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={d.label}>
        <table className="data" id="dataset-table">
          <caption className="visually-hidden">{d.label}</caption>
          <thead>
            <tr>
              {d.headers.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.pages > 1 ? (
        <nav aria-label="ページ">
          <ul className="tabs">
            {d.page > 1 ? (
              <li>
                <Link to={`?${new URLSearchParams([...filterQuery, ["page", String(d.page - 1)]])}`}>前へ</Link>
              </li>
            ) : null}
            <li aria-current="page">
              {d.page} / {d.pages}
            </li>
            {d.page < d.pages ? (
              <li>
                <Link to={`?${new URLSearchParams([...filterQuery, ["page", String(d.page + 1)]])}`}>次へ</Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
