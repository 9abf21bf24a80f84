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
import { prefectureSupportItemLabels, type UserRole } from "../../app/domain/vocabulary";
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

/** A CSV's data: the header and rows, after the BOM and the title block's `#` lines. */
function dataLines(text: string): string[] {
  return text.replace(/^\uFEFF/, "").trimEnd().split("\r\n").filter((line) => !line.startsWith("#"));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await seedDemo(handle.db);
  // 東京都's official reads dates in 和暦 (ADR 027)
  await handle.db.execute(sql`update users set date_style = 'japanese' where login_id = 'tokyo-pref'`);
  Object.assign(cookies, await demoSessionCookies(["tottori-pref", "mhlw", "tokyo-pref"]));
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
    const lines = dataLines(await response.text());
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
    expect(sheet.getCell("A5").value).toBe("作成日時");
    expect(String(sheet.getCell("B5").value)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/);
    // title + 4 notes + a blank row: the header is row 7, frozen with what is above it
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 7 });
    expect(sheet.getCell("A7").value).toBe("都道府県");
    expect(sheet.getCell("C7").value).toBe("就労準備支援事業（実施数）");
    const rows = await nationalFigures();
    const ep = rows.find((r) => r.prefectureCode === null && r.program === "employment_preparation")!;
    expect(sheet.getCell("A8").value).toBe("全国");
    expect(sheet.getCell("B8").value).toBe(ep.bodies);
    expect(sheet.getCell("C8").value).toBe(ep.implementing);
    expect(sheet.getCell("D8").value).toBe(ep.bodies);
    expect(sheet.getCell("E8").value).toBeCloseTo(ep.implementing / ep.bodies, 12);
    expect(sheet.getCell("C8").numFmt).toBe("#,##0");
    expect(sheet.getCell("E8").numFmt).toBe("0.0%");
    // column A's widest text: 都道府県 and the 4-character names (和歌山県, 神奈川県, 鹿児島県) = 4 full-width × 2 = 8, + 2 margin
    expect(sheet.getColumn(1).width).toBe(10);
    // C's header 就労準備支援事業（実施数） = 13 full-width × 2 = 26, + 2 margin
    expect(sheet.getColumn(3).width).toBe(28);
    // 鳥取県 is the 31st prefecture: row 8 + 31
    expect(sheet.getCell("A39").value).toBe("鳥取県");
    const tottoriEp = rows.find((r) => r.prefectureCode === "31" && r.program === "employment_preparation")!;
    expect(sheet.getCell("C39").value).toBe(tottoriEp.implementing);
    expect(sheet.getCell("D39").value).toBe(tottoriEp.bodies);
  });

  it("/completeness as CSV: each rate with its 提出 and 対象, in the page's order", async () => {
    const response = await get("/completeness?fy=2025&format=csv", { token: tokens.tottori });
    expect(response.status).toBe(200);
    const lines = dataLines(await response.text()).map((l) => l.split(","));
    expect(lines[0]!.slice(0, 6)).toEqual(["順位", "都道府県", "年度の提出率（提出）", "年度の提出率（対象）", "年度の提出率（率）", "年度の期限内提出率"]);
    const page = await callRoute(completenessLoader, { url: "/completeness?fy=2025", cookie: cookies["tottori-pref"] });
    const first = (page.data as { prefectures: { name: string; year: { submitted: number; expected: number; reportingRate: number | null } }[] }).prefectures[0]!;
    // rank 1, then the first prefecture's submitted and expected body-months, and their share with one decimal
    const rate = first.year.reportingRate === null ? "" : `${(first.year.reportingRate * 100).toFixed(1)}%`;
    expect(lines[1]!.slice(0, 5)).toEqual(["1", first.name, String(first.year.submitted), String(first.year.expected), rate]);
    expect(lines).toHaveLength(1 + 47);
  });

  it("a page without one main table answers 404 for CSV, pointing to JSON", async () => {
    const response = await get("/prefectures/31/review?format=csv", { token: tokens.tottori });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain("format=json");
  });
});

describe("every aggregate page's main table as CSV and .xlsx (ADR 028)", () => {
  // the page, then the header row its DataTable's columns give (a rate column as its count, denominator and rate)
  const pages: [string, string][] = [
    ["/prefectures/31?fy=2025", "指標,鳥取県,95%信頼区間,件数・人数（分子）,人口×月・就労支援対象者数（分母）,全国,全国と比べて,目安値,目安値と比べて,推移（直近5年度）"],
    [
      "/prefectures/31/cooperation?fy=2025",
      "実施主体,つなぎ件数（年度計）,10万人あたり月平均,提出月数,保護→困窮 移行ケース（年度）,移行ケース 10万人あたり,福祉事務所からのつなぎ（ア＋イ＋ウ）,就労準備支援 一体的実施,家計改善支援 一体的実施",
    ],
    ["/prefectures/31/jusou?fy=2025", "市区町村,状況,この状況になった年度,実施を始めた年度"],
    ["/prefectures/31/supervision?fy=2025", "形態,対象になった実施主体,カバー率（対象になった実施主体）,カバー率（実施主体数）,カバー率（率）"],
    ["/prefectures/31/support?fy=2025", "項目,鳥取県,全国の実施割合（実施）,全国の実施割合（回答した都道府県）,全国の実施割合（率）"],
    [
      "/prefectures/31/training?fy=2025",
      "職種,報告のあった実施主体,配置人数,国研修（前期）修了（人数）,国研修（前期）修了（配置人数）,国研修（前期）修了（率）,都道府県研修（後期）修了（人数）,都道府県研修（後期）修了（配置人数）,都道府県研修（後期）修了（率）,修了証（人数）,修了証（配置人数）,修了証（率）",
    ],
    [
      "/prefectures/31/submissions?month=2025-10",
      "実施主体,4月,5月,6月,7月,8月,9月,10月,11月,12月,1月,2月,3月,年度の提出率（提出）,年度の提出率（対象）,年度の提出率（率）,年度の期限内提出率（期限内提出）,年度の期限内提出率（対象）,年度の期限内提出率（率）",
    ],
    [
      "/municipalities/312011?fy=2025",
      "年月,県の確認,新規相談受付件数,新規相談（10万人あたり）,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数",
    ],
    ["/compare?prefectures=31&prefectures=13", "年度,鳥取県,東京都,全国"],
    ["/compare/funnel?fy=2025", "実施主体,人口×月,件数,値,95%信頼区間,全国と比べて,ファネルの位置"],
    [
      "/cooperation?fy=2025",
      "都道府県,つなぎ件数（年度計）,10万人あたり月平均,提出（実施主体×月）,就労準備支援 一体的実施（一体的実施）,就労準備支援 一体的実施（回答）,就労準備支援 一体的実施（率）,家計改善支援 一体的実施（一体的実施）,家計改善支援 一体的実施（回答）,家計改善支援 一体的実施（率）",
    ],
    ["/jusou?fy=2022", "都道府県,市区町村数,実施,実施の割合,移行準備事業,モデル事業,未実施,未報告"],
    ["/supervision?fy=2025", "都道府県,実施主体数,スーパーバイズを受けた実施主体,カバー率,件数"],
    [
      "/support",
      "項目,平成27年度（2015）（実施）,平成27年度（2015）（回答した都道府県）,平成27年度（2015）（率）,令和7年度（2025）（実施）,令和7年度（2025）（回答した都道府県）,令和7年度（2025）（率）,増減",
    ],
    [
      "/training?fy=2025",
      "都道府県,報告した実施主体,配置人数（3職種）,前期修了,後期修了,修了証（修了証の人数）,修了証（配置人数）,修了証（率）,全員が修了証を持つ実施主体,後期研修の開催回数",
    ],
    ["/indicators", "指標,定義,単位,良い方向"],
    ["/lists/{list}", "実施主体,人口,新規相談受付件数（人口10万人あたり月平均）,プラン作成件数（人口10万人あたり月平均）,就労支援対象者数（人口10万人あたり月平均）,就労・増収率,生活保護へのつなぎ件数（人口10万人あたり月平均）,提出月数"],
  ];
  let listId = 0;
  beforeAll(async () => {
    const [owner] = await queryRows<{ id: number }>(handle.db, sql`select id from users where login_id = 'mhlw'`);
    const [list] = await queryRows<{ id: number }>(handle.db, sql`insert into body_lists (owner_id, name) values (${owner!.id}, '山陰の市') returning id`);
    listId = list!.id;
    await handle.db.execute(sql`insert into body_list_members (list_id, local_government_code) values (${listId}, '312011'), (${listId}, '322016')`);
  });

  for (const [page, header] of pages) {
    it(`${page}: CSV and .xlsx with the header row, under the title block`, async () => {
      const path = page.replace("{list}", String(listId));
      const url = (format: string) => `${path}${path.includes("?") ? "&" : "?"}format=${format}`;
      const csv = await get(url("csv"), { cookie: cookies.mhlw });
      expect(csv.status).toBe(200);
      const text = await csv.text();
      const notes = text.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l.startsWith("# "));
      expect(notes).toContain(`# 条件: ${path}`);
      expect(dataLines(text)[0]).toBe(header);
      const xlsx = await get(url("xlsx"), { cookie: cookies.mhlw });
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await xlsx.arrayBuffer());
      // the title and its notes, a blank row, then the header: as many rows above it as the CSV's # lines + 1
      const headerRow = book.worksheets[0]!.getRow(notes.length + 2).values as unknown[];
      expect(headerRow.slice(1).join(",")).toBe(header);
    });
  }

  it("/prefectures/31?fy=2025: each key figure beside its count and denominator, the figure being their quotient", async () => {
    const rows = dataLines(await (await get("/prefectures/31?fy=2025&format=csv", { token: tokens.tottori })).text())
      .slice(1)
      .map((line) => line.split(","));
    // the three figures with a 目安値 and 就労・増収率
    expect(rows.length).toBe(4);
    for (const [label, value, , count, denominator] of rows) {
      // per 10万人 a month: count ÷ person-months × 100,000; 就労・増収率: (就労者＋増収者) ÷ 就労支援対象者 as a percentage
      const quotient = label!.includes("率") ? (Number(count) / Number(denominator)) * 100 : (Number(count) / Number(denominator)) * 100_000;
      expect(Number(denominator)).toBeGreaterThan(0);
      expect(Number(value)).toBeCloseTo(quotient, 0);
    }
  });

  it("/jusou?fy=2022: the nation 134 of 1,741 (7.7%) and 三重県 9 of 29 (31.0%), as the demo holds FY2022's source list", async () => {
    const lines = dataLines(await (await get("/jusou?fy=2022&format=csv", { token: tokens.tottori })).text());
    // 1,741 − 134 実施 − 229 移行準備 = 1,378 未実施; 134 / 1,741 = 7.70%
    expect(lines[1]).toBe("全国,1741,134,7.7%,229,0,1378,0");
    // 9 / 29 = 31.03%; 29 − 9 − 3 = 17
    expect(lines.find((l) => l.startsWith("三重県,"))).toBe("三重県,29,9,31.0%,3,0,17,0");
  });

  it("/support: each year's count of prefectures, the 47 that answered and the share (FY2015 against FY2025)", async () => {
    const rows = dataLines(await (await get("/support?format=csv", { token: tokens.tottori })).text()).map((l) => l.split(","));
    // 34 / 47 = 72.34%, 35 / 47 = 74.47%; supervision: 5 / 47 = 10.64%, 6 / 47 = 12.77%
    expect(rows.find((r) => r[0] === "都道府県研修の開催")!.slice(0, 7)).toEqual(["都道府県研修の開催", "34", "47", "72.3%", "35", "47", "74.5%"]);
    expect(rows.find((r) => r[0] === prefectureSupportItemLabels.supervision_for_staff)!.slice(1, 7)).toEqual(["5", "47", "10.6%", "6", "47", "12.8%"]);
  });

  it("a body table the reader may not see: its columns without rows, and a note saying why", async () => {
    const text = await (await get("/prefectures/13/cooperation?fy=2025&format=csv", { token: tokens.tottori })).text();
    expect(text).toContain("# 注記: 実施主体別の一覧は、この都道府県の担当者と厚生労働省だけが見られます。");
    expect(dataLines(text)).toHaveLength(1);
  });
});

describe("the title block in the reader's 西暦／和暦", () => {
  it("a 和暦 user's CSV says データ時点 and 作成日時 in 令和; a 西暦 user's in 2026年…", async () => {
    const japanese = (await (await get("/prefectures/13?fy=2025&format=csv", { cookie: cookies["tokyo-pref"] })).text()).split("\r\n");
    expect(japanese.find((l) => l.startsWith("# データ時点: "))).toMatch(/^# データ時点: 令和\d+年\d{1,2}月\d{1,2}日$/);
    expect(japanese.find((l) => l.startsWith("# 作成日時: "))).toMatch(/^# 作成日時: 令和\d+年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}$/);
    const western = (await (await get("/prefectures/13?fy=2025&format=csv", { cookie: cookies.mhlw })).text()).split("\r\n");
    expect(western.find((l) => l.startsWith("# データ時点: "))).toMatch(/^# データ時点: 20\d\d年\d{1,2}月\d{1,2}日$/);
  });

  it("a 和暦 user's token gets the .xlsx with its データ時点 in 令和", async () => {
    const tokyo = { ...(await sessionUser("tokyo-pref")), dateStyle: "japanese" as const };
    const { token } = await createApiToken(handle.db, tokyo, "和暦の確認", null);
    const response = await get("/prefectures/13?fy=2025&format=xlsx", { token });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell("A4").value).toBe("データ時点");
    expect(String(sheet.getCell("B4").value)).toMatch(/^令和\d+年\d{1,2}月\d{1,2}日$/);
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
