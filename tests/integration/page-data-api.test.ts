import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as downloadLoader } from "../../app/routes/datasets.$dataset.download";
import { loader as completenessLoader } from "../../app/routes/completeness";
import { ApiTokenThrottle, createApiToken, revokeApiToken } from "../../app/server/auth/api-tokens.server";
import type { SessionUser } from "../../app/server/auth/session.server";
import { servePageData } from "../../app/server/http/page-data.server";
import type { UserRole } from "../../app/domain/vocabulary";
import { seedDemo } from "../../seeds/demo";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { testRouteManifest } from "../setup/route-manifest";
import { callRoute } from "../setup/routes";

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
const manifest = testRouteManifest();
const tokens: Record<string, string> = {};
let tottori: SessionUser;

async function sessionUser(loginId: string): Promise<SessionUser> {
  const [row] = await queryRows<{ id: number; display_name: string; role: string; prefecture_code: string | null; local_government_code: string | null }>(
    handle.db,
    sql`select id, display_name, role, prefecture_code, local_government_code from users where login_id = ${loginId}`,
  );
  return { id: row!.id, loginId, displayName: row!.display_name, role: row!.role as UserRole, prefectureCode: row!.prefecture_code, localGovernmentCode: row!.local_government_code, mustChangePassword: false, dateStyle: "western" as const };
}

/** A GET (or another method) through the page-data layer, as server.ts hands it over. */
function get(path: string, auth: { token?: string; cookie?: string } = {}, options: { method?: string; throttle?: ApiTokenThrottle } = {}) {
  const headers: Record<string, string> = {};
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.Cookie = auth.cookie;
  const request = new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers });
  return servePageData(manifest, request, { db: handle.db, throttle: options.throttle ?? new ApiTokenThrottle(1000), context: { clientAddress: "192.0.2.9" } }).then((response) => {
    if (!response) throw new Error(`${path}: passed on to Remix`);
    return response;
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await seedDemo(handle.db);
  Object.assign(cookies, await demoSessionCookies(["tottori-pref", "mhlw"]));
  tottori = await sessionUser("tottori-pref");
  tokens.tottori = (await createApiToken(handle.db, tottori, "R の集計用", "192.0.2.1")).token;
  tokens.revoked = (await createApiToken(handle.db, tottori, "古いトークン", "192.0.2.1")).token;
});
afterAll(async () => {
  await handle.close();
});

describe("format=json is the page's loader data", () => {
  it("for a cookie session, equals what the loader returns (through JSON)", async () => {
    const response = await get("/?fy=2025&program=household_budget&format=json", { cookie: cookies.mhlw });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const direct = await callRoute(nationalLoader, { url: "/?fy=2025&program=household_budget", cookie: cookies.mhlw });
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(direct.data)));
  });

  it("without a session or token: 401 in Japanese, not the login page", async () => {
    const response = await get("/prefectures/31?fy=2025&format=json");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/ログイン/);
  });

  it("a path without a page: 404", async () => {
    expect((await get("/no-such-page?format=json", { token: tokens.tottori })).status).toBe(404);
  });
});

describe("personal API tokens", () => {
  it("a 鳥取県 token fetches /prefectures/31?fy=2025&format=json: the page's data with its body table", async () => {
    const response = await get("/prefectures/31?fy=2025&format=json", { token: tokens.tottori });
    expect(response.status).toBe(200);
    const data = (await response.json()) as { prefecture: { name: string }; fiscalYear: number; bodies: unknown[] | null };
    const page = await callRoute(prefectureLoader, { url: "/prefectures/31?fy=2025", params: { code: "31" }, cookie: cookies["tottori-pref"] });
    expect(data).toEqual(JSON.parse(JSON.stringify(page.data)));
    expect(data.prefecture.name).toBe("鳥取県");
    expect(data.fiscalYear).toBe(2025);
    // 鳥取県 has 4 市 and 1 県 as 福祉事務所設置自治体 in the demo master (鳥取市, 米子市, 倉吉市, 境港市, 鳥取県)
    expect(data.bodies).not.toBeNull();
  });

  it("sees 東京都 only as a 鳥取県 user does: aggregates without bodies, and 403 where the page refuses", async () => {
    const tokyo = await get("/prefectures/13?fy=2025&format=json", { token: tokens.tottori });
    expect(tokyo.status).toBe(200);
    expect(((await tokyo.json()) as { bodies: unknown }).bodies).toBeNull();
    for (const path of ["/prefectures/13/submissions?format=json", "/prefectures/13/review?format=json", "/municipalities/131016?fy=2025&format=json"]) {
      const refused = await get(path, { token: tokens.tottori });
      expect(refused.status, path).toBe(403);
    }
  });

  it("a revoked token is refused (401) and its revocation is audited", async () => {
    const [row] = await queryRows<{ id: number }>(handle.db, sql`select id from api_tokens where name = '古いトークン'`);
    expect(await revokeApiToken(handle.db, tottori, row!.id, "192.0.2.1")).toBe("revoked");
    expect(await revokeApiToken(handle.db, tottori, row!.id, "192.0.2.1")).toBe("already");
    const response = await get("/prefectures/31?format=json", { token: tokens.revoked });
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect((await get("/prefectures/31?format=json", { token: "tsng_not-a-token" })).status).toBe(401);
  });

  it("another prefecture's user cannot revoke the token (404, no probing); MHLW can", async () => {
    const [row] = await queryRows<{ id: number }>(handle.db, sql`select id from api_tokens where name = 'R の集計用'`);
    const tokyo = await sessionUser("tokyo-pref");
    expect(await revokeApiToken(handle.db, tokyo, row!.id, null)).toBe("not_found");
    const extra = await createApiToken(handle.db, tottori, "MHLW が止める", null);
    expect(await revokeApiToken(handle.db, await sessionUser("mhlw"), extra.id, null)).toBe("revoked");
    expect((await get("/prefectures/31?format=json", { token: extra.token })).status).toBe(401);
  });

  it("never mutates: any other method with a token is 405, and an action never sees the token's user", async () => {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const response = await get("/prefectures/31/supervision?format=json", { token: tokens.tottori }, { method });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("Allow")).toBe("GET");
    }
    // a bearer header reaching Remix directly (not through the page-data layer) is no session at all
    const direct = await callRoute(prefectureLoader, { url: "/prefectures/31", params: { code: "31" } });
    expect(direct.status).toBe(302);
    // without format, a token is not accepted either (no HTML pages)
    expect((await get("/prefectures/31", { token: tokens.tottori })).status).toBe(400);
  });

  it("throttles per token: 429 with Retry-After and a Japanese message", async () => {
    let now = 1_000_000;
    const throttle = new ApiTokenThrottle(2, () => now);
    expect((await get("/prefectures/31?format=json", { token: tokens.tottori }, { throttle })).status).toBe(200);
    expect((await get("/prefectures/31?format=json", { token: tokens.tottori }, { throttle })).status).toBe(200);
    now += 15_000;
    const third = await get("/prefectures/31?format=json", { token: tokens.tottori }, { throttle });
    expect(third.status).toBe(429);
    // the window opened at 1,000,000 ms and lasts 60 s; 15 s in, 45 s remain
    expect(third.headers.get("Retry-After")).toBe("45");
    expect(((await third.json()) as { error: string }).error).toContain("45秒ほど待ってから");
    now += 45_000;
    expect((await get("/prefectures/31?format=json", { token: tokens.tottori }, { throttle })).status).toBe(200);
  });

  it("audits creation, revocation and use (one use entry per token per hour)", async () => {
    const audits = await queryRows<{ action: string; n: number }>(
      handle.db,
      sql`select action, count(*)::int as n from audit_log where action like 'api_token.%' group by action order by action`,
    );
    // created: 'R の集計用', '古いトークン', 'MHLW が止める' = 3; revoked: '古いトークン' and 'MHLW が止める' = 2 (the second
    // revocation of '古いトークン' was "already"); used: only 'R の集計用' was ever accepted, many times within the hour = 1
    expect(audits).toEqual([
      { action: "api_token.create", n: 3 },
      { action: "api_token.revoke", n: 2 },
      { action: "api_token.use", n: 1 },
    ]);
    const [stored] = await queryRows<{ hashed: boolean }>(handle.db, sql`select bool_and(length(token_hash) = 64 and token_hash !~ 'tsng_') as hashed from api_tokens`);
    expect(stored!.hashed).toBe(true);
  });
});

describe("the national page's main table as CSV and .xlsx, with counts", () => {
  async function nationalFigures() {
    const direct = await callRoute(nationalLoader, { url: "/?fy=2025", cookie: cookies.mhlw });
    const data = direct.data as { rows: { prefectureCode: string | null; program: string; bodies: number; implementing: number }[] };
    return data.rows;
  }

  it("CSV: 実施数, 分母 and the rate as the page shows it", async () => {
    const response = await get("/?fy=2025&format=csv", { token: tokens.tottori });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toContain(".csv");
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "都道府県,n（実施主体数）,就労準備支援事業（実施数）,就労準備支援事業（分母）,就労準備支援事業（率）,家計改善支援事業（実施数）,家計改善支援事業（分母）,家計改善支援事業（率）,一時生活支援事業（実施数）,一時生活支援事業（分母）,一時生活支援事業（率）,子どもの学習・生活支援事業（実施数）,子どもの学習・生活支援事業（分母）,子どもの学習・生活支援事業（率）",
    );
    const rows = await nationalFigures();
    const ep = rows.find((r) => r.prefectureCode === null && r.program === "employment_preparation")!;
    // the national line: n, then the counts and the rate with one decimal, e.g. 595,862,69.0%
    const cells = lines[1]!.split(",");
    expect(cells.slice(0, 5)).toEqual(["全国", String(ep.bodies), String(ep.implementing), String(ep.bodies), `${((ep.implementing / ep.bodies) * 100).toFixed(1)}%`]);
    // 47 prefectures after the national line
    expect(lines).toHaveLength(1 + 1 + 47);
  });

  it(".xlsx: the title block, a frozen header, counts and rates as numbers with their formats", async () => {
    const response = await get("/?fy=2025&format=xlsx", { cookie: cookies.mhlw });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("任意事業の実施自治体数と実施率（令和7年度（2025）、分母は実施主体数 n）");
    expect(sheet.getCell("A2").value).toBe("条件");
    expect(sheet.getCell("B2").value).toBe("/?fy=2025");
    expect(sheet.getCell("A3").value).toBe("出典");
    expect(sheet.getCell("B3").value).toBe("任意事業実施状況（福祉事務所設置自治体。都道府県を含む）");
    expect(sheet.getCell("A4").value).toBe("データ時点");
    expect(String(sheet.getCell("B4").value)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    // title + 3 notes + a blank row: the header is row 6, frozen with what is above it
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 6 });
    expect(sheet.getCell("A6").value).toBe("都道府県");
    expect(sheet.getCell("C6").value).toBe("就労準備支援事業（実施数）");
    const rows = await nationalFigures();
    const ep = rows.find((r) => r.prefectureCode === null && r.program === "employment_preparation")!;
    expect(sheet.getCell("A7").value).toBe("全国");
    expect(sheet.getCell("B7").value).toBe(ep.bodies);
    expect(sheet.getCell("C7").value).toBe(ep.implementing);
    expect(sheet.getCell("D7").value).toBe(ep.bodies);
    expect(sheet.getCell("E7").value).toBeCloseTo(ep.implementing / ep.bodies, 12);
    expect(sheet.getCell("C7").numFmt).toBe("#,##0");
    expect(sheet.getCell("E7").numFmt).toBe("0.0%");
    // column A's widest text: 都道府県 and the 4-character names (和歌山県, 神奈川県, 鹿児島県) = 4 full-width × 2 = 8, + 2 margin
    expect(sheet.getColumn(1).width).toBe(10);
    // C's header 就労準備支援事業（実施数） = 13 full-width × 2 = 26, + 2 margin
    expect(sheet.getColumn(3).width).toBe(28);
    // 鳥取県 is the 31st prefecture: row 7 + 31
    expect(sheet.getCell("A38").value).toBe("鳥取県");
    const tottoriEp = rows.find((r) => r.prefectureCode === "31" && r.program === "employment_preparation")!;
    expect(sheet.getCell("C38").value).toBe(tottoriEp.implementing);
    expect(sheet.getCell("D38").value).toBe(tottoriEp.bodies);
  });

  it("/completeness as CSV: each rate with its 提出 and 対象, in the page's order", async () => {
    const response = await get("/completeness?fy=2025&format=csv", { token: tokens.tottori });
    expect(response.status).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((l) => l.split(","));
    expect(lines[0]!.slice(0, 6)).toEqual(["順位", "都道府県", "年度の提出率（提出）", "年度の提出率（対象）", "年度の提出率（率）", "年度の期限内提出率"]);
    const page = await callRoute(completenessLoader, { url: "/completeness?fy=2025", cookie: cookies["tottori-pref"] });
    const first = (page.data as { prefectures: { name: string; year: { submitted: number; expected: number; reportingRate: number | null } }[] }).prefectures[0]!;
    // rank 1, then the first prefecture's submitted and expected body-months, and their share with one decimal
    const rate = first.year.reportingRate === null ? "" : `${(first.year.reportingRate * 100).toFixed(1)}%`;
    expect(lines[1]!.slice(0, 5)).toEqual(["1", first.name, String(first.year.submitted), String(first.year.expected), rate]);
    expect(lines).toHaveLength(1 + 47);
  });

  it("a page without one main table answers 404 for CSV, pointing to JSON", async () => {
    const response = await get("/prefectures/31?format=csv", { token: tokens.tottori });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain("format=json");
  });
});

describe("the national monthly dataset as .xlsx, streamed", () => {
  it("holds the same rows as the CSV download, numbers as numbers and codes as text", async () => {
    const url = "/datasets/monthly_support/download?fy=2025&body=312011";
    const csvResponse = (await downloadLoader({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookies["tottori-pref"]! } }), params: { dataset: "monthly_support" }, context: {} })) as Response;
    const csvLines = (await csvResponse.text()).replace(/^\uFEFF/, "").trimEnd().split("\r\n").map((l) => l.split(","));
    const xlsxResponse = (await downloadLoader({ request: new Request(`http://localhost${url}&format=xlsx`, { headers: { Cookie: cookies["tottori-pref"]! } }), params: { dataset: "monthly_support" }, context: {} })) as Response;
    expect(xlsxResponse.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsxResponse.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell("A1").value).toBe("月次支援状況");
    expect([sheet.getCell("A2").value, sheet.getCell("B2").value]).toEqual(["条件", "令和7年度（2025）、実施主体 312011"]);
    // title, 3 notes, a blank row: the header on row 6, then as many rows as the CSV (鳥取市, 12 months of 2025 in the demo)
    const header = sheet.getRow(6).values as unknown[];
    expect(header.slice(1)).toEqual(csvLines[0]);
    expect(csvLines.length - 1).toBe(12);
    expect(sheet.rowCount).toBe(6 + 12);
    for (let i = 1; i < csvLines.length; i++) {
      const cells = (sheet.getRow(6 + i).values as unknown[]).slice(1);
      csvLines[i]!.forEach((text, c) => {
        const cell = cells[c] ?? null;
        const name = csvLines[0]![c]!;
        if (text === "") expect(cell, name).toBeNull();
        else if (/コード|年月/.test(name)) expect(cell, name).toBe(text);
        else expect(cell, name).toBe(/^-?\d+$/.test(text) ? Number(text) : text);
      });
    }
    expect(sheet.getCell("A7").value).toBe("312011");
  });

  it("format=xlsx of a download is the download's own (passed on to Remix), and a token may not use it", async () => {
    const request = new Request("http://localhost/datasets/monthly_support/download?format=xlsx", { headers: { Cookie: cookies.mhlw! } });
    expect(await servePageData(manifest, request, { db: handle.db, throttle: new ApiTokenThrottle(10), context: {} })).toBeNull();
    expect((await get("/datasets/monthly_support/download?format=xlsx", { token: tokens.tottori })).status).toBe(404);
  });
});
