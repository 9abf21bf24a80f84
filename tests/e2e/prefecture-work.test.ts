import { describe, expect, it } from "vitest";
import { afterAll, beforeAll } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

describe("a prefecture records its own work", () => {
  it("records a supervision contact for a body that had none: coverage rises and the body leaves the no-contact list", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
    await page.goto(`${ctx.app.url}/prefectures/31/supervision?fy=2025`);
    await waitForHydration(page);

    // 境港市 had no contact in FY2025 in the demo data
    const without = page.locator("#without-contact tbody");
    expect(await without.textContent()).toContain("境港市");
    const coverageStatus = page.getByRole("status").filter({ hasText: "実施主体" });
    const before = Number(/実施主体 5 のうち (\d+)/.exec((await coverageStatus.textContent()) ?? "")![1]);

    const form = page.locator("form.record-form");
    await form.getByLabel("対象自治体").selectOption({ label: "境港市" });
    await form.getByLabel("実施日").fill("2026-02-10");
    await form.getByLabel("形態").selectOption({ label: "訪問" });
    await form.getByLabel("内容").fill("支援体制の確認");
    await page.getByRole("button", { name: "記録する" }).click();

    // one more body covered: 境港市
    await expect.poll(() => coverageStatus.textContent()).toContain(`実施主体 5 のうち ${before + 1} `);
    // post/redirect/get: the page says so and the form is empty again
    expect(await page.locator(".saved-notice").textContent()).toBe("記録しました");
    expect(await form.getByLabel("内容").inputValue()).toBe("");
    expect(await without.textContent()).not.toContain("境港市");
    expect(await page.locator("#contacts-log tbody tr", { hasText: "境港市" }).filter({ hasText: "2026年2月10日" }).count()).toBe(1);
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
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
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
    await page.waitForURL(`${ctx.app.url}/prefectures/13`);
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

  it("disables the submit button while sending, and refuses the same contact again with a message instead of a 500", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
    // the log is long: show only the day of the test contact
    await page.goto(`${ctx.app.url}/prefectures/31/supervision?fy=2025&from=2026-01-15&to=2026-01-15`);
    await waitForHydration(page);
    const form = page.locator("form.record-form");
    const fill = async () => {
      await form.getByLabel("対象自治体").selectOption({ label: "米子市" });
      await form.getByLabel("実施日").fill("2026-01-15");
      await form.getByLabel("形態").selectOption({ label: "電話・メール" });
      await form.getByLabel("内容").fill("二重送信の確認");
    };
    await fill();
    // hold the POST so the button can be seen disabled while it is on its way
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/prefectures/31/supervision**", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    const submit = form.locator("button[type=submit]");
    await submit.click();
    await expect.poll(() => submit.isDisabled()).toBe(true);
    release();
    await expect.poll(() => page.locator(".saved-notice").textContent()).toBe("記録しました");
    expect(await submit.isDisabled()).toBe(false);
    await page.unroute("**/prefectures/31/supervision**");
    // the same contact again: a Japanese message, what was typed stays
    await fill();
    await submit.click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toBe("同じ自治体・実施日・形態・内容の記録がすでにあります");
    expect(await form.getByLabel("内容").inputValue()).toBe("二重送信の確認");
    expect(await page.locator("#contacts-log tbody tr", { hasText: "二重送信の確認" }).count()).toBe(1);
    await page.close();
  });

  it("asks before deleting: a native dialog with JavaScript (focus on やめる, Escape cancels), a confirmation step without", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
    await page.goto(`${ctx.app.url}/prefectures/31/supervision?fy=2025&from=2026-01-15&to=2026-01-15`);
    await waitForHydration(page);
    const row = page.locator("#contacts-log tbody tr", { hasText: "二重送信の確認" });
    const trigger = row.getByRole("link", { name: /^削除/ });
    await trigger.click();
    const dialog = page.getByRole("dialog", { name: "この記録を削除しますか" });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("やめる");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await row.count()).toBe(1);
    await trigger.click();
    await dialog.getByRole("button", { name: "削除する" }).click();
    await expect.poll(() => page.locator(".saved-notice").textContent()).toBe("削除しました");
    expect(await row.count()).toBe(0);
    await page.close();

    // without JavaScript: the link leads to a confirmation step; やめる keeps the record, 削除する deletes it
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${ctx.app.url}/login`);
    await plain.getByLabel("ログインID").fill("tottori-pref");
    await plain.getByLabel("パスワード").fill("tsunagu-demo");
    await plain.getByRole("button", { name: "ログイン" }).click();
    await plain.waitForURL(`${ctx.app.url}/prefectures/31`);
    await plain.goto(`${ctx.app.url}/prefectures/31/training?fy=2025`);
    const sessionRow = plain.locator("#training-sessions tbody tr", { hasText: "追加日程" });
    await sessionRow.getByRole("link", { name: /^削除/ }).click();
    const step = plain.getByRole("region", { name: "この研修の記録を削除しますか" });
    expect(await step.textContent()).toContain("人材養成研修（後期）追加日程");
    await step.getByRole("link", { name: "やめる" }).click();
    expect(await step.count()).toBe(0);
    expect(await sessionRow.count()).toBe(1);
    await sessionRow.getByRole("link", { name: /^削除/ }).click();
    await step.getByRole("button", { name: "削除する" }).click();
    expect(await plain.locator(".saved-notice").textContent()).toBe("削除しました");
    expect(await sessionRow.count()).toBe(0);
    await context.close();
  });

  it("shows every training error at once, each linked to its field, and the hours hint in the normal colour until then", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
    await page.goto(`${ctx.app.url}/prefectures/31/training?fy=2025`);
    await waitForHydration(page);
    const hint = page.locator("#hours-hint");
    const hintColour = await hint.evaluate((el) => getComputedStyle(el).color);
    const errorColour = await page.locator("#hours-error").evaluate((el) => getComputedStyle(el).color);
    expect(hintColour).not.toBe(errorColour);
    const form = page.locator("form.record-form");
    await form.getByLabel("種別").selectOption({ label: "後期研修" });
    await form.getByLabel("時間数").fill("6");
    await page.getByRole("button", { name: "研修を記録する" }).click();
    const links = page.locator(".error-summary li a");
    await expect.poll(() => links.count()).toBe(3);
    expect(await links.evaluateAll((as) => as.map((a) => [a.getAttribute("href"), a.textContent]))).toEqual([
      ["#heldOn", "開催日を入力してください"],
      ["#title", "研修名を入力してください"],
      ["#hours", "後期研修は10.5時間以上必要です（入力は6時間）"],
    ]);
    await links.nth(2).click();
    // the jump to the field and its focus land after the click returns: wait for them
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("hours");
    await page.close();
  });
});
