import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityCheckedPages } from "../../app/components/shell/accessibility-pages";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Viewport = { width: number; height: number };
const phone: Viewport = { width: 360, height: 800 };
const desktop: Viewport = { width: 1280, height: 900 };

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
  const contexts = new Map<string, BrowserContext>();
  // axe is injected as a script, which the app's CSP would refuse: the test context bypasses CSP
  async function pageFor(loginId: string | null, viewport: Viewport = desktop): Promise<Page> {
    const key = `${loginId ?? "-"}@${viewport.width}`;
    if (!contexts.has(key)) {
      const context = await ctx.browser.newContext({ bypassCSP: true, viewport: { width: viewport.width, height: viewport.height } });
      if (loginId) {
        const page = await context.newPage();
        await logIn(page, ctx.app.url, loginId);
        // each role lands on its own view
        await page.waitForURL((url) => url.pathname !== "/login");
        await page.close();
      }
      contexts.set(key, context);
    }
    return contexts.get(key)!.newPage();
  }
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
  });

  for (const viewport of [phone, desktop]) {
    for (const checked of accessibilityCheckedPages) {
      it(`has no serious or critical axe violations at ${viewport.width}px: ${checked.label} ${checked.path}`, async () => {
        const page = await pageFor(checked.loginId, viewport);
        const errors = collectPageErrors(page);
        const response = await page.goto(`${ctx.app.url}${checked.path}`);
        expect(response?.status()).toBe(200);
        await waitForHydration(page);
        // open every 「表で見る」 so the tables are checked too, then the header menu (last: it covers the top of the page)
        for (const summary of await page.locator("main details > summary").all()) await summary.click();
        const menu = page.locator("header details > summary");
        if (await menu.isVisible()) await menu.click();
        const violations = await axeViolations(page);
        const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(blocking, JSON.stringify(blocking, null, 1)).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  for (const checked of accessibilityCheckedPages) {
    it(`does not scroll sideways at 360px, tables opened: ${checked.label} ${checked.path}`, async () => {
      const page = await pageFor(checked.loginId, phone);
      await page.goto(`${ctx.app.url}${checked.path}`);
      await waitForHydration(page);
      for (const summary of await page.locator("main details > summary").all()) await summary.click();
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > 361 && !e.closest(".table-scroll, .figure"))
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className}`),
      );
      expect({ scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth), wide }).toEqual({ scrollWidth: 360, wide: [] });
      await page.close();
    });
  }

  it("at 360px the header menu opens by keyboard and its links are followed by keyboard", async () => {
    const page = await pageFor("mhlw", phone);
    await page.goto(`${ctx.app.url}/`);
    await waitForHydration(page);
    expect(await page.locator(".site-nav--wide").isVisible()).toBe(false);
    expect(await page.getByRole("link", { name: "比較" }).isVisible()).toBe(false);
    // skip link, site title, then the menu
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("メニュー");
    await page.keyboard.press("Enter");
    expect(await page.locator("header details").getAttribute("open")).not.toBeNull();
    expect(await page.getByRole("link", { name: "比較" }).isVisible()).toBe(true);
    // 全国, 都道府県, 比較
    for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("比較");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${ctx.app.url}/compare`);
    // the menu closes once its link is followed
    await expect.poll(() => page.locator("header details").getAttribute("open")).toBeNull();
    await page.close();
  });

  it("compare: the submit button follows the choices, and rates above 100% are explained beside the chart", async () => {
    const page = await pageFor("mhlw", phone);
    await page.goto(`${ctx.app.url}/compare?prefectures=31&metric=employmentOrIncomeRate`);
    await waitForHydration(page);
    const order = await page.evaluate(() => {
      const form = document.querySelector('form[aria-label="比較の条件"]')!;
      return [...form.querySelectorAll("select, input, button")].map((e) => (e.tagName === "BUTTON" ? "button" : e.tagName === "SELECT" ? "select" : "checkbox"));
    });
    expect(order.at(-1)).toBe("button");
    expect(order.filter((o) => o === "button")).toHaveLength(1);
    expect(await page.locator("#compare-rate-note").textContent()).toContain("（21,465＋6,946）÷28,207＝100.7%");
    await page.close();
  });

  it("the municipality page dates its population in the header and in the peer table", async () => {
    const page = await pageFor("tottori-city", desktop);
    await page.goto(`${ctx.app.url}/municipalities/312011?fy=2025`);
    await waitForHydration(page);
    expect(await page.locator("main p.lead").first().textContent()).toMatch(/^人口 [\d,]+人（\d{4}年\d{1,2}月\d{1,2}日）/);
    expect(await page.locator("#peers thead th").nth(2).textContent()).toContain("人口（2025年4月1日）");
    await page.close();
  });

  it("works by keyboard: skip link, table sorting, the table alternative of a chart, the tile map and a form", async () => {
    const page = await pageFor("tottori-pref");
    await page.goto(`${ctx.app.url}/`);
    await waitForHydration(page);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("本文へ移動");
    // the design system's focus ring (ADR 016): a 4 px black outline over the DADS yellow (#ffd43d)
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { outline: `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`, shadow: style.boxShadow };
    });
    expect(ring.outline).toBe("4px solid rgb(0, 0, 0)");
    expect(ring.shadow).toContain("rgb(255, 212, 61)");
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
