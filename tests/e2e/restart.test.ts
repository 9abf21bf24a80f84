import { afterAll, describe, expect, it } from "vitest";
import { createAppDatabase, launchBrowser, logIn, startApp } from "./harness";

let database: Awaited<ReturnType<typeof createAppDatabase>>;
afterAll(async () => {
  await database?.remove();
});

describe("restart", () => {
  it("keeps the data across a restart and closes the database on SIGTERM", async () => {
    database = await createAppDatabase();
    const env = database.env;
    const first = await startApp(env);
    expect(first.output()).toContain("demo dataset loaded");
    expect(await first.stop()).toBe(0);

    const second = await startApp(env);
    try {
      expect(second.output()).not.toContain("loading the demo dataset");
      const browser = await launchBrowser();
      const page = await browser.newPage();
      await logIn(page, second.url, "tottori-pref");
      await page.waitForURL(`${second.url}/prefectures/31`);
      await page.goto(`${second.url}/`);
      await page.locator("#program-rates svg.recharts-surface").filter({ visible: true }).waitFor();
      expect(await page.locator("#program-rates svg.recharts-surface").filter({ visible: true }).count()).toBe(1);
      await browser.close();
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});
