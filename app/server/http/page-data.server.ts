// The data of every page (ADR 028): `<page URL>&format=json` is the page's loader data, got by calling the
// matched route's loader with the same request (so the same guards, scope and 403/404); `format=csv|xlsx` is
// the page's main table, where the route declares one (`handle.pageTable`). Personal API tokens
// (`Authorization: Bearer`) are accepted here and only here, for GET, throttled per token.
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import ExcelJS from "exceljs";
import type { Database } from "../../../db";
import { exportTableCsv, type PageDataHandle } from "../../domain/table-export";
import { writeTableSheet } from "../../domain/table-xlsx";
import { bearerTokenOf, userOfApiToken, type ApiTokenThrottle } from "../auth/api-tokens.server";
import { bindApiTokenUser, getOptionalUser, passwordChangePath } from "../auth/session.server";
import { contentDisposition } from "../csv/write";

export const pageDataFormats = ["json", "csv", "xlsx"] as const;
export type PageDataFormat = (typeof pageDataFormats)[number];

type RouteManifest = ServerBuild["routes"];
type TreeRoute = Parameters<typeof matchRoutes>[0][number];

function routeTree(manifest: RouteManifest, parentId: string | undefined): TreeRoute[] {
  return Object.values(manifest).flatMap((r): TreeRoute[] => {
    if (!r || r.parentId !== parentId) return [];
    return [r.index ? { id: r.id, path: r.path, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: routeTree(manifest, r.id) }];
  });
}

/** The format a request asks for, or null when it is an ordinary page request. */
export function pageDataFormatOf(url: URL): PageDataFormat | null {
  const format = url.searchParams.get("format");
  return (pageDataFormats as readonly string[]).includes(format ?? "") ? (format as PageDataFormat) : null;
}

function problem(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: message, status }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store", ...headers },
  });
}

export type PageDataOptions = {
  db: Database;
  throttle: ApiTokenThrottle;
  context: AppLoadContext;
};

/**
 * Answers a request for a page's data. Requests with a bearer token that are not GET of page data are
 * refused here (tokens never mutate, and never open HTML pages); cookie sessions go through the same
 * loader as the page. null: not a page, and no token — a resource route with its own `format` (the
 * dataset downloads' `format=xlsx`), for Remix to serve.
 */
export async function servePageData(manifest: RouteManifest, request: Request, options: PageDataOptions): Promise<Response | null> {
  const url = new URL(request.url);
  const format = pageDataFormatOf(url);
  const token = bearerTokenOf(request);
  if (token && request.method !== "GET" && request.method !== "HEAD") {
    return problem(405, "APIトークンで行えるのはページのデータの取得（GET）だけです。変更の操作はログインしてブラウザから行ってください。", { Allow: "GET" });
  }
  if (token && !format) return problem(400, "APIトークンはページのURLに format=json（または format=csv）を付けたデータの取得にだけ使えます。");
  if (!format) return problem(400, "format=json、format=csv または format=xlsx を指定してください。");

  const matches = matchRoutes(routeTree(manifest, undefined), url.pathname);
  const leaf = matches?.at(-1);
  const route = leaf?.route.id ? manifest[leaf.route.id] : undefined;
  const isPage = Boolean(leaf && route?.module.loader && route.module.default !== undefined);
  if (!isPage && !token && route) return null;

  url.searchParams.delete("format");
  // the loader sees the page's own URL: the same filters, the same canonical links
  const loaderRequest = new Request(url, { method: "GET", headers: request.headers, signal: request.signal });
  if (token) {
    const user = await userOfApiToken(options.db, token, { path: url.pathname, clientAddress: options.context.clientAddress ?? null });
    if (!user) return problem(401, "APIトークンが正しくないか、無効化されています。アカウントのページで新しいトークンを発行してください。", { "WWW-Authenticate": 'Bearer realm="tsunagu"' });
    const wait = options.throttle.take(user.tokenId);
    if (wait !== null) {
      return problem(429, `APIトークンの利用回数の上限（1分あたり）を超えました。${wait}秒ほど待ってから、もう一度お試しください。`, { "Retry-After": String(wait) });
    }
    bindApiTokenUser(loaderRequest, user);
  }

  if (!isPage || !leaf || !route?.module.loader) return problem(404, "このURLにはデータを取り出せるページがありません。");

  let data: unknown;
  try {
    const result: unknown = await route.module.loader({ request: loaderRequest, params: leaf.params, context: options.context });
    const settled = await settle(result);
    if (settled instanceof Response) return settled;
    data = settled;
  } catch (thrown) {
    if (thrown instanceof Response) return refusal(thrown);
    throw thrown;
  }

  const headers = { "Cache-Control": "private, no-store", Vary: "Authorization, Cookie" };
  if (format === "json") return new Response(JSON.stringify(data), { headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
  const pageTable = (route.module.handle as PageDataHandle | undefined)?.pageTable;
  if (!pageTable) return problem(404, "このページには1つの主な表がないため、CSV・Excelでは取り出せません。format=json をお使いください。");
  // the reader's 西暦／和暦 for the title block: the token's user is bound to loaderRequest, a session's is in its cookie
  const dateStyle = (await getOptionalUser(loaderRequest))?.dateStyle ?? "western";
  // through JSON first, so the table is made from exactly what format=json and the page receive
  const table = pageTable(JSON.parse(JSON.stringify(data)), { pageUrl: url, dateStyle, generatedAt: new Date().toISOString() });
  const name = table.title.replace(/[\\/:*?"<>|]/g, "_");
  if (format === "csv") {
    return new Response(`\uFEFF${exportTableCsv(table)}`, {
      headers: { ...headers, "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": contentDisposition(`${name}.csv`) },
    });
  }
  const book = new ExcelJS.Workbook();
  writeTableSheet(book, table);
  return new Response(await book.xlsx.writeBuffer(), {
    headers: {
      ...headers,
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": contentDisposition(`${name}.xlsx`),
    },
  });
}

/** A loader's return value as data, or the Response to pass on (a redirect). */
async function settle(result: unknown): Promise<unknown> {
  if (result instanceof Response) {
    if (result.status >= 300 && result.status < 400) return refusal(result);
    if (!result.ok) return refusal(result);
    return result.json();
  }
  if (result && typeof result === "object" && (result as { type?: unknown }).type === "DataWithResponseInit") {
    return (result as { data: unknown }).data;
  }
  return result;
}

/** A Response a loader threw or returned instead of data, as an API answer. */
async function refusal(response: Response): Promise<Response> {
  const location = response.headers.get("Location");
  if (response.status >= 300 && response.status < 400 && location) {
    const target = new URL(location, "http://local");
    if (target.pathname === "/login") return problem(401, "ログインしていないか、セッションが切れています。APIトークンを Authorization: Bearer で付けてください。", { "WWW-Authenticate": 'Bearer realm="tsunagu"' });
    if (target.pathname === passwordChangePath) return problem(403, "仮のパスワードのままです。ログインしてパスワードを変更してから、もう一度お試しください。");
    // a page that redirects (e.g. to its canonical URL): the data is at the new URL with the format
    target.searchParams.set("format", "json");
    return new Response(null, { status: response.status, headers: { Location: `${target.pathname}${target.search}`, "Cache-Control": "private, no-store" } });
  }
  const text = (await response.text()).trim();
  return problem(response.status, text || "データを取り出せませんでした。");
}
