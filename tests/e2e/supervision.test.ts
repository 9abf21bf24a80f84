import { describe, expect, it } from "vitest";
import { afterAll, beforeAll } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

describe("supervision", () => {
  it("records a contact for a body that had none: coverage rises and the body leaves the no-contact list", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/`);
    await page.goto(`${ctx.app.url}/prefectures/31/supervision?fy=2025`);
    await waitForHydration(page);

    // 境港市 had no contact in FY2025 in the demo data
    const without = page.locator("#without-contact tbody");
    expect(await without.textContent()).toContain("境港市");
    const before = Number(/実施主体 5 のうち (\d+)/.exec((await page.getByRole("status").textContent()) ?? "")![1]);

    const form = page.locator("form.record-form");
    await form.getByLabel("対象自治体").selectOption({ label: "境港市" });
    await form.getByLabel("実施日").fill("2026-02-10");
    await form.getByLabel("形態").selectOption({ label: "訪問" });
    await form.getByLabel("内容").fill("支援体制の確認");
    await page.getByRole("button", { name: "記録する" }).click();

    // one more body covered: 境港市
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`実施主体 5 のうち ${before + 1} `);
    expect(await without.textContent()).not.toContain("境港市");
    expect(await page.locator("#contacts-log tbody tr", { hasText: "境港市" }).filter({ hasText: "2026-02-10" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows no write actions to another prefecture's user", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tokyo-pref");
    await page.waitForURL(`${ctx.app.url}/`);
    await page.goto(`${ctx.app.url}/prefectures/31/supervision?fy=2025`);
    expect(await page.getByRole("button", { name: "記録する" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /削除/ }).count()).toBe(0);
    await page.close();
  });
});
