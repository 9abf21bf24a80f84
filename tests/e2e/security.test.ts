import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, HttpSession, logIn, setUpAppUnderTest, waitForHydration } from "./harness";

const ctx = setUpAppUnderTest({ beforeAll, afterAll });

/** A login POST with exactly the headers given (as a script or an attacker would send it). */
async function httpLogin(loginId: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${ctx.app.url}/login`, {
    method: "POST",
    body: new URLSearchParams({ loginId, password: "tsunagu-demo" }),
    headers,
    redirect: "manual",
  });
}
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

describe("HTTP hardening", () => {
  it("refuses a mutation that does not come from the app's own origin (CSRF)", async () => {
    const attempts: Record<string, string>[] = [{}, { Origin: "https://evil.example" }, { Referer: "https://evil.example/page" }, { Origin: ctx.app.url, "Sec-Fetch-Site": "cross-site" }];
    for (const headers of attempts) {
      const response = await httpLogin("mhlw", headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toContain("この操作は受け付けられませんでした");
    }
    const ok = await httpLogin("mhlw", { Origin: ctx.app.url });
    expect(ok.status).toBe(302);
    const cookie = cookieOf(ok);
    // a logged-in victim's browser sent to a forged form on another site
    const forged = await fetch(`${ctx.app.url}/prefectures/31/support`, {
      method: "POST",
      body: new URLSearchParams({ fiscalYear: "2025" }),
      headers: { Cookie: cookie, Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
  });

  it("sends security headers, a nonce-only script policy and Server-Timing, and never a stack trace", async () => {
    const session = await HttpSession.logIn(ctx.app.url, "mhlw");
    const response = await session.get("/");
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("server-timing")).toMatch(/^loader;dur=\d+(\.\d)?;desc="loaders"$/);
    expect(response.headers.get("x-powered-by")).toBeNull();
    const html = await response.text();
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
    const missing = await session.get("/uploads/99999999");
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toMatch(/\bat .+\.(js|ts):\d+/);
  });

  it("holes found by probing (issue 13): Origin null, NUL in a form, redirect after login, caching of signed-in pages", async () => {
    // Origin: null is cross-site even with our own Referer
    const opaque = await httpLogin("mhlw", { Origin: "null", Referer: `${ctx.app.url}/login` });
    expect(opaque.status).toBe(403);
    // a tab (or newline) in redirectTo would have sent the browser to //evil.example
    for (const redirectTo of ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/.//evil.example"]) {
      const response = await fetch(`${ctx.app.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ loginId: "mhlw", password: "tsunagu-demo", redirectTo }),
        headers: { Origin: ctx.app.url },
        redirect: "manual",
      });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(new URL(response.headers.get("location")!, ctx.app.url).origin, JSON.stringify(redirectTo)).toBe(ctx.app.url);
    }
    const session = await HttpSession.logIn(ctx.app.url, "tottori-pref");
    const nul = await session.post("/prefectures/31/supervision", { intent: "create", localGovernmentCode: "312029", contactedOn: "2026-01-15", form: "other", content: "a\0b" });
    expect(nul.status).toBe(400);
    expect(await nul.text()).toBe("入力に使えない文字（NUL）が含まれています");
    // rendered, then from the render cache: both private, no-store; an anonymous page is not marked
    for (let i = 0; i < 2; i++) expect((await session.get("/prefectures/31")).headers.get("cache-control")).toBe("private, no-store");
    expect((await fetch(`${ctx.app.url}/login`)).headers.get("cache-control")).not.toBe("private, no-store");
    const impossible = await session.get("/prefectures/31/supervision?from=2024-02-30");
    expect(impossible.status).toBe(400);
    expect(await impossible.text()).toContain("期間の日付「2024-02-30」は存在しません");
  });

  it("answers the health check from the database", async () => {
    const response = await fetch(`${ctx.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("makes a copied session cookie worthless after logout", async () => {
    const session = await HttpSession.logIn(ctx.app.url, "tottori-pref");
    const stolen = session.cookie;
    expect((await session.get("/prefectures/31")).status).toBe(200);
    expect((await session.post("/logout", {})).status).toBe(302);
    const replay = await fetch(`${ctx.app.url}/prefectures/31`, { headers: { Cookie: stolen }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login/);
  });

  it("shows what users typed as text, never as markup, under the content security policy", async () => {
    const page = await ctx.browser.newPage();
    const errors = collectPageErrors(page);
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await logIn(page, ctx.app.url, "tottori-pref");
    await page.waitForURL(`${ctx.app.url}/prefectures/31`);
    await page.goto(`${ctx.app.url}/prefectures/31/supervision?fy=2025`);
    await waitForHydration(page);
    const payload = `<img src=x onerror="alert(1)"><script>alert(2)</script>"'&`;
    const form = page.locator("form.record-form");
    await form.getByLabel("対象自治体").selectOption({ label: "米子市" });
    await form.getByLabel("実施日").fill("2026-01-15");
    await form.getByLabel("形態").selectOption({ label: "その他" });
    await form.getByLabel("内容").fill(payload);
    await page.getByRole("button", { name: "記録する" }).click();
    const row = page.locator("#contacts-log tbody tr", { hasText: "2026年1月15日" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator("td").nth(2).textContent()).toBe(payload);
    expect(await page.locator("#contacts-log img").count()).toBe(0);
    await page.reload();
    await waitForHydration(page);
    expect(dialogs).toBe(0);
    expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
