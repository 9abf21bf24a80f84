import { describe, expect, it } from "vitest";
import { isRenderCacheablePath, RenderCache, renderGeneration, type CachedRender } from "./render-cache.server";

const page = (body: string): CachedRender => ({ body, nonce: "n", contentType: "text/html; charset=utf-8", cacheControl: null });
// entries are counted as 2 bytes per UTF-16 unit plus 200
const sized = (bytes: number) => page("x".repeat((bytes - 200) / 2));

describe("isRenderCacheablePath", () => {
  it("takes the aggregate views, as documents and as single-fetch data requests", () => {
    for (const path of [
      "/",
      "/_root.data",
      "/prefectures",
      "/prefectures/31",
      "/prefectures/31.data",
      "/prefectures/13/supervision",
      "/prefectures/13/training.data",
      "/prefectures/01/submissions",
      "/municipalities/312011",
      "/municipalities/312011.data",
      "/compare",
      "/jusou",
      "/cooperation",
      "/supervision",
      "/support",
      "/training",
    ])
      expect(isRenderCacheablePath(path), path).toBe(true);
  });

  it("leaves out uploads, accounts, administration, downloads and anything unknown", () => {
    for (const path of [
      "/login",
      "/logout",
      "/uploads",
      "/uploads/12",
      "/uploads/new/monthly_support",
      "/admin/users",
      "/admin/audit",
      "/account/password",
      "/datasets/monthly_support",
      "/datasets/monthly_support/download",
      "/prefectures/31/uploads",
      "/prefectures/3",
      "/municipalities/31201",
      "/healthz",
      "/accessibility",
      "/compare/",
      "/.data",
    ])
      expect(isRenderCacheablePath(path), path).toBe(false);
  });
});

describe("RenderCache", () => {
  it("returns what was stored for the same generation and key only", () => {
    const cache = new RenderCache(10_000);
    const g1 = renderGeneration([1], "2026-12-01");
    cache.set(g1, "1 /", page("a"));
    expect(cache.get(g1, "1 /")?.body).toBe("a");
    expect(cache.get(g1, "2 /")).toBeUndefined();
    expect(cache.get(renderGeneration([2], "2026-12-01"), "1 /")).toBeUndefined();
    expect(cache.get(renderGeneration([1], "2026-12-02"), "1 /")).toBeUndefined();
  });

  it("empties itself when a newer generation is stored, and drops late renders of an older one", () => {
    const cache = new RenderCache(10_000);
    const g9 = renderGeneration([9], "2026-12-01");
    const g10 = renderGeneration([10], "2026-12-01");
    cache.set(g9, "1 /a", page("a"));
    cache.set(g9, "1 /b", page("b"));
    expect(cache.size).toBe(2);
    cache.set(g10, "1 /a", page("a2"));
    expect(cache.size).toBe(1);
    expect(cache.get(g10, "1 /a")?.body).toBe("a2");
    cache.set(g9, "1 /b", page("b-late"));
    expect(cache.size).toBe(1);
    expect(cache.get(g9, "1 /b")).toBeUndefined();
    // version 10 sorts after 9 as a string too
    expect(g10 > g9).toBe(true);
    expect(renderGeneration([10], "2026-12-01") < renderGeneration([10], "2026-12-02")).toBe(true);
    // with a replica: the primary's version, then the replica's
    expect(renderGeneration([10, 9], "2026-12-01") < renderGeneration([10, 10], "2026-12-01")).toBe(true);
    expect(renderGeneration([10, 10], "2026-12-01") < renderGeneration([11, 10], "2026-12-01")).toBe(true);
  });

  it("evicts the least recently used entries when the byte budget is spent", () => {
    const cache = new RenderCache(2_000);
    const g = renderGeneration([1], "2026-12-01");
    cache.set(g, "a", sized(500));
    cache.set(g, "b", sized(500));
    cache.set(g, "c", sized(500));
    expect(cache.usedBytes).toBe(1_500);
    cache.get(g, "a"); // a is now the most recent; b the least
    cache.set(g, "d", sized(500));
    expect(cache.usedBytes).toBe(2_000);
    cache.set(g, "e", sized(400));
    // 2,400 > 2,000: b goes (2,400 − 500 = 1,900)
    expect(cache.usedBytes).toBe(1_900);
    expect(cache.get(g, "b")).toBeUndefined();
    for (const key of ["a", "c", "d", "e"]) expect(cache.get(g, key), key).toBeDefined();
    // replacing an entry counts only its new size
    cache.set(g, "a", sized(300));
    expect(cache.usedBytes).toBe(1_700);
  });

  it("does not store an entry larger than a quarter of the budget", () => {
    const cache = new RenderCache(1_000);
    const g = renderGeneration([1], "2026-12-01");
    cache.set(g, "big", sized(260));
    expect(cache.size).toBe(0);
    cache.set(g, "fits", sized(250));
    expect(cache.size).toBe(1);
  });
});
