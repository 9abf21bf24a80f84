import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, logIn, monthlyHeader, setUpAppUnderTest, waitForHydration } from "./harness";

// The monthly reporting cycle with the prefecture's approval (ADR 022), as the two officials click it.
// The month is 2025年10月 (in the demo's past whatever today is), so the test does not depend on the date.

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

async function uploadMonth(page: Page, csv: string) {
  await page.goto(`${ctx.app.url}/uploads/new/monthly_support`);
  await waitForHydration(page);
  await page.setInputFiles("#upload-file", { name: "鳥取市_2025年10月.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "内容を確認する" }).click();
  await page.waitForURL(/\/uploads\/\d+$/);
  await page.getByRole("button", { name: "確定して反映する" }).waitFor();
  // values far from the body's history need an explanation (ADR 018)
  const explanation = page.getByLabel(/説明（必須）/);
  if ((await explanation.count()) > 0) await explanation.fill("相談会の開催で増えました");
  await page.getByRole("button", { name: "確定して反映する" }).click();
  await expect.poll(() => page.getByRole("status").first().textContent()).toContain("反映済み");
}

const reviewCell = (page: Page) => page.locator("#bodies tbody tr", { hasText: "鳥取市" }).locator("td").filter({ hasText: /暫定|確認済/ });

describe("the monthly cycle with the prefecture's approval", () => {
  it("uploads, returns with a comment, uploads again, confirms, and shows the month as confirmed", async () => {
    const city = await ctx.browser.newPage();
    const pref = await ctx.browser.newPage();
    const cityErrors = collectPageErrors(city);
    const prefErrors = collectPageErrors(pref);
    await logIn(city, ctx.app.url, "tottori-city");
    await logIn(pref, ctx.app.url, "tottori-pref");

    // 1. the municipality uploads 2025年10月
    await uploadMonth(city, `${monthlyHeader}\n312011,2025-10,97,41,23,11,5,3,2\n`);

    // 2. the prefecture finds it to confirm, and its body table marks the year 暫定
    await pref.goto(`${ctx.app.url}/prefectures/31/review`);
    const toConfirm = pref.locator("#to-confirm tbody tr", { hasText: "鳥取市" });
    expect(await toConfirm.count()).toBe(1);
    await pref.goto(`${ctx.app.url}/prefectures/31?fy=2025`);
    expect(await reviewCell(pref).textContent()).toMatch(/^暫定 未確認1か月$/);
    // the national page says its figures hold one month not yet confirmed
    await pref.goto(`${ctx.app.url}/?fy=2025`);
    expect(await pref.locator("#provisional-notice").textContent()).toContain("1件（実施主体×月、1都道府県）");

    // 3. it opens the month and returns it with a comment
    await pref.goto(`${ctx.app.url}/prefectures/31/review`);
    await toConfirm.getByRole("link", { name: "2025年10月分" }).click();
    await pref.waitForURL(/\/municipalities\/312011\/review\/2025-10$/);
    await waitForHydration(pref);
    expect(await pref.locator("#review-state").textContent()).toContain("提出済（未確認）");
    expect(await pref.locator("#review-figures tbody tr", { hasText: "新規相談受付件数" }).locator("td").first().textContent()).toBe("97");
    await pref.getByLabel(/差し戻す理由/).fill("前年同月より大きく増えています。内訳を確認してください");
    await pref.getByRole("button", { name: "差し戻す" }).click();
    await expect.poll(() => pref.getByRole("status").first().textContent()).toContain("差し戻しました");
    expect(await pref.locator("#review-state").textContent()).toContain("差戻し");

    // 4. the municipality sees the comment on its page, and uploads again (the same values, now explained)
    await city.goto(`${ctx.app.url}/municipalities/312011?fy=2025`);
    const notice = city.locator("#returned-months");
    expect(await notice.textContent()).toContain("2025年10月分: 前年同月より大きく増えています。内訳を確認してください");
    expect(await city.locator("#months tbody tr", { hasText: "2025年10月" }).locator("th, td").first().textContent()).toContain("暫定");
    await notice.getByRole("link", { name: "月次データのアップロード" }).click();
    await city.waitForURL(/\/uploads\/new\/monthly_support$/);
    await uploadMonth(city, `${monthlyHeader}\n312011,2025-10,97,41,23,11,5,3,2\n`);

    // 5. the prefecture confirms
    await pref.goto(`${ctx.app.url}/municipalities/312011/review/2025-10`);
    await waitForHydration(pref);
    expect(await pref.locator("#review-state").textContent()).toContain("提出済（未確認）");
    await pref.getByRole("button", { name: "確認する" }).click();
    await expect.poll(() => pref.getByRole("status").first().textContent()).toContain("確認済みにしました");
    expect(await pref.locator("#review-history tbody tr").count()).toBe(4);

    // 6. the prefecture's page shows it confirmed, not 暫定, the national page no longer says 暫定; the body's month too, and its notice is gone
    await pref.goto(`${ctx.app.url}/prefectures/31?fy=2025`);
    expect(await reviewCell(pref).textContent()).toBe("確認済");
    await pref.goto(`${ctx.app.url}/?fy=2025`);
    expect(await pref.locator("#provisional-notice").count()).toBe(0);
    await city.goto(`${ctx.app.url}/municipalities/312011?fy=2025`);
    const october = city.locator("#months tbody tr", { hasText: "2025年10月" });
    expect(await october.textContent()).toContain("確認済");
    expect(await october.textContent()).not.toContain("暫定");
    expect(await city.locator("#returned-months").count()).toBe(0);

    // 7. a later change of the confirmed month is refused at preview, naming the month
    await city.goto(`${ctx.app.url}/uploads/new/monthly_support`);
    await waitForHydration(city);
    await city.setInputFiles("#upload-file", { name: "訂正.csv", mimeType: "text/csv", buffer: Buffer.from(`${monthlyHeader}\n312011,2025-10,98,41,23,11,5,3,2\n`, "utf8") });
    await city.getByRole("button", { name: "内容を確認する" }).click();
    await city.waitForURL(/\/uploads\/\d+$/);
    expect(await city.locator("section[aria-labelledby=errors] tbody").textContent()).toContain("2025年10月分は県が確認済みのため変更できません。県に再開を依頼してください");
    expect(await city.getByRole("button", { name: "確定して反映する" }).count()).toBe(0);

    expect([...cityErrors, ...prefErrors]).toEqual([]);
    await city.close();
    await pref.close();
  });
});
