import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "../../app/server/auth/session.server";
import { readYourWrites } from "../../app/server/http/read-your-writes.server";
import { getDb, installDatabaseHandle, openDatabase, queryRows, readRouter, type DatabaseHandle } from "../../db";
import { replicaRetryMs } from "../../db/read-routing";
import { loader as prefectureListLoader } from "../../app/routes/prefectures._index";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";
import { standbySkipReason, startStandby, type Standby } from "../setup/standby";

// DATABASE_READ_URL against a real hot standby of the test server (ADR 030), on the PostgreSQL run
// only: PGlite has no replication (tests/integration/read-database.test.ts covers the routing there).
// Tests that wait for the standby allow for its lag under a busy run (it replays the whole cluster).
// Pausing the standby's replay (pg_wal_replay_pause) makes "the replica lags" exact instead of timed.

const skipReason = standbySkipReason();
const primaryServer = process.env.TEST_DATABASE_URL ?? "";

let primary: DatabaseHandle;
let replica: DatabaseHandle;
let standby: Standby;
let cookie: string;
let otherCookie: string;
const logged: { level: "warn" | "info"; message: string }[] = [];

async function tottoriBodies(reader: string | null, asCookie = cookie): Promise<number> {
  const result = await readRouter().readingAs(reader, () => callRoute(prefectureListLoader, { url: "/prefectures", cookie: asCookie }));
  expect(result.status).toBe(200);
  return (result.data as { prefectures: { code: string; implementingBodies: number }[] }).prefectures.find((p) => p.code === "31")!.implementingBodies;
}

/** a town of 鳥取県 that is not yet an implementing body gets a welfare office: one body more */
async function commitOneMoreTottoriBody() {
  const db = await getDb();
  const [town] = await queryRows<{ code: string }>(
    db,
    sql`select code from local_governments where prefecture_code = '31' and kind = 'town' and not has_welfare_office order by code limit 1`,
  );
  await db.execute(sql`update local_governments set has_welfare_office = true where code = ${town!.code}`);
}

async function replay(action: "pause" | "resume") {
  await replica.db.execute(action === "pause" ? sql`select pg_wal_replay_pause()` : sql`select pg_wal_replay_resume()`);
}

function installWithLog() {
  installDatabaseHandle(primary, replica);
  readRouter().log = {
    warn: (_details, message) => logged.push({ level: "warn", message }),
    info: (_details, message) => logged.push({ level: "info", message }),
  };
}

describe.skipIf(skipReason !== null)(`a streaming replica${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  beforeAll(async () => {
    primary = await createTestDatabase();
    await loadSampleBodiesAndUsers(primary.db);
    installDatabaseHandle(primary);
    cookie = (await demoSessionCookies(["mhlw"])).mhlw!;
    otherCookie = (await demoSessionCookies(["mhlw"])).mhlw!; // a second session (another browser)
    // the test database exists (and has its rows) before the base backup copies the cluster
    standby = await startStandby(primaryServer);
    if (primary.target.driver !== "postgres") throw new Error("the primary must be PostgreSQL");
    replica = await openDatabase({ driver: "postgres", url: standby.urlFor(primary.target.url) });
    await standby.caughtUp();
    installWithLog();
  }, 180_000);

  afterAll(async () => {
    installDatabaseHandle(primary);
    await replica?.close();
    await standby?.destroy();
    await primary?.close();
  }, 60_000);

  it("is a hot standby in recovery, and the aggregate pages read it", async () => {
    const [row] = await queryRows<{ recovery: boolean }>(replica.db, sql`select pg_is_in_recovery() as recovery`);
    expect(row!.recovery).toBe(true);
    const before = await tottoriBodies(null);
    await replay("pause");
    try {
      await commitOneMoreTottoriBody();
      // the replica has not replayed the commit: a page of someone who did not write it shows the old count
      expect(await tottoriBodies("session-of-someone-else")).toBe(before);
    } finally {
      await replay("resume");
    }
    await standby.caughtUp();
    // within the replica's lag (here: once replayed) everyone sees it
    expect(await tottoriBodies("session-of-someone-else")).toBe(before + 1);
  }, 150_000);

  it("shows a session its own commit at once, while the replica has not replayed it", async () => {
    const before = await tottoriBodies(null);
    await replay("pause");
    try {
      const written = readRouter().beginWrite("session-of-the-writer", getDb);
      // while the write runs, the writer reads the primary
      expect(readRouter().hasUnreplayedWrite("session-of-the-writer")).toBe(true);
      await commitOneMoreTottoriBody();
      await written();
      expect(await tottoriBodies("session-of-the-writer")).toBe(before + 1); // from the primary
      expect(await tottoriBodies("session-of-someone-else")).toBe(before); // from the paused replica
      expect(readRouter().hasUnreplayedWrite("session-of-the-writer")).toBe(true);
    } finally {
      await replay("resume");
    }
    await standby.caughtUp();
    expect(await tottoriBodies("session-of-someone-else")).toBe(before + 1);
    expect(await tottoriBodies("session-of-the-writer")).toBe(before + 1);
    // the replica has the write: the writer reads the replica again
    expect(readRouter().hasUnreplayedWrite("session-of-the-writer")).toBe(false);
  }, 150_000);

  it("over HTTP through the middleware: the writing session's next page shows its POST at once, another session's does not yet", async () => {
    const app = express();
    app.use(readYourWrites(sessionCookieName, readRouter, getDb));
    app.post("/write", async (_req, res) => {
      await commitOneMoreTottoriBody();
      res.redirect(303, "/count");
    });
    // the middleware's context (not the test's) decides which database the loader reads
    app.get("/count", async (req, res) => res.json({ bodies: await tottoriBodies(null, req.headers.cookie) }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const count = async (asCookie: string) => ((await (await fetch(`${base}/count`, { headers: { cookie: asCookie } })).json()) as { bodies: number }).bodies;
    try {
      const before = await count(cookie);
      await replay("pause");
      try {
        const written = await fetch(`${base}/write`, { method: "POST", headers: { cookie }, redirect: "manual" });
        expect(written.status).toBe(303);
        expect(await count(cookie)).toBe(before + 1); // the writer: from the primary
        expect(await count(otherCookie)).toBe(before); // another session: from the paused replica
      } finally {
        await replay("resume");
      }
      await standby.caughtUp();
      expect(await count(otherCookie)).toBe(before + 1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 150_000);

  it("keeps serving from the primary while the replica is stopped, logs it, and goes back when it returns", async () => {
    const before = await tottoriBodies(null);
    logged.length = 0;
    await standby.stop();
    try {
      await commitOneMoreTottoriBody();
      // the replica cannot have this commit: the page shows it, so the primary answered
      expect(await tottoriBodies("session-of-someone-else")).toBe(before + 1);
      expect(await tottoriBodies(null)).toBe(before + 1);
      expect(logged).toEqual([{ level: "warn", message: "read replica unavailable: the aggregate pages read the primary" }]);
    } finally {
      await standby.start();
    }
    await standby.caughtUp();
    // the router leaves a replica that failed alone for replicaRetryMs before asking it again
    await new Promise((resolve) => setTimeout(resolve, replicaRetryMs + 100));
    await replay("pause");
    try {
      await commitOneMoreTottoriBody();
      // the paused replica answers again: the page shows before + 1, not the primary's before + 2
      expect(await tottoriBodies("session-of-someone-else")).toBe(before + 1);
    } finally {
      await replay("resume");
    }
    expect(logged.map((entry) => entry.message)).toEqual([
      "read replica unavailable: the aggregate pages read the primary",
      "read replica available again: the aggregate pages read it",
    ]);
  }, 150_000);
});
