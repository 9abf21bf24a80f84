import { describe, expect, it } from "vitest";
import { allowedOriginsFor, checkSameOrigin } from "./same-origin.server";

const ours = ["https://tsunagu.example.jp"];
const post = (headers: { origin?: string; referer?: string; secFetchSite?: string }) =>
  checkSameOrigin({ method: "POST", origin: headers.origin, referer: headers.referer, secFetchSite: headers.secFetchSite, allowedOrigins: ours });

describe("same-origin check for mutations", () => {
  it("lets reads through whatever their origin", () => {
    expect(checkSameOrigin({ method: "GET", origin: "https://evil.example", referer: undefined, secFetchSite: "cross-site", allowedOrigins: ours })).toEqual({ ok: true });
  });
  it("accepts a POST from our origin, by Origin or, failing that, by Referer", () => {
    expect(post({ origin: "https://tsunagu.example.jp" })).toEqual({ ok: true });
    expect(post({ referer: "https://tsunagu.example.jp/prefectures/31/supervision?fy=2025" })).toEqual({ ok: true });
    expect(post({ origin: "https://TSUNAGU.example.jp", secFetchSite: "same-origin" })).toEqual({ ok: true });
  });
  it("refuses a POST from another site, another port or scheme, or with no origin at all", () => {
    expect(post({ origin: "https://evil.example" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(post({ origin: "http://tsunagu.example.jp" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(post({ origin: "https://tsunagu.example.jp:8443" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(post({ origin: "https://tsunagu.example.jp", secFetchSite: "cross-site" })).toEqual({ ok: false, reason: "cross-site" });
    expect(post({})).toEqual({ ok: false, reason: "missing" });
    expect(post({ referer: "not a url" })).toEqual({ ok: false, reason: "foreign-origin" });
  });
  it("treats Origin: null (sandboxed frames, data: URLs, some redirects) as cross-site, even with our own Referer", () => {
    expect(post({ origin: "null" })).toEqual({ ok: false, reason: "cross-site" });
    expect(post({ origin: "null", referer: "https://tsunagu.example.jp/logout" })).toEqual({ ok: false, reason: "cross-site" });
    expect(post({ origin: "null", referer: "https://tsunagu.example.jp/", secFetchSite: "same-origin" })).toEqual({ ok: false, reason: "cross-site" });
  });
  it("takes the configured origins, else the origin the request was sent to", () => {
    expect(allowedOriginsFor("https://a.example.jp/, https://B.example.jp", "http://localhost:3000")).toEqual(["https://a.example.jp", "https://b.example.jp"]);
    expect(allowedOriginsFor(undefined, "http://localhost:3000")).toEqual(["http://localhost:3000"]);
  });
});
