import { describe, expect, it } from "vitest";
import { pageToday } from "./today.server";

describe("today for the pages", () => {
  it("is the date in Japan unless a test sets it", () => {
    // 15:30 UTC on 31 March is already 1 April in Japan
    expect(pageToday({}, new Date("2026-03-31T15:30:00Z"))).toBe("2026-04-01");
    expect(pageToday({ TSUNAGU_TODAY: "2026-12-02" }, new Date("2026-03-31T15:30:00Z"))).toBe("2026-12-02");
  });

  it("ignores a malformed setting and any setting in production", () => {
    expect(pageToday({ TSUNAGU_TODAY: "2026/12/02" }, new Date("2026-05-01T00:00:00Z"))).toBe("2026-05-01");
    expect(pageToday({ TSUNAGU_TODAY: "2026-12-02", NODE_ENV: "production" }, new Date("2026-05-01T00:00:00Z"))).toBe("2026-05-01");
  });
});
