import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { collectPageErrors, createAppDatabase, launchBrowser, logIn, startApp, type RunningApp } from "./harness";

// The app with its clock on 2 December 2026 (令和8年度, April–November due); the demo data ends with
// FY2025, so every page of FY2026 is empty and must say so, with charts and tables that cope.
let app: RunningApp;
let browser: Browser;
let database: Awaited<ReturnType<typeof createAppDatabase>>;
beforeAll(async () => {
  database = await createAppDatabase();
  app = await startApp({ ...database.env, TSUNAGU_TODAY: "2026-12-02" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await database?.remove();
});

const emptyPages = [
  "/?fy=2026",
  "/prefectures/31?fy=2026",
  "/municipalities/312011?fy=2026",
  "/jusou?fy=2026",
  "/cooperation?fy=2026",
  "/supervision?fy=2026",
  "/training?fy=2026",
  "/prefectures/31/jusou?fy=2026",
  "/prefectures/31/cooperation?fy=2026",
  "/prefectures/31/supervision?fy=2026",
  "/prefectures/31/training?fy=2026",
  "/prefectures/31/support?fy=2026",
];

describe("the current fiscal year in the browser", () => {
  it("lands the prefecture official on their prefecture and renders every page of FY2026 with its empty state", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, app.url, "tottori-pref");
    await page.waitForURL(`${app.url}/prefectures/31`);
    for (const path of emptyPages) {
      const response = await page.goto(`${app.url}${path}`);
      expect(response?.status(), path).toBe(200);
      expect(await page.getByRole("status").filter({ hasText: "令和8年度のデータはまだありません" }).count(), path).toBe(1);
      expect(await page.getByLabel("年度", { exact: true }).locator("option:checked").textContent(), path).toBe("令和8年度（4〜11月分）");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text, path).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("marks the municipality's missing months among months due only", async () => {
    const page = await browser.newPage();
    await logIn(page, app.url, "tottori-city");
    await page.waitForURL(`${app.url}/municipalities/312011`);
    await page.goto(`${app.url}/municipalities/312011?fy=2026`);
    await page.getByText("提出期限を過ぎた7か月のうち7か月分").waitFor();
    // the months table of an empty year says so
    expect(await page.locator("#months tbody").textContent()).toBe("データなし");
    await page.close();
  });
});
