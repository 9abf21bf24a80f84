import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

async function loggedIn(loginId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await logIn(page, ctx.app.url, loginId);
  await page.waitForURL((url) => url.pathname !== "/login");
  return { context, page };
}

/** Clicks one of a figure's image buttons and returns the downloaded file. */
async function downloadImage(page: Page, figureId: string, name: "画像（PNG）" | "画像（SVG）", by: "mouse" | "keyboard" = "mouse"): Promise<{ fileName: string; bytes: Buffer }> {
  const button = page.locator(`#${figureId}`).getByRole("button", { name });
  if (by === "keyboard") await button.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), by === "keyboard" ? page.keyboard.press("Enter") : button.click()]);
  const path = await download.path();
  return { fileName: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian), after checking the 8 magic bytes. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The figure's caption as the page shows it: 「出典: … ／ データ時点: 2026年…日」. */
async function caption(page: Page, figureId: string): Promise<{ source: string; dataDate: string }> {
  const text = (await page.locator(`#${figureId} figcaption`).textContent()) ?? "";
  const m = /^出典: (.+) ／ データ時点: (\d{4}年\d{1,2}月\d{1,2}日)$/.exec(text.trim());
  expect(m, text).not.toBeNull();
  return { source: m![1]!, dataDate: m![2]! };
}

async function parsesAsSvg(page: Page, svg: string): Promise<{ root: string; errors: number; texts: string[] }> {
  return page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, "image/svg+xml");
    return { root: doc.documentElement.localName, errors: doc.getElementsByTagName("parsererror").length, texts: [...doc.querySelectorAll("text")].map((t) => t.textContent ?? "") };
  }, svg);
}

/** The x-axis tick labels of the wide (desktop) drawing of a trend figure. */
async function wideTicks(page: Page, figureId: string): Promise<string[]> {
  return page.locator(`#${figureId} .chart--wide .recharts-xAxis .recharts-cartesian-axis-tick-value`).allTextContents();
}

describe("chart images", () => {
  it("downloads the national trend as PNG and SVG with its title, source and data date, ticks at fiscal-year starts", async () => {
    const { context, page } = await loggedIn("mhlw");
    const errors = collectPageErrors(page);
    await page.goto(`${ctx.app.url}/`);
    await waitForHydration(page);

    // every figure on the page has both buttons
    const figures = await page.locator("main figure.figure").count();
    expect(figures).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole("button", { name: "画像（PNG）" }).count()).toBe(figures);
    expect(await page.getByRole("button", { name: "画像（SVG）" }).count()).toBe(figures);

    // the trend ticks at April only, labelled 2015年4月 …
    const ticks = await wideTicks(page, "trend");
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    for (const tick of ticks) expect(tick).toMatch(/^\d{4}年4月$/);

    const { source, dataDate } = await caption(page, "trend");
    const title = (await page.locator("#trend-title").textContent())!;

    const png = await downloadImage(page, "trend", "画像（PNG）");
    expect(png.fileName).toBe(`${title}.png`);
    // the wide drawing is 900 px; with 24 px padding each side, 948 px, drawn at 2× → 1896 px wide;
    // 300 px of chart plus title, legend and two caption lines: between 2 × 400 and 2 × 600 px high
    const size = pngSize(png.bytes);
    expect(size.width).toBe(1896);
    expect(size.height).toBeGreaterThan(800);
    expect(size.height).toBeLessThan(1200);
    expect(png.bytes.length).toBeGreaterThan(10_000);

    const svg = await downloadImage(page, "trend", "画像（SVG）");
    expect(svg.fileName).toBe(`${title}.svg`);
    const markup = svg.bytes.toString("utf8");
    const parsed = await parsesAsSvg(page, markup);
    expect(parsed.errors).toBe(0);
    expect(parsed.root).toBe("svg");
    expect(parsed.texts).toContain(title);
    expect(parsed.texts).toContain(`出典: ${source}`);
    expect(parsed.texts).toContain(`データ時点: ${dataDate}`);
    // the chart itself (its ticks and the legend) is in the image, and no page CSS variable is left
    expect(parsed.texts).toContain(ticks[0]);
    expect(parsed.texts).toContain("新規相談受付件数");
    expect(markup).not.toContain("var(--");
    expect(markup).toContain("Noto Sans CJK JP");

    // the tile map (an SVG of its own with an HTML legend) too
    const map = await page.locator("main figure.figure").filter({ has: page.locator("svg.tile-map") }).first().getAttribute("id");
    const mapSvg = (await downloadImage(page, map!, "画像（SVG）")).bytes.toString("utf8");
    const mapParsed = await parsesAsSvg(page, mapSvg);
    expect(mapParsed.errors).toBe(0);
    expect(mapParsed.texts).toContain(`出典: ${(await caption(page, map!)).source}`);
    expect(mapParsed.texts).toContain("鳥取");

    expect(errors).toEqual([]);
    await context.close();
  });

  it("downloads the prefecture trend of 鳥取県 and prints it whole on A4", async () => {
    const { context, page } = await loggedIn("tottori-pref");
    const errors = collectPageErrors(page);
    await page.goto(`${ctx.app.url}/prefectures/31`);
    await waitForHydration(page);

    const ticks = await wideTicks(page, "prefecture-trend");
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    for (const tick of ticks) expect(tick).toMatch(/^\d{4}年度$/);
    const { source, dataDate } = await caption(page, "prefecture-trend");

    // from the keyboard: the buttons are ordinary buttons in the tab order
    const size = pngSize((await downloadImage(page, "prefecture-trend", "画像（PNG）", "keyboard")).bytes);
    expect(size.width).toBe(1896);
    expect(size.height).toBeGreaterThan(800);

    const markup = (await downloadImage(page, "prefecture-trend", "画像（SVG）")).bytes.toString("utf8");
    const parsed = await parsesAsSvg(page, markup);
    expect(parsed.errors).toBe(0);
    expect(parsed.texts).toContain("鳥取県と全国の推移");
    expect(parsed.texts).toContain(`出典: ${source}`);
    expect(parsed.texts).toContain(`データ時点: ${dataDate}`);
    expect(parsed.texts).toContain("鳥取県");
    expect(parsed.texts).toContain("全国");

    // printed on A4 (180 mm wide inside 15 mm margins) the chart scales down: its last tick is on the page, the buttons are not
    const pdf = await page.pdf({ format: "A4", margin: { top: "15mm", bottom: "15mm", left: "15mm", right: "15mm" }, printBackground: true });
    const dir = mkdtempSync(join(tmpdir(), "chart-images-"));
    try {
      writeFileSync(join(dir, "page.pdf"), pdf);
      const text = execFileSync("pdftotext", ["-layout", join(dir, "page.pdf"), "-"], { encoding: "utf8" });
      expect(text).toContain(ticks[0]);
      expect(text).toContain(ticks[ticks.length - 1]);
      expect(text).not.toContain("画像（PNG）");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // in print at A4's 180 mm (680 px) the wide drawing fits its figure and the legend icons keep their size
    await page.setViewportSize({ width: 680, height: 960 });
    await page.emulateMedia({ media: "print" });
    const box = await page.evaluate(() => {
      const figure = document.getElementById("prefecture-trend")!.getBoundingClientRect();
      const chart = document.querySelector("#prefecture-trend .chart--wide .recharts-wrapper > svg")!.getBoundingClientRect();
      const icons = [...document.querySelectorAll("#prefecture-trend .chart-legend li svg")].map((i) => i.getBoundingClientRect().width);
      return { figureRight: figure.right, chartLeft: chart.left, chartRight: chart.right, icons };
    });
    expect(box.chartRight).toBeLessThanOrEqual(box.figureRight);
    expect(box.chartRight - box.chartLeft).toBeGreaterThan(500);
    expect(box.icons).toHaveLength(2);
    // the line swatches are 28 px wide, and print does not scale them with the chart
    for (const width of box.icons) expect(width).toBe(28);

    expect(errors).toEqual([]);
    await context.close();
  });
});
