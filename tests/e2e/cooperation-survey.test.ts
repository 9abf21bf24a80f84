import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

// 鳥取県's five implementing bodies (the prefecture for its 町村, and its four cities), each choosing only 「その他」 in both questions
const bodies = ["310000", "312011", "312029", "312037", "312045"];
const header = [
  "自治体コード",
  "年度",
  ...["両制度の担当者の相互の制度理解の深化", "個別支援ケースの共有", "顔の見える関係の構築", "家計改善支援事業の一体的実施", "就労準備支援事業の一体的実施", "研修の共同実施", "ハローワークを介した連携", "特に必要はない", "その他"].map((l) => `取組：${l}`),
  ...["特に課題はない", "移行後の本人との関係性の構築が難しい", "困窮制度の支援内容が把握されていない", "移行するメリットの認識が不十分", "廃止後もCWが関わらざるを得ない", "CWとの連携が取れず情報が引き継がれない", "その他"].map((l) => `課題：${l}`),
];
const row = (code: string) => [code, "2025", ...Array(8).fill(""), "○", ...Array(6).fill(""), "○"].join(",");

describe("a prefecture official uploads the cooperation survey for its bodies", () => {
  it("sees 鳥取県's distribution change to the uploaded answers", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "tsunagu-survey-")), "連携調査_鳥取県.csv");
    writeFileSync(file, [header.join(","), ...bodies.map(row)].join("\n") + "\n");

    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    const other = page.locator("#survey-practices-data tbody tr", { hasText: "その他" });
    await page.goto(`${ctx.app.url}/prefectures/31/cooperation?fy=2025`);
    const before = await page.locator("#survey-practices-title").textContent();
    // the demo's 鳥取県 answers: n is stated, and the five bodies did not all choose 「その他」
    expect(before).toMatch(/n=\d+/);
    expect(await other.locator("td").first().textContent()).not.toBe("5");

    await page.goto(`${ctx.app.url}/uploads/new/cooperation_survey`);
    await waitForHydration(page);
    await page.setInputFiles("#upload-file", file);
    await page.getByRole("button", { name: "内容を確認する" }).click();
    await page.waitForURL(/\/uploads\/\d+$/);
    await page.getByRole("button", { name: "確定して反映する" }).waitFor();
    // FY2025 closed more than six months ago: changing stored answers asks why (ADR 018)
    const explanation = page.getByLabel(/説明（必須）/);
    if ((await explanation.count()) > 0) await explanation.fill("県がとりまとめた令和7年度の回答に差し替えるため");
    await page.getByRole("button", { name: "確定して反映する" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("反映済み");

    await page.goto(`${ctx.app.url}/prefectures/31/cooperation?fy=2025`);
    // n = 5 answering bodies, all of them 「その他」: 5 (100.0%)
    expect(await page.locator("#survey-practices-title").textContent()).toContain("n=5");
    expect(await other.locator("td").allTextContents()).toEqual(["5", "100.0%"]);
    expect(await page.locator("#survey-issues-data tbody tr", { hasText: "特に課題はない" }).locator("td").allTextContents()).toEqual(["0", "0.0%"]);
    // the bodies listed by answer name all five under 「その他」
    const listed = page.locator("#survey-bodies-practices tbody tr", { hasText: "その他" }).locator("td").last();
    expect(await listed.textContent()).toBe("鳥取県（郡部）、鳥取市、米子市、倉吉市、境港市");

    // 鳥取市's page shows its own answers over years, the uploaded FY2025 among them
    await page.goto(`${ctx.app.url}/municipalities/312011?fy=2025`);
    const fy2025 = page.locator("#survey-history tbody tr", { hasText: "2025" });
    expect(await fy2025.locator("td").allTextContents()).toEqual(["その他", "その他"]);
    expect(await page.locator("#support-meeting-history tbody tr").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("shows both directions, the two survey distributions with n and the 支援会議 share on the national page", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "mhlw");
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${ctx.app.url}/cooperation?fy=2020`);
    expect(await page.getByRole("heading", { name: /困窮制度から生活保護へ/ }).count()).toBe(1);
    // the demo's FY2020 is the source's: 175 of 536 respondents (32.6%), 823 cases ÷ 175 = 4.7
    const transfers = await page.locator("#transfers-summary").textContent();
    expect(transfers).toContain("n=536");
    expect(transfers).toContain("175（32.6%）");
    expect(transfers).toContain("4.7件");
    expect(await page.locator("#survey-practices-title").textContent()).toContain("n=536");
    expect(await page.locator("#survey-issues-title").textContent()).toContain("n=536");
    // 57.5% of 536 = 308.2 → 308 bodies; 308 ÷ 536 = 57.5%
    expect(await page.locator("#survey-practices-data tbody tr", { hasText: "相互の制度理解" }).locator("td").allTextContents()).toEqual(["308", "57.5%"]);
    expect(await page.locator("#support-meeting-share").textContent()).toMatch(/設置 \d+／回答 \d+/);
    await page.close();
  });
});
