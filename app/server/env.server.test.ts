import { describe, expect, it } from "vitest";
import { outlierSettingsFromEnv, parseEnv } from "./env.server";

const secret = "0123456789abcdef0123456789abcdef";

describe("parseEnv", () => {
  it("refuses to start in production without APP_ORIGIN, since a forged Host with a matching Origin would pass the CSRF check", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret })).toThrow(
      "NODE_ENV=production では APP_ORIGIN（利用者が開く https://… のオリジン、カンマ区切りで複数可）を設定してください",
    );
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, APP_ORIGIN: "" })).toThrow("APP_ORIGIN");
  });

  it("takes origins only: a scheme and a host (and port), no path", () => {
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, APP_ORIGIN: "https://tsunagu.example.go.jp" }).APP_ORIGIN).toBe("https://tsunagu.example.go.jp");
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, APP_ORIGIN: "https://a.example.jp, http://127.0.0.1:3000/" }).isProduction).toBe(true);
    for (const bad of ["tsunagu.example.go.jp", "https://tsunagu.example.go.jp/app", "ftp://x.example"])
      expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, APP_ORIGIN: bad }), bad).toThrow("APP_ORIGIN");
  });

  it("keeps development and tests free of it: the request's own host is the origin there", () => {
    expect(parseEnv({ NODE_ENV: "development", SESSION_SECRET: secret }).APP_ORIGIN).toBeUndefined();
    expect(parseEnv({ SESSION_SECRET: secret }).isProduction).toBe(false);
  });
});

describe("outlierSettingsFromEnv", () => {
  it("reads OUTLIER_THRESHOLD and OUTLIER_MIN_HISTORY, with the defaults of ADR 018 when unset or empty", () => {
    expect(outlierSettingsFromEnv({})).toEqual({ threshold: 3.5, minHistory: 6 });
    expect(outlierSettingsFromEnv({ OUTLIER_THRESHOLD: "", OUTLIER_MIN_HISTORY: "" })).toEqual({ threshold: 3.5, minHistory: 6 });
    expect(outlierSettingsFromEnv({ OUTLIER_THRESHOLD: "4", OUTLIER_MIN_HISTORY: "12" })).toEqual({ threshold: 4, minHistory: 12 });
  });

  it("refuses values that would flag everything or nothing", () => {
    expect(() => outlierSettingsFromEnv({ OUTLIER_THRESHOLD: "0" })).toThrow();
    expect(() => outlierSettingsFromEnv({ OUTLIER_MIN_HISTORY: "2.5" })).toThrow();
    expect(() => parseEnv({ SESSION_SECRET: secret, OUTLIER_THRESHOLD: "abc" })).toThrow();
  });
});
