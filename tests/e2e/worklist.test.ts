import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

describe("the prefecture's worklist (要フォロー)", () => {
  it("lists what needs attention and why on 鳥取県's landing page; a 対応済 mark with a note is kept and audited", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
    // the URL changes as the client-side navigation from the login page starts: wait for the page itself
    await page.locator("#worklist-title").waitFor();
    await waitForHydration(page);

    // the demo on 2026-12-02: no body has figures of FY2026 yet (April–October are past their deadline),
    // and 米子市's last supervision contact is of 2025
    const worklist = page.locator("#worklist");
    expect(await page.getByRole("heading", { level: 2, name: /^要フォロー（\d+件）$/ }).count()).toBe(1);
    const yonagoLate = worklist.locator("tbody tr", { hasText: "米子市" }).filter({ hasText: "期限を過ぎた月次報告" });
    expect(await yonagoLate.locator("td").nth(1).textContent()).toBe("2026年4月分〜2026年10月分（7か月）が提出期限を過ぎても未提出です");
    expect(await yonagoLate.getByRole("link", { name: "提出状況と督促" }).getAttribute("href")).toBe("/prefectures/31/submissions");
    expect(await worklist.locator("tbody tr", { hasText: "スーパーバイズの間隔" }).count()).toBeGreaterThan(0);
    expect(await worklist.locator("tbody tr", { hasText: "努力義務" }).count()).toBeGreaterThan(0);

    // mark it 対応済 by keyboard: the summary names the row for screen readers
    const summary = yonagoLate.locator("summary");
    expect(await summary.textContent()).toBe("対応済にする（米子市・期限を過ぎた月次報告）");
    await summary.focus();
    await page.keyboard.press("Enter");
    await yonagoLate.getByLabel("対応の内容（必須。実施主体の履歴に残ります）").fill("電話で督促し、12月10日までに提出すると回答");
    await yonagoLate.getByRole("button", { name: "対応済にする" }).click();
    await page.waitForURL(`${ctx.app.url}/prefectures/31?done=resolved#worklist`);
    await expect.poll(() => worklist.getByRole("status").textContent()).toContain("対応済にしました");
    const resolvedRow = () => worklist.locator("table", { hasText: "対応済の項目" }).locator("tbody tr", { hasText: "米子市" });
    expect(await resolvedRow().textContent()).toContain("電話で督促し、12月10日までに提出すると回答");
    expect(await worklist.locator("table", { hasText: "要フォローの項目" }).locator("tbody tr", { hasText: "米子市" }).filter({ hasText: "期限を過ぎた月次報告" }).count()).toBe(0);

    // reload: it stays marked
    await page.goto(`${ctx.app.url}/prefectures/31`);
    await waitForHydration(page);
    expect(await resolvedRow().textContent()).toContain("電話で督促し、12月10日までに提出すると回答");

    // the body's history and the audit log show it
    await page.goto(`${ctx.app.url}/municipalities/312029`);
    expect(await page.locator("#follow-up-history tbody").textContent()).toContain("電話で督促し、12月10日までに提出すると回答");
    await page.goto(`${ctx.app.url}/admin/audit`);
    const entry = page.locator("tbody tr", { hasText: "要フォロー" }).first();
    expect(await entry.textContent()).toContain("米子市");
    expect(await entry.textContent()).toContain("（メモ: 電話で督促し、12月10日までに提出すると回答）");
    expect(errors).toEqual([]);
    await page.close();
  });
});
