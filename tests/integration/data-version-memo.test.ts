import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { queryRows, type Database } from "../../db/client";
import { currentDataVersion, memoByDataVersion } from "../../db/queries/data-version-memo";
import { ensurePrefectures } from "../../db/queries/geography";
import { localGovernments, populations } from "../../db/schema";
import { createTestDatabase } from "../setup/database";

// Reads kept per data version (ADR 038): answered again only when the data changed, never from another
// transaction's uncommitted rows, never a failure kept, each caller with a copy of its own.

let handle: DatabaseHandle;
let loads = 0;
let failNext = false;
const populationOf = memoByDataVersion(async (db: Database, code: string) => {
  loads++;
  if (failNext) {
    failNext = false;
    throw new Error("read failed");
  }
  const rows = await queryRows<{ population: number }>(db, sql`select population from populations where local_government_code = ${code} order by as_of`);
  return { code, populations: rows.map((r) => Number(r.population)) };
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values([
    { code: "312011", prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true },
    { code: "312029", prefectureCode: "31", name: "米子市", kind: "city", hasWelfareOffice: true },
  ]);
  await handle.db.insert(populations).values([
    { localGovernmentCode: "312011", asOf: "2024-01-01", population: 180_000 },
    { localGovernmentCode: "312029", asOf: "2024-01-01", population: 146_000 },
  ]);
});

afterAll(async () => {
  await handle.close();
});

describe("memoByDataVersion", () => {
  it("reads the data version once for the calls of one synchronous run (a loader's Promise.all), and afresh after it", async () => {
    const first = currentDataVersion(handle.db);
    const second = currentDataVersion(handle.db);
    expect(second).toBe(first);
    const before = await first;
    await handle.db.insert(populations).values({ localGovernmentCode: "312029", asOf: "2023-01-01", population: 147_000 });
    // the run that asked is over: a read after the commit sees it, under either driver (PGlite answers in microtasks)
    const after = currentDataVersion(handle.db);
    expect(after).not.toBe(first);
    expect(await after).toBe(before + 1);
    await handle.db.delete(populations).where(sql`local_government_code = '312029' and as_of = '2023-01-01'`);
  });

  it("reads once per data version and arguments, and again after a change is committed", async () => {
    loads = 0;
    expect(await populationOf(handle.db, "312011")).toEqual({ code: "312011", populations: [180_000] });
    expect(await populationOf(handle.db, "312011")).toEqual({ code: "312011", populations: [180_000] });
    expect(loads).toBe(1);
    expect(await populationOf(handle.db, "312029")).toEqual({ code: "312029", populations: [146_000] });
    expect(loads).toBe(2);

    await handle.db.insert(populations).values({ localGovernmentCode: "312011", asOf: "2025-01-01", population: 179_000 });
    expect(await populationOf(handle.db, "312011")).toEqual({ code: "312011", populations: [180_000, 179_000] });
    expect(loads).toBe(3);
    // a change to any table that pages read starts a new version for every argument
    expect(await populationOf(handle.db, "312029")).toEqual({ code: "312029", populations: [146_000] });
    expect(loads).toBe(4);
  });

  it("gives each caller its own copy", async () => {
    const first = await populationOf(handle.db, "312029");
    first.populations.push(1);
    expect(await populationOf(handle.db, "312029")).toEqual({ code: "312029", populations: [146_000] });
  });

  it("gives every caller the one frozen result when asked to", async () => {
    const frozenPopulationOf = memoByDataVersion(async (db: Database, code: string) => {
      const rows = await queryRows<{ population: number }>(db, sql`select population from populations where local_government_code = ${code} order by as_of`);
      return { code, populations: rows.map((r) => ({ population: Number(r.population) })) };
    }, { frozen: true });
    const first = await frozenPopulationOf(handle.db, "312029");
    expect(await frozenPopulationOf(handle.db, "312029")).toBe(first);
    expect(first).toEqual({ code: "312029", populations: [{ population: 146_000 }] });
    expect(() => first.populations.push({ population: 1 })).toThrow(TypeError);
    expect(() => (first.populations[0]!.population = 1)).toThrow(TypeError);
    expect(first.populations).toEqual([{ population: 146_000 }]);
  });

  it("keeps nothing a transaction read from its own uncommitted rows", async () => {
    loads = 0;
    const inside = await handle.db
      .transaction(async (tx) => {
        await tx.insert(populations).values({ localGovernmentCode: "312029", asOf: "2025-01-01", population: 1 });
        const seen = await populationOf(tx, "312029");
        tx.rollback();
        return seen;
      })
      .catch((error: unknown) => error);
    expect(inside).toBeInstanceOf(Error);
    expect(await populationOf(handle.db, "312029")).toEqual({ code: "312029", populations: [146_000] });
    expect(loads).toBe(1);
  });

  it("does not keep a failed read", async () => {
    await handle.db.insert(populations).values({ localGovernmentCode: "312029", asOf: "2026-01-01", population: 145_000 });
    loads = 0;
    failNext = true;
    await expect(populationOf(handle.db, "312029")).rejects.toThrow("read failed");
    expect(await populationOf(handle.db, "312029")).toEqual({ code: "312029", populations: [146_000, 145_000] });
    expect(loads).toBe(2);
  });
});
