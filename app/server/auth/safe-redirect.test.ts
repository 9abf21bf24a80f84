import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps a path of our own, with its query and fragment", () => {
    expect(safeRedirectPath("/prefectures/31/supervision?fy=2025#list")).toBe("/prefectures/31/supervision?fy=2025#list");
    expect(safeRedirectPath("/")).toBe("/");
    expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirectPath("/a/../uploads")).toBe("/uploads");
  });

  it("falls back to / for anything the browser would read as another origin", () => {
    for (const value of [
      "//evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "\t//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\\/evil.example",
      "/.//evil.example",
      "/./\\evil.example",
      "  //evil.example",
      "https://evil.example/",
      "https:evil.example",
      "HTTPS://evil.example",
      "javascript:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
    ]) {
      expect(safeRedirectPath(value), JSON.stringify(value)).toBe("/");
    }
  });

  it("never returns characters a Location header cannot carry, nor a leading //", () => {
    expect(safeRedirectPath("/uploads\n")).toBe("/uploads");
    expect(safeRedirectPath("/up\rloads")).toBe("/uploads");
    expect(safeRedirectPath("/a\0b")).toBe("/a%00b");
    expect(safeRedirectPath("  /uploads")).toBe("/uploads");
    expect(safeRedirectPath("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it("falls back for non-strings and keeps a given fallback", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/account/password")).toBe("/account/password");
    expect(safeRedirectPath("//evil.example", "/uploads")).toBe("/uploads");
  });
});
