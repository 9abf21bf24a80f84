import { describe, expect, it } from "vitest";
import type { Database } from "./client";
import { readReplicaConfigured } from "./index";
import { parseLsn, ReadRouter, replicaRetryMs } from "./read-routing";

describe("parseLsn", () => {
  it("reads the two hex halves of a WAL position as one number", () => {
    expect(parseLsn("0/0")).toBe(0n);
    // 0x16 × 2^32 + 0xB374D848 = 22 × 4294967296 + 3010779208 = 97500059720
    expect(parseLsn("16/B374D848")).toBe(97_500_059_720n);
    // the high half counts more than any low half
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
  });

  it("refuses what is not a WAL position", () => {
    expect(() => parseLsn("16")).toThrow("not a WAL position: 16");
  });
});

/** A database that answers every query with one row { lsn } (or fails), counting the queries. */
function fakeDatabase(answer: () => string | null) {
  const fake = { queries: 0, db: null as unknown as Database };
  fake.db = {
    execute: async () => {
      fake.queries += 1;
      return [{ lsn: answer() }];
    },
  } as unknown as Database;
  return fake;
}

function setup() {
  const state = { primaryLsn: "0/100", replayed: "0/100" as string | null, replicaDown: false, now: 0 };
  const primary = fakeDatabase(() => state.primaryLsn);
  const replica = fakeDatabase(() => {
    if (state.replicaDown) throw new Error("connect ECONNREFUSED 127.0.0.1:5433");
    return state.replayed;
  });
  const router = new ReadRouter(() => state.now);
  const log: string[] = [];
  router.log = { warn: (_d, message) => log.push(`warn: ${message}`), info: (_d, message) => log.push(`info: ${message}`) };
  const read = (reader: string | null) =>
    router.readingAs(reader, () => router.choose(async () => primary.db, replica.db)).then((db) => (db === primary.db ? "primary" : "replica"));
  return { state, primary, replica, router, log, read };
}

describe("ReadRouter", () => {
  it("sends everyone to the replica when nobody has written", async () => {
    const { read } = setup();
    expect(await read(null)).toBe("replica");
    expect(await read("session-a")).toBe("replica");
  });

  it("keeps a writer on the primary until the replica has replayed the position after their commit", async () => {
    const { state, router, primary, read } = setup();
    const recorded = router.beginWrite("writer", async () => primary.db);
    // the write is running: its session reads the primary, others the replica
    expect(router.hasUnreplayedWrite("writer")).toBe(true);
    expect(await read("writer")).toBe("primary");
    expect(await read("other")).toBe("replica");
    await recorded(); // the primary is at 0/100 after the commit
    state.replayed = "0/FF";
    expect(await read("writer")).toBe("primary");
    state.replayed = "0/100";
    expect(await read("writer")).toBe("replica");
    expect(router.hasUnreplayedWrite("writer")).toBe(false);
  });

  it("forgets every writer the replica has caught up with, not only the one reading", async () => {
    const { state, router, primary, read } = setup();
    state.primaryLsn = "0/200";
    await router.beginWrite("quiet-writer", async () => primary.db)();
    state.replayed = "0/200";
    expect(await read("someone-else")).toBe("replica");
    expect(router.hasUnreplayedWrite("quiet-writer")).toBe(false);
  });

  it("does not hold a writer back on a read database that is not in recovery (no replay position)", async () => {
    const { state, router, primary, read } = setup();
    state.replayed = null;
    await router.beginWrite("writer", async () => primary.db)();
    expect(await read("writer")).toBe("replica");
  });

  it("falls back to the primary when the replica fails, logs once, and asks it again after replicaRetryMs", async () => {
    const { state, replica, log, read } = setup();
    state.replicaDown = true;
    expect(await read(null)).toBe("primary");
    expect(await read("session-a")).toBe("primary");
    // the second read came within replicaRetryMs: the replica was asked once
    expect(replica.queries).toBe(1);
    expect(log).toEqual(["warn: read replica unavailable: the aggregate pages read the primary"]);
    state.replicaDown = false;
    state.now = replicaRetryMs - 1;
    expect(await read(null)).toBe("primary");
    state.now = replicaRetryMs;
    expect(await read(null)).toBe("replica");
    expect(replica.queries).toBe(2);
    expect(log).toEqual([
      "warn: read replica unavailable: the aggregate pages read the primary",
      "info: read replica available again: the aggregate pages read it",
    ]);
  });

  it("lets a writer read the replica again when the primary gave no WAL position (the write failed with it)", async () => {
    const { router, log, read } = setup();
    const failing = { execute: async () => Promise.reject(new Error("primary gone")) } as unknown as Database;
    await router.beginWrite("writer", async () => failing)();
    expect(router.hasUnreplayedWrite("writer")).toBe(false);
    expect(await read("writer")).toBe("replica");
    expect(log).toEqual(["warn: WAL position of a write not recorded; the writer reads the replica again"]);
  });
});

describe("readReplicaConfigured", () => {
  it("is true only for DATABASE_READ_URL next to a PostgreSQL DATABASE_URL (the read-your-writes middleware is installed only then)", () => {
    const primary = "postgres://app@db:5432/tsunagu";
    const replica = "postgres://app@replica:5432/tsunagu";
    expect(readReplicaConfigured({ DATABASE_URL: primary, DATABASE_READ_URL: replica })).toBe(true);
    expect(readReplicaConfigured({ DATABASE_URL: primary })).toBe(false);
    // PGlite (no DATABASE_URL) has no replica
    expect(readReplicaConfigured({ DATABASE_READ_URL: replica })).toBe(false);
  });
});
