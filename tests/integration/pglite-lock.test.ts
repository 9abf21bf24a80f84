import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseLockedError, openDatabase } from "../../db/client";

const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-lock-"));
const dataDir = path.join(dir, "pglite");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openFromAnotherProcess() {
  return spawnSync(process.execPath, ["--import", "tsx", "tests/setup/open-pglite.ts", dataDir], { encoding: "utf8" });
}

describe("PGlite directory lock", () => {
  it("refuses a second opener with a clear error while the first holds the directory", async () => {
    const first = await openDatabase({ driver: "pglite", dataDir });
    try {
      await expect(openDatabase({ driver: "pglite", dataDir })).rejects.toBeInstanceOf(DatabaseLockedError);
      const other = openFromAnotherProcess();
      expect(other.status).toBe(3);
      expect(other.stdout).toContain(`PGlite database ${dataDir} is already open in process ${process.pid}`);
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("takes over a lock left by a process that died", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.exit(0)"]);
    writeFileSync(`${dataDir}.lock`, String(dead.pid));
    const other = openFromAnotherProcess();
    expect(other.stdout.trim()).toBe("opened");
    expect(other.status).toBe(0);
  });
});
