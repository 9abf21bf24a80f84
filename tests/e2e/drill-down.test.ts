import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMonthJa } from "~/domain/format";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

describe("drill-down", () => {
  it("goes national → prefecture → municipality by clicking, changes the year, opens a table and downloads matching CSV", async () => {
    const context = await ctx.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "mhlw");
    await page.waitForURL(`${ctx.app.url}/`);

    // the tile map: each prefecture is a keyboard-reachable link
    const tile = page.locator('#prefecture-map a[aria-label*="（鳥取県、"]');
    await tile.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/prefectures\/31\?/);
    await page.getByRole("heading", { name: "鳥取県", exact: true }).waitFor();
    await waitForHydration(page);

    // the table's links are plain anchors (ADR 046) that navigate on the client: the same document goes on
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.locator("#bodies").getByRole("link", { name: "鳥取市" }).click();
    await page.waitForURL(/\/municipalities\/312011/);
    await waitForHydration(page);
    // the URL changes before the municipality page has replaced the prefecture page's form
    await page.getByRole("heading", { level: 1, name: /鳥取市/ }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    const year = page.getByLabel("年度", { exact: true });
    await year.selectOption("2021");
    await expect.poll(() => year.inputValue()).toBe("2021");
    await page.getByRole("button", { name: "表示" }).click();
    await page.waitForURL(/fy=2021/);
    await expect.poll(() => page.locator("h2", { hasText: "月次の実績" }).textContent()).toContain("令和3年度（2021）");

    // the chart's table alternative
    await page.locator("#trend summary").click();
    expect(await page.locator("#trend-data").isVisible()).toBe(true);

    // the months table as CSV: same numbers as on the page
    const cells = await page.locator("#months tbody tr").evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").trim())),
    );
    expect(cells.length).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator(".data-table", { has: page.locator("#months") }).getByRole("button", { name: "CSVダウンロード" }).click()]);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const all = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    // the title block first, as # lines (ADR 035), then the table
    expect(all[0]).toBe("# 鳥取市の月次支援状況（令和3年度（2021）、提出のあった月）");
    const lines = all.filter((l) => !l.startsWith("#"));
    expect(lines[0]).toBe("年月,県の確認,新規相談受付件数,新規相談（10万人あたり）,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数");
    // the page writes the month as 2025年4月 (ADR 027), the CSV keeps 2025-04
    expect(lines.slice(1).map((l) => l.split(",")).map(([month, ...rest]) => [formatMonthJa(month!), ...rest])).toEqual(cells.map((row) => row.map((c) => c.replace(/,/g, ""))));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("links every metric header to its definition, labels the map's prefectures against the nation, and a label leads to the test it made", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "mhlw");
    await page.waitForURL(`${ctx.app.url}/`);
    await waitForHydration(page);
    // the map's table: the metric's header is a link to its definition beside the sort button, both reachable
    await page.locator("#prefecture-map summary").click();
    const header = page.locator("#prefecture-map-data thead th").nth(2);
    const definition = header.getByRole("link", { name: "新規相談受付件数（人口10万人あたり月平均）", exact: true });
    expect(await definition.getAttribute("href")).toBe("/indicators/newConsultations");
    expect(await header.getByRole("button").count()).toBe(1);
    // each tile says in words how its prefecture compares with the nation; its table row shows the label and interval
    expect(await page.locator('#prefecture-map a[aria-label*="（鳥取県、"]').getAttribute("aria-label")).toMatch(/、全国と比べて(良い|同程度|悪い)）$/);
    const tottoriRow = page.locator("#prefecture-map-data tbody tr", { hasText: "鳥取県" });
    expect(await tottoriRow.locator("td").nth(2).textContent()).toMatch(/^\d+\.\d–\d+\.\d$/);
    expect(await tottoriRow.locator("a.comparison").getAttribute("href")).toBe("/indicators/newConsultations#comparisons");

    // the prefecture's bodies table: every per-10万人 header and 就労・増収率 link to their definitions
    await page.goto(`${ctx.app.url}/prefectures/31?fy=2024`);
    await waitForHydration(page);
    const links = await page.locator("#bodies thead a.metric-label").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/indicators/newConsultations", "/indicators/plansCreated", "/indicators/employmentSupportTargets", "/indicators/employmentOrIncomeRate"]);
    // a label against the 目安値 opens the definition page at the explanation of the test
    const badge = page.locator("#bodies tbody a.comparison").first();
    const href = await badge.getAttribute("href");
    expect(href).toMatch(/^\/indicators\/(newConsultations|plansCreated|employmentSupportTargets)#comparisons$/);
    await badge.click();
    await page.waitForURL((url) => `${url.pathname}${url.hash}` === href);
    await page.getByRole("heading", { name: "比較の求め方" }).waitFor();
    expect(await page.locator("main").textContent()).toContain("95%信頼区間の上限が目安値を下回るときだけ「目安値を有意に下回る（悪い）」とします");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("lands a municipality user on its own page, whose navigation reaches the nation, its prefecture and back, but not a neighbour's page", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tottori-city");
    await page.waitForURL(`${ctx.app.url}/municipalities/312011`);
    const nav = page.getByRole("navigation", { name: "メイン" });
    await nav.getByRole("link", { name: "全国" }).click();
    await page.waitForURL(`${ctx.app.url}/`);
    await nav.getByRole("link", { name: "都道府県の状況" }).click();
    await page.waitForURL(/\/prefectures\/31$/);
    await nav.getByRole("link", { name: "自分の自治体" }).click();
    await page.waitForURL(/\/municipalities\/312011$/);
    const response = await page.goto(`${ctx.app.url}/municipalities/312029`);
    expect(response?.status()).toBe(403);
    await page.close();
  });
});
