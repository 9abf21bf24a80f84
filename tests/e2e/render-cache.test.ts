import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase } from "../../db/throwaway";
import { HttpSession, monthlyCsv, setUpAppUnderTest, startApp, type RunningApp } from "./harness";

// The render cache (ADR 013, shared by scope since ADR 031) on the real server: who gets a stored page,
// with which nonce and name, and that a committed change, a logout or a deactivation is seen by the very
// next request.

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")![1]!;
const scriptNonces = (html: string) => new Set([...html.matchAll(/<script[^>]*\bnonce="([^"]+)"/g)].map((m) => m[1]));

/** An account made as administrators make one (a temporary password, then the user's own), signed in. */
async function newAccount(administrator: HttpSession, account: { loginId: string; displayName: string; role: string } & Record<string, string>): Promise<HttpSession> {
  const temporary = "kari-pass-2026-x";
  const created = await administrator.post("/admin/users", { intent: "create", ...account, password: temporary, passwordConfirm: temporary });
  expect(created.status, await created.text()).toBe(302);
  const session = await HttpSession.logIn(ctx.app.url, account.loginId, temporary);
  const own = "mori-no-komichi-31";
  expect((await session.post("/account/password", { currentPassword: temporary, password: own, passwordConfirm: own })).status).toBe(302);
  return session;
}

describe("render cache", () => {
  it("serves a stored page again to the same user, each time with that response's own script nonce", async () => {
    const mhlw = await HttpSession.logIn(ctx.app.url, "mhlw");
    const first = await mhlw.get("/prefectures/31?fy=2024");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-render-cache")).toBe("miss");
    const firstHtml = await first.text();
    const second = await mhlw.get("/prefectures/31?fy=2024");
    expect(second.status).toBe(200);
    expect(second.headers.get("x-render-cache")).toBe("hit");
    expect(second.headers.get("server-timing")).toMatch(/^cache;desc="hit";dur=\d+(\.\d)?$/);
    const secondHtml = await second.text();

    expect(nonceOf(second)).not.toBe(nonceOf(first));
    expect(scriptNonces(firstHtml)).toEqual(new Set([nonceOf(first)]));
    expect(scriptNonces(secondHtml)).toEqual(new Set([nonceOf(second)]));
    expect(secondHtml.replaceAll(nonceOf(second), "N")).toBe(firstHtml.replaceAll(nonceOf(first), "N"));

    // a client-side navigation's data request is stored on its own key
    const data = await mhlw.get("/prefectures/31.data?fy=2024");
    expect(data.status).toBe(200);
    expect(data.headers.get("x-render-cache")).toBe("miss");
    await data.text();
    expect((await mhlw.get("/prefectures/31.data?fy=2024")).headers.get("x-render-cache")).toBe("hit");
  });

  it("serves Japanese text whole: no NUL bytes from React 18's streaming buffer (facebook/react#26228)", async () => {
    // with the demo dataset the national page put "\0" inside 京都's tile label before the fix
    const tokyo = await HttpSession.logIn(ctx.app.url, "tokyo-pref");
    for (const path of ["/?fy=2024", "/?fy=2024", "/", "/prefectures/13?fy=2024"]) {
      const html = await (await tokyo.get(path)).text();
      expect(html.includes("\u0000"), path).toBe(false);
      expect(html, path).toContain("京都");
    }
  });

  it("keeps pages per scope: another scope gets its own rendering, a second official of 鳥取県 the first one's with their own name (ADR 031)", async () => {
    const mhlw = await HttpSession.logIn(ctx.app.url, "mhlw");
    const second = await newAccount(mhlw, { loginId: "tottori-pref-2", displayName: "鳥取県 二人目の担当者", role: "prefecture", prefectureCode: "31" });

    const own = await mhlw.get("/prefectures/31?fy=2025");
    expect(own.headers.get("x-render-cache")).toBe("miss");
    await own.text();
    const tottori = await HttpSession.logIn(ctx.app.url, "tottori-pref");
    const response = await tottori.get("/prefectures/31?fy=2025");
    expect(response.headers.get("x-render-cache")).toBe("miss");
    const html = await response.text();
    expect(html).toContain("鳥取県 福祉保健課（デモ）");
    expect(html).not.toContain("厚生労働省 地域福祉課（デモ）");
    // a second session of the same account shares the entry
    const mhlwAgain = await HttpSession.logIn(ctx.app.url, "mhlw");
    const again = await mhlwAgain.get("/prefectures/31?fy=2025");
    expect(again.headers.get("x-render-cache")).toBe("hit");
    expect(await again.text()).toContain("厚生労働省 地域福祉課（デモ）");

    // so does another official of the same prefecture: their own name in the header and in the page's data
    for (const path of ["/prefectures/31?fy=2025", "/prefectures/31.data?fy=2025"]) {
      if (path.includes(".data")) await (await tottori.get(path)).text();
      const shared = await second.get(path);
      expect(shared.headers.get("x-render-cache"), path).toBe("hit");
      const body = await shared.text();
      expect(body, path).toContain("鳥取県 二人目の担当者");
      expect(body, path).not.toContain("鳥取県 福祉保健課（デモ）");
      expect(body, path).not.toMatch(/viewer[0-9a-f]{32}name/);
    }
    const sharedHtml = await (await second.get("/prefectures/31?fy=2025")).text();
    expect(sharedHtml).toMatch(/<div class="site-user"><span>鳥取県 二人目の担当者<!-- -->（<!-- -->都道府県<!-- -->）<\/span>/);
    // with its own nonce, the rest of the page is the first official's byte for byte
    const firstHtml = await (await tottori.get("/prefectures/31?fy=2025")).text();
    const normalised = (page: string, name: string) => page.replace(/nonce="[^"]+"/g, 'nonce=""').replaceAll(name, "NAME");
    expect(normalised(sharedHtml, "鳥取県 二人目の担当者")).toBe(normalised(firstHtml, "鳥取県 福祉保健課（デモ）"));
  });

  it("never stores what is not a page of the aggregates: uploads, administration, redirects", async () => {
    const mhlw = await HttpSession.logIn(ctx.app.url, "mhlw");
    for (const path of ["/uploads", "/admin/audit", "/admin/users"]) {
      await (await mhlw.get(path)).text();
      const response = await mhlw.get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("x-render-cache"), path).toBeNull();
    }
    const anonymous = await fetch(`${ctx.app.url}/prefectures/31?fy=2024`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?/);
  });

  it("shows a committed upload on the next request", async () => {
    const mhlw = await HttpSession.logIn(ctx.app.url, "mhlw");
    const page = "/municipalities/312011?fy=2024";
    await (await mhlw.get(page)).text();
    const before = await mhlw.get(page);
    expect(before.headers.get("x-render-cache")).toBe("hit");
    const cell4321 = '<td class="num">4,321</td>'; // numbers with separators (ADR 027)
    expect(await before.text()).not.toContain(cell4321);

    const city = await HttpSession.logIn(ctx.app.url, "tottori-city");
    const uploadId = await city.upload("monthly_support", monthlyCsv(["312011"], [2024], 4321), "鳥取市_2024.csv");
    // the test's figures are far from 鳥取市's history and change a long-closed fiscal year: committing them needs an explanation (ADR 018)
    expect((await city.post(`/uploads/${uploadId}`, { intent: "commit", explanation: "試験用の値（これまでの値から外れています）" })).status).toBe(302);

    const after = await mhlw.get(page);
    expect(after.headers.get("x-render-cache")).toBe("miss");
    // 12 months × 6 figures of 4,321 each (新規相談, プラン, 就労支援対象, 就労, 住居確保給付金, 生活保護へのつなぎ; 増収 is 0)
    const monthsTable = /<table class="data" id="months">[^]*?<\/table>/.exec(await after.text())![0];
    expect(monthsTable.split(cell4321).length - 1).toBe(72);
  });

  it("renders a prefecture's page once for the staff of all its bodies, each with their own body link and print label (ADR 042)", async () => {
    const tottori = await HttpSession.logIn(ctx.app.url, "tottori-pref");
    const yonago = await newAccount(tottori, { loginId: "yonago-city", displayName: "米子市 福祉課", role: "municipality", localGovernmentCode: "312029" });
    const city = await HttpSession.logIn(ctx.app.url, "tottori-city");
    const homeLink = (html: string) => /href="\/municipalities\/(\d{6})"[^>]*>自分の自治体</.exec(html)?.[1];

    const first = await city.get("/prefectures/31?fy=2023");
    expect(first.headers.get("x-render-cache")).toBe("miss");
    const firstHtml = await first.text();
    expect([homeLink(firstHtml), firstHtml.includes("鳥取市 担当者")]).toEqual(["312011", true]);
    // one current page in the header's menus (wide and narrow): the own prefecture's link, not 「都道府県」 too
    const header = /<header class="site-header">[^]*?<\/header>/.exec(firstHtml)![0];
    expect([...header.matchAll(/<a [^>]*aria-current="page"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(["都道府県の状況", "都道府県の状況"]);

    const shared = await yonago.get("/prefectures/31?fy=2023");
    expect(shared.headers.get("x-render-cache")).toBe("hit");
    const sharedHtml = await shared.text();
    expect(homeLink(sharedHtml)).toBe("312029");
    expect(sharedHtml).toContain("米子市 担当者");
    expect(sharedHtml).toContain("米子市 福祉課");
    for (const theirs of ["鳥取市 担当者", "鳥取市 福祉部（デモ）", '"homeBody":"312011"']) expect(sharedHtml).not.toContain(theirs);
    expect(sharedHtml).not.toMatch(/viewer[0-9a-f]{32}(name|body|label)/);

    // a body's own page stays its own: rendered for its staff, its header marking 自分の自治体 as the current page
    const own = await yonago.get("/municipalities/312029?fy=2023");
    expect(own.headers.get("x-render-cache")).toBe("miss");
    expect(await own.text()).toMatch(/<a [^>]*aria-current="page"[^>]*href="\/municipalities\/312029"[^>]*>自分の自治体</);
  });

  it("stops serving a stored page to a session that logged out or an account that was deactivated", async () => {
    const session = await HttpSession.logIn(ctx.app.url, "tokyo-pref");
    await (await session.get("/prefectures/13?fy=2024")).text();
    expect((await session.get("/prefectures/13?fy=2024")).headers.get("x-render-cache")).toBe("hit");
    const stolen = session.cookie;
    expect((await session.post("/logout", {})).status).toBe(302);
    const replayed = await fetch(`${ctx.app.url}/prefectures/13?fy=2024`, { headers: { Cookie: stolen }, redirect: "manual" });
    expect(replayed.status).toBe(302);
    expect(replayed.headers.get("location")).toMatch(/^\/login\?/);

    const city = await HttpSession.logIn(ctx.app.url, "tottori-city");
    await (await city.get("/municipalities/312011?fy=2025")).text();
    expect((await city.get("/municipalities/312011?fy=2025")).headers.get("x-render-cache")).toBe("hit");
    const tottori = await HttpSession.logIn(ctx.app.url, "tottori-pref");
    const users = await (await tottori.get("/admin/users")).text();
    const id = /name="id" value="(\d+)"\/><button[^>]*aria-label="tottori-cityを無効にする"/.exec(users)?.[1];
    expect(id).toBeDefined();
    expect((await tottori.post("/admin/users", { intent: "deactivate", id: id! })).status).toBe(302);
    const afterDeactivation = await city.get("/municipalities/312011?fy=2025");
    expect(afterDeactivation.status).toBe(302);
    expect(afterDeactivation.headers.get("location")).toMatch(/^\/login\?/);
  });
});

describe.runIf(process.env.E2E_DATABASE_URL)("render cache with a read replica (PostgreSQL)", () => {
  const serverUrl = process.env.E2E_DATABASE_URL!;
  let primary: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let replicaUrl: URL;
  let app: RunningApp | undefined;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  afterAll(async () => {
    await app?.stop();
    if (replicaUrl) await admin.unsafe(`drop database if exists ${replicaUrl.pathname.slice(1)} with (force)`);
    await admin.end();
    await primary?.drop();
  });

  it("shows a user's own change from the primary at once, and replica pages change when the replica does", async () => {
    primary = await createThrowawayDatabase(serverUrl, "tsunagu_e2e_primary");
    const seeding = await startApp({ DATABASE_URL: primary.url });
    await seeding.stop();
    // a frozen copy stands for a replica that has not caught up
    replicaUrl = new URL(primary.url);
    replicaUrl.pathname = `${replicaUrl.pathname}_replica`;
    await admin.unsafe(`create database ${replicaUrl.pathname.slice(1)} template ${new URL(primary.url).pathname.slice(1)}`);
    app = await startApp({ DATABASE_URL: primary.url, DATABASE_READ_URL: replicaUrl.toString() });

    const city = await HttpSession.logIn(app.url, "tottori-city");
    const mhlw = await HttpSession.logIn(app.url, "mhlw");
    const ownPage = "/municipalities/312011?fy=2024"; // read from the primary
    const replicaPage = "/prefectures/31?fy=2024"; // read from the replica
    for (const [session, page] of [[city, ownPage], [mhlw, replicaPage]] as const) {
      await (await session.get(page)).text();
      expect((await session.get(page)).headers.get("x-render-cache"), page).toBe("hit");
    }

    const uploadId = await city.upload("monthly_support", monthlyCsv(["312011"], [2024], 4321), "鳥取市_2024.csv");
    // the test's figures are far from 鳥取市's history and change a long-closed fiscal year: committing them needs an explanation (ADR 018)
    expect((await city.post(`/uploads/${uploadId}`, { intent: "commit", explanation: "試験用の値（これまでの値から外れています）" })).status).toBe(302);
    // the frozen copy never replays the city's commit: its session reads the primary, past the cache (ADR 030)
    const own = await city.get(ownPage);
    expect(own.headers.get("x-render-cache")).toBe("bypass");
    const monthsTable = /<table class="data" id="months">[^]*?<\/table>/.exec(await own.text())![0];
    expect(monthsTable.split('<td class="num">4,321</td>').length - 1).toBe(72);

    // the primary's version moved: the replica page is rendered again (from the replica), then kept
    expect((await mhlw.get(replicaPage)).headers.get("x-render-cache")).toBe("miss");
    expect((await mhlw.get(replicaPage)).headers.get("x-render-cache")).toBe("hit");
    // the replica catches up with a change: its version moves and the page is rendered again
    const replica = postgres(replicaUrl.toString(), { max: 1, onnotice: () => {} });
    await replica`update app_meta set updated_at = now()`;
    await replica.end();
    expect((await mhlw.get(replicaPage)).headers.get("x-render-cache")).toBe("miss");
  });
});
