import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.server";
import { appProcessCount, workerExecArgv } from "./cluster.server";

describe("appProcessCount", () => {
  it("is one unless WEB_CONCURRENCY asks for more", () => {
    expect(appProcessCount(parseEnv({ DATABASE_URL: "postgres://db/tsunagu" }), false)).toBe(1);
    expect(appProcessCount(parseEnv({ DATABASE_URL: "postgres://db/tsunagu", WEB_CONCURRENCY: "4" }), false)).toBe(4);
  });

  it("keeps one process on PGlite and under Vite", () => {
    expect(appProcessCount(parseEnv({ WEB_CONCURRENCY: "2" }), false)).toBe(1);
    expect(appProcessCount(parseEnv({ DATABASE_URL: "postgres://db/tsunagu", WEB_CONCURRENCY: "2" }), true)).toBe(1);
  });

  it("refuses a count that is not a whole number from 1", () => {
    expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow();
    expect(() => parseEnv({ WEB_CONCURRENCY: "two" })).toThrow();
  });
});

describe("workerExecArgv", () => {
  it("gives the app processes a 32 MB young generation unless the operator chose one, on the command line or in NODE_OPTIONS", () => {
    expect(workerExecArgv(["--import", "tsx"])).toEqual(["--import", "tsx", "--max-semi-space-size=32"]);
    expect(workerExecArgv(["--max-semi-space-size=64"])).toEqual(["--max-semi-space-size=64"]);
    expect(workerExecArgv([], "--enable-source-maps --max-semi-space-size=8")).toEqual([]);
    expect(workerExecArgv([], "--enable-source-maps")).toEqual(["--max-semi-space-size=32"]);
  });
});
