import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { requireUser } from "~/server/auth/session.server";
import { parseOrNotFound } from "~/server/http/not-found";
import { datasetParams, parseQuery } from "~/server/pages/query-params";
import { datasetQuery, loadDatasetPage } from "./datasets.$dataset.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.label ?? "データ"} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { dataset } = parseOrNotFound(datasetParams, params, "データの種類が見つかりません");
  const q = parseQuery(datasetQuery, request);
  return loadDatasetPage(await getDb(), user, dataset, q);
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
        </a>{" "}
        ／ Excelダウンロード:{" "}
        <a href={`/datasets/${d.id}/download?${new URLSearchParams([...filterQuery, ["format", "xlsx"]])}`} download>
          .xlsx
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
