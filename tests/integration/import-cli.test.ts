import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle, type DatabaseTarget } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { auditLog, uploads, users } from "../../db/schema";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// scripts/import.ts in its own process, on a database of its own (PGlite allows one process at a time).
const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-import-"));
let target: DatabaseTarget;
let env: Record<string, string>;
let drop = async () => {};

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(target);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const throwaway = await createThrowawayDatabase(serverUrl, "tsunagu_test");
    target = { driver: "postgres", url: throwaway.url };
    env = { DATABASE_URL: throwaway.url };
    drop = throwaway.drop;
  } else {
    const dataDir = path.join(dir, "pglite");
    target = { driver: "pglite", dataDir };
    env = { PGLITE_DIR: dataDir };
  }
  await withDatabase(async (handle) => {
    await handle.migrate();
    await loadSampleBodiesAndUsers(handle.db);
  });
}, 60_000);
afterAll(async () => {
  await drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run import", () => {
  it("stages and commits through the upload service, leaving upload.stage and upload.commit in the audit log as the web does", async () => {
    const file = path.join(dir, "鳥取市.csv");
    writeFileSync(
      file,
      "自治体コード,年度,月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数\n312011,2024,4,10,5,3,2,1,0,0\n",
    );
    const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...inherited } = process.env;
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--dataset", "monthly_support", file, "--as", "tottori-city"], {
      encoding: "utf8",
      env: { ...inherited, ...env },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    await withDatabase(async ({ db }) => {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.loginId, "tottori-city"));
      const [upload] = await db.select().from(uploads);
      expect(upload).toMatchObject({ status: "committed", userId: user!.id, fileName: "鳥取市.csv" });
      const entries = await db.select().from(auditLog).where(like(auditLog.action, "upload.%")).orderBy(asc(auditLog.id));
      expect(entries.map((e) => ({ userId: e.userId, action: e.action, target: e.target }))).toEqual([
        { userId: user!.id, action: "upload.stage", target: String(upload!.id) },
        { userId: user!.id, action: "upload.commit", target: String(upload!.id) },
      ]);
      expect(entries[0]!.detail).toEqual({ dataset: "monthly_support" });
    });
  }, 120_000);

  it("reads an Excel workbook too (--dry-run stages it only)", async () => {
    const { DATABASE_URL: _url, PGLITE_DIR: _dir, ...inherited } = process.env;
    const file = "tests/fixtures/monthly-tottori-city.xlsx";
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/import.ts", "--dataset", "monthly_support", file, "--as", "tottori-city", "--dry-run"], {
      encoding: "utf8",
      env: { ...inherited, ...env },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`月次支援状況 ${file}（Excelブック（.xlsx））: 3行、新規 3、変更 0、変更なし 0、エラー行 0、警告 0`);
  }, 120_000);
});
