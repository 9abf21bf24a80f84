import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

const fixture = (name: string) => path.resolve("tests/fixtures", name);

async function preview(page: Page, file: string) {
  await page.goto(`${ctx.app.url}/uploads/new/monthly_support`);
  await waitForHydration(page);
  await page.setInputFiles("#upload-file", fixture(file));
  await page.getByRole("button", { name: "内容を確認する" }).click();
  await page.waitForURL(/\/uploads\/\d+$/);
  await page.getByRole("button", { name: "確定して反映する" }).waitFor();
  const counts = await page.locator("table.counts tbody td").allTextContents();
  const changes = await page.locator("section[aria-labelledby=changes] tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td"), (td) => td.textContent ?? "")),
  );
  return { counts, changes };
}

describe("a municipality uploads the Excel workbook of its figures", () => {
  it("previews the .xlsx like the CSV of the same figures, with Excel's row numbers", async () => {
    const page = await ctx.browser.newPage();
    await logIn(page, ctx.app.url, "tottori-city");
    await page.waitForURL(`${ctx.app.url}/municipalities/312011`);
    expect(await page.goto(`${ctx.app.url}/uploads/new/monthly_support`).then(() => page.locator("#upload-file").getAttribute("accept"))).toContain(".xlsx");

    const csv = await preview(page, "monthly-tottori-city-sjis.csv");
    const xlsx = await preview(page, "monthly-tottori-city.xlsx");
    expect(await page.getByText("Excelブック（.xlsx）").count()).toBe(1);
    expect(xlsx.counts).toEqual(csv.counts);
    expect(xlsx.changes.length).toBeGreaterThan(0);
    // the first cell is the row: CSV lines 2–4, Excel rows 5–7 (a title, a blank row and a two-row header above)
    expect([...new Set(csv.changes.map((c) => c[0]))]).toEqual(["2", "3", "4"]);
    expect([...new Set(xlsx.changes.map((c) => c[0]))]).toEqual(["5", "6", "7"]);
    expect(xlsx.changes.map((c) => c.slice(1))).toEqual(csv.changes.map((c) => c.slice(1)));
    await page.close();
  });
});
