import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });
const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-print-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Printed = { text: string; pages: number; pageSizes: string[] };

/** Prints a page as the browser's print-to-PDF does (CSS page size, A4 otherwise) and reads it back with poppler's pdftotext and pdfinfo. */
async function printToPdf(browser: Browser, loginId: string, url: string, name: string): Promise<Printed> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, ctx.app.url, loginId);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(`${ctx.app.url}${url}`);
  await waitForHydration(page);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
  await context.close();
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", ["-l", "100", file], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const pageSizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => (Number(m[1]) < Number(m[2]) ? "portrait" : "landscape"));
  return { text, pages, pageSizes };
}

/** Lines that write a month or a date the ISO way (2025-04, 2026-02-20): the page should say 2025年4月. */
function isoMonthLines(text: string): string[] {
  return text.split("\n").filter((line) => /\d{4}-\d{2}/.test(line));
}

/** What a print must never show: the site navigation, the filter form, buttons and table tools. */
function expectNoChrome(text: string) {
  for (const word of ["ログアウト", "アカウント設定", "印刷・PDF", "CSVダウンロード", "表で見る", "本文へ移動", "ウェブアクセシビリティ方針", "⇅"]) expect(text, word).not.toContain(word);
  // the filter form's submit button 「表示」 stands alone on screen; 表示条件 in the stamp is the printed filters
  expect(text).not.toMatch(/(^|\s)表示(\s|$)/m);
}

describe("print to A4 PDF", () => {
  it("prints 鳥取県's page with its filters, data date, source and the printer's scope, without navigation or buttons", async () => {
    const printed = await printToPdf(ctx.browser, "tottori-pref", "/prefectures/31?fy=2025", "prefecture");
    expect(printed.text).toContain("表示条件");
    expect(printed.text).toMatch(/年度: 令和7年度（2025）/);
    expect(printed.text).toContain("鳥取県 担当者として印刷");
    expect(printed.text).toMatch(/データ時点\s+\d{4}年\d{1,2}月\d{1,2}日/);
    expect(printed.text).toContain("12か月中");
    expectNoChrome(printed.text);
    expect(printed.pageSizes.every((s) => s === "portrait")).toBe(true);
    // page numbers in the bottom margin: 「1 / N ページ」
    expect(printed.text).toContain(`1 / ${printed.pages} ページ`);
  });

  it("prints the national page, a body's page and the submissions matrix (landscape) with their stamps, no chrome and no ISO months", async () => {
    const national = await printToPdf(ctx.browser, "mhlw", "/", "national");
    expect(national.text).toContain("厚生労働省 担当者として印刷");
    expect(national.text).toMatch(/年度: 令和\d+年度（\d{4}）/);
    // the national coverage has five-digit counts: 10,344 with its separator
    expect(national.text).toMatch(/\d{1,3},\d{3}か月中\d{1,3},\d{3}か月提出/);

    const body = await printToPdf(ctx.browser, "tottori-city", "/municipalities/312011?fy=2025", "municipality");
    expect(body.text).toContain("鳥取市 担当者として印刷");
    // the months table: 2025年4月, never 2025-04
    expect(body.text).toContain("2025年4月");

    const submissions = await printToPdf(ctx.browser, "tottori-pref", "/prefectures/31/submissions", "submissions");
    // today is 2026-12-02: the month now due is 2026年11月分
    expect(submissions.text).toContain("対象月: 2026年11月分");
    expect(submissions.pageSizes.length).toBeGreaterThan(0);
    expect(submissions.pageSizes.every((s) => s === "landscape")).toBe(true);

    for (const printed of [national, body, submissions]) {
      expect(printed.text).toContain("表示条件");
      expect(printed.text).toMatch(/データ時点\s+\d{4}年\d{1,2}月\d{1,2}日/);
      expect(printed.text).toContain(`1 / ${printed.pages} ページ`);
      expect(isoMonthLines(printed.text)).toEqual([]);
      expectNoChrome(printed.text);
    }
    expect(national.pages).toBeLessThanOrEqual(8);
    expect(body.pages).toBeLessThanOrEqual(6);
  });

  it("prints both profiles as 2–4 A4 portrait pages with key figures, programs, 重層, supervision and reporting", async () => {
    const prefecture = await printToPdf(ctx.browser, "tottori-pref", "/prefectures/31/profile?fy=2025", "prefecture-profile");
    const body = await printToPdf(ctx.browser, "tottori-city", "/municipalities/312011/profile?fy=2025", "municipality-profile");
    for (const printed of [prefecture, body]) {
      expect(printed.pages).toBeGreaterThanOrEqual(2);
      expect(printed.pages).toBeLessThanOrEqual(4);
      expect(printed.pageSizes.every((s) => s === "portrait")).toBe(true);
      expect(printed.text).toContain("年度: 令和7年度（2025）");
      expect(printed.text).toMatch(/データ時点\s+\d{4}年\d{1,2}月\d{1,2}日/);
      for (const heading of ["主要指標", "任意事業", "重層的支援体制整備事業", "スーパーバイズ"]) expect(printed.text, heading).toContain(heading);
      expect(isoMonthLines(printed.text)).toEqual([]);
      expectNoChrome(printed.text);
    }
    expect(prefecture.text).toContain("鳥取県のプロフィール（令和7年度（2025））");
    expect(prefecture.text).toContain("鳥取県 担当者として印刷");
    // its bodies: 鳥取県（郡部） and the four cities
    for (const name of ["鳥取県（郡部）", "鳥取市", "米子市", "倉吉市", "境港市"]) expect(prefecture.text).toContain(name);
    expect(prefecture.text).toContain("管内の実施主体");
    expect(body.text).toContain("鳥取市のプロフィール（令和7年度（2025））");
    expect(body.text).toContain("支援員と研修");
  });

  it("prints in 和暦 after the user chose it on the account page, and 「印刷・PDF」 is reachable by keyboard", async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    await logIn(page, ctx.app.url, "tottori-city");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${ctx.app.url}/account`);
    await waitForHydration(page);
    await page.getByLabel(/和暦/).check();
    await page.getByRole("button", { name: "保存する" }).click();
    // the saved notice shows an example in the new style: 2026-02-20 is 令和8年2月20日
    await page.getByText("日付の表示を保存しました（例: 令和8年2月20日）").waitFor();

    await page.goto(`${ctx.app.url}/municipalities/312011/profile?fy=2025`);
    await waitForHydration(page);
    const printButton = page.getByRole("button", { name: "印刷・PDF" });
    // the first Tab stop is the skip link; the print button is reachable by Tab before the page's own controls
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await printButton.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);

    await page.emulateMedia({ media: "print" });
    const file = path.join(dir, "japanese.pdf");
    writeFileSync(file, await page.pdf({ format: "A4", preferCSSPageSize: true }));
    await context.close();
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    // today 2026-12-02 is 令和8年12月2日
    expect(text).toContain("鳥取市 担当者として印刷（令和8年12月2日）");
    expect(text).toMatch(/データ時点\s+令和\d+年\d{1,2}月\d{1,2}日/);
    expect(text).not.toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(isoMonthLines(text)).toEqual([]);
  });

  it("shows no ISO month or date in the text of the pages officials read", async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    const found: Record<string, string[]> = {};
    for (const url of [
      "/compare?prefectures=31,13",
      "/completeness",
      "/supervision",
      "/training",
      "/jusou",
      "/cooperation",
      "/prefectures/31/supervision",
      "/prefectures/31/training",
      "/prefectures/31/support",
      "/prefectures/31/jusou",
      "/prefectures/31/cooperation",
      "/prefectures/31/review",
      "/uploads",
      "/admin/audit",
      "/admin/users",
    ]) {
      await page.goto(`${ctx.app.url}${url}`);
      await waitForHydration(page);
      const lines = isoMonthLines(await page.locator("main").innerText());
      if (lines.length > 0) found[url] = lines.slice(0, 3);
    }
    await context.close();
    expect(found).toEqual({});
    // the stamp, the print button and the formatters hydrate without a mismatch
    expect(errors).toEqual([]);
  });
});
