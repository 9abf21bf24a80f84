import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityCheckedPages } from "../../app/lib/accessibility";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

async function axeViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }));
  });
}

describe("accessibility", () => {
  const contexts = new Map<string | null, BrowserContext>();
  // axe is injected as a script, which the app's CSP would refuse: the test context bypasses CSP
  async function pageFor(loginId: string | null): Promise<Page> {
    if (!contexts.has(loginId)) {
      const context = await ctx.browser.newContext({ bypassCSP: true });
      if (loginId) {
        const page = await context.newPage();
        await logIn(page, ctx.app.url, loginId);
        await page.waitForURL(`${ctx.app.url}/`);
        await page.close();
      }
      contexts.set(loginId, context);
    }
    return contexts.get(loginId)!.newPage();
  }
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
  });

  for (const checked of accessibilityCheckedPages) {
    it(`has no serious or critical axe violations: ${checked.label} ${checked.path}`, async () => {
      const page = await pageFor(checked.loginId);
      const errors = collectPageErrors(page);
      const response = await page.goto(`${ctx.app.url}${checked.path}`);
      expect(response?.status()).toBe(200);
      await waitForHydration(page);
      // open every 「表で見る」 so the tables are checked too
      for (const summary of await page.locator("details > summary").all()) await summary.click();
      const violations = await axeViolations(page);
      const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(blocking, JSON.stringify(blocking, null, 1)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("works by keyboard: skip link, table sorting, the table alternative of a chart, the tile map and a form", async () => {
    const page = await pageFor("tottori-pref");
    await page.goto(`${ctx.app.url}/`);
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("本文へ移動");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    // 「表で見る」 opens with Enter and its table sorts with Enter on a header
    const summary = page.locator("#prefecture-map summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("#prefecture-map details").getAttribute("open")).not.toBeNull();
    const header = page.locator("#prefecture-map-data thead th").nth(2).getByRole("button");
    await header.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("#prefecture-map-data thead th").nth(2).getAttribute("aria-sort")).toBe("ascending");
    const values = await page.locator("#prefecture-map-data tbody tr td.num").evaluateAll((cells) => cells.filter((_, i) => i % 2 === 1).map((c) => Number(c.textContent)));
    expect(values).toEqual([...values].sort((a, b) => a - b));

    // the tile map: a prefecture is a link reached and followed by keyboard
    await page.locator('#prefecture-map a[aria-label*="（鳥取県、"]').focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/prefectures\/31\?/);

    // a form filled and sent by keyboard alone
    await page.goto(`${ctx.app.url}/prefectures/31/support?fy=2025`);
    await waitForHydration(page);
    const first = page.getByLabel("都道府県研修の開催");
    await first.focus();
    const before = await first.isChecked();
    await page.keyboard.press("Space");
    expect(await first.isChecked()).toBe(!before);
    await page.getByRole("button", { name: "回答を保存" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/fy=2025/);
    await expect.poll(() => page.locator("#support-items tbody tr", { hasText: "都道府県研修の開催" }).locator("td").first().textContent()).toBe(before ? "未実施" : "実施");
    await page.close();
  });
});
