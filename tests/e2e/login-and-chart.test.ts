import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

describe("login and the national chart", () => {
  it("refuses a wrong password with a Japanese message and no session", async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    await logIn(page, ctx.app.url, "mhlw", "wrong-password");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("ログインIDまたはパスワードが正しくありません。");
    expect((await context.cookies()).filter((c) => c.name === "__session")).toEqual([]);
    await context.close();
  });

  it("logs in as MHLW and finds the server-rendered chart of program rates with its table", async () => {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "mhlw");
    await page.waitForURL(`${ctx.app.url}/`);
    // each chart is drawn wide and narrow; CSS shows the one that fits (1280 px here: the wide one)
    await page.locator("#program-rates svg.recharts-surface").filter({ visible: true }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("ja");
    expect(await page.getByText("デモデータ", { exact: true }).isVisible()).toBe(true);
    // the header shows the user once: in the wide navigation here, in the menu on phones
    expect(await page.getByText("厚生労働省 地域福祉課（デモ）（厚生労働省）").filter({ visible: true }).count()).toBe(1);

    const chart = page.locator("#program-rates svg.recharts-surface").filter({ visible: true });
    await chart.waitFor();
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute("id")).toBe("program-rates-chart");
    expect(await chart.locator(".recharts-bar-rectangle").count()).toBe(47);

    await waitForHydration(page);
    await page.getByLabel("年度", { exact: true }).selectOption("2021");
    await page.getByRole("button", { name: "表示" }).click();
    await page.waitForURL(/fy=2021/);
    await expect.poll(() => page.locator("#program-rates").textContent()).toContain("全国 69.0%（n=862）");
    expect(await page.getByRole("heading", { name: "就労準備支援事業の実施率（都道府県別、令和3年度（2021））" }).isVisible()).toBe(true);

    await page.locator("#program-rates summary").click();
    const nationalRow = page.locator("#program-rates-data tr.national");
    expect(await nationalRow.textContent()).toContain("595（69.0%）");

    // a full page load of every card hydrates without a mismatch
    await page.goto(`${ctx.app.url}/?fy=2020&metric=employmentOrIncomeRate`);
    await page.locator("#trend .recharts-wrapper > svg.recharts-surface").filter({ visible: true }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    await context.close();
  });
});
