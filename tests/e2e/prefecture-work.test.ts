import { describe, expect, it } from "vitest";
import { afterAll, beforeAll } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

describe("a prefecture records its own work", () => {
  it("records a supervision contact for a body that had none: coverage rises and the body leaves the no-contact list", async () => {
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
    // the visit shows in the chart's table of forms
    await page.locator("#supervision-by-form summary").click();
    expect(await page.locator("#coverage-by-form tbody tr", { hasText: "訪問" }).locator("td").first().textContent()).toMatch(/^\d+$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records a 後期研修 with participants: the 後期 figures reach the staff the bodies assigned", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/`);
    await page.goto(`${ctx.app.url}/prefectures/31/training?fy=2025`);
    await waitForHydration(page);

    // 相談支援員 assigned per body, from the body table ("修了証/配置" = "2/3人")
    const bodyRows = page.locator("#training-bodies tbody tr");
    const assigned = new Map<string, number>();
    for (const row of await bodyRows.all()) {
      const name = ((await row.locator("th").textContent()) ?? "").trim();
      const consultants = (await row.locator("td").nth(3).textContent()) ?? "";
      assigned.set(name, Number(/\/(\d+)人/.exec(consultants)![1]));
    }
    expect(assigned.size).toBe(5);
    const total = [...assigned.values()].reduce((a, b) => a + b, 0);
    const consultantRow = page.locator("#training-stages-data tbody tr", { hasText: "相談支援員" }).filter({ hasNotText: "主任" });
    await page.locator("#training-stages summary").click();
    const latterBefore = (await consultantRow.locator("td").nth(3).textContent()) ?? "";
    expect(latterBefore).not.toBe(`${total}（100.0%）`);

    const form = page.locator("form.record-form");
    await form.getByLabel("開催日").fill("2025-12-05");
    await form.getByLabel("研修名").fill("人材養成研修（後期）追加日程");
    await form.getByLabel("種別").selectOption({ label: "後期研修" });
    await form.getByLabel("時間数").fill("6");
    for (const [name, n] of assigned) await form.getByLabel(`${name} 相談支援員の参加人数`).fill(String(n));
    await page.getByRole("button", { name: "研修を記録する" }).click();

    // under 10.5 hours a 後期研修 is refused, with the reason next to the field and nothing saved
    await expect.poll(() => page.locator("#hours-error").textContent()).toBe("後期研修は10.5時間以上必要です（入力は6時間）");
    expect(await page.locator("#training-sessions tbody tr", { hasText: "追加日程" }).count()).toBe(0);
    await form.getByLabel("時間数").fill("10.5");
    await page.getByRole("button", { name: "研修を記録する" }).click();

    await expect.poll(() => page.locator("#training-sessions tbody tr", { hasText: "追加日程" }).count()).toBe(1);
    expect(await page.locator("#training-sessions tbody tr", { hasText: "追加日程" }).locator("td").nth(3).textContent()).toBe(String(total));
    await page.locator("#training-stages summary").click();
    expect(await consultantRow.locator("td").nth(3).textContent()).toBe(`${total}（100.0%）`);
    // the refused 6-hour attempt is the only failed request
    expect(errors).toEqual([expect.stringMatching(/status of 400/)]);
    await page.close();
  });

  it("shows no write actions to another prefecture's user and refuses its forged POSTs", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tokyo-pref");
    await page.waitForURL(`${ctx.app.url}/`);
    for (const path of ["supervision", "training", "support"]) {
      await page.goto(`${ctx.app.url}/prefectures/31/${path}?fy=2025`);
      expect(await page.locator("main form[method=post]").count(), path).toBe(0);
      expect(await page.getByRole("button", { name: /記録する|回答を保存|削除/ }).count(), path).toBe(0);
    }
    const forged = {
      supervision: { intent: "create", localGovernmentCode: "312045", contactedOn: "2026-02-11", form: "visit" },
      training: { intent: "create", heldOn: "2025-12-06", title: "偽の研修", kind: "latter_term", hours: "12", "participants.312011.consultant": "3" },
      support: { fiscalYear: "2025", supervision_for_staff: "yes" },
    };
    for (const [path, form] of Object.entries(forged)) {
      const response = await page.request.post(`${ctx.app.url}/prefectures/31/${path}`, { form, headers: { Origin: ctx.app.url } });
      expect(response.status(), path).toBe(403);
    }
    await page.goto(`${ctx.app.url}/prefectures/31/training?fy=2025`);
    expect(await page.locator("#training-sessions tbody tr", { hasText: "偽の研修" }).count()).toBe(0);
    await page.close();
  });
});
