import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, setUpAppUnderTest, waitForHydration } from "./harness";

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

/** What a print must never show: the site navigation, the filter form, buttons and table tools. */
function expectNoChrome(text: string) {
  for (const word of ["ログアウト", "アカウント設定", "印刷・PDF", "CSVダウンロード", "表で見る", "本文へ移動", "ウェブアクセシビリティ方針", "⇅"]) expect(text, word).not.toContain(word);
  // the filter form's submit button 「表示」 stands alone on screen; 表示条件 in the stamp is the printed filters
  expect(text).not.toMatch(/(^|\s)表示(\s|$)/m);
}

describe("print to A4 PDF", () => {
  it("prints 鳥取県's page with its filters, data date, source and the printer's scope, without navigation or buttons", async () => {
    const printed = await printToPdf(ctx.browser, "tottori-pref", "/prefectures/31?fy=2025", "prefecture");
    console.log(printed.text.slice(0, 3000), printed.pages, printed.pageSizes);
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
});
