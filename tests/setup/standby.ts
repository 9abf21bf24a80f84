import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile, chmod } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";

// A real hot standby of the test PostgreSQL server (TEST_DATABASE_URL), for the read-replica tests
// (ADR 030): pg_basebackup -R from the server into a temporary directory, then postgres on a free
// port as the postgres OS user, streaming from the primary. The server's pg_hba.conf must allow
// replication from 127.0.0.1 (`.ci/run` adds `host replication all 127.0.0.1/32 trust`).

const run = promisify(execFile);
const bin = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

/** Why the standby tests cannot run here, or null when they can (a PostgreSQL run). */
export function standbySkipReason(): string | null {
  return process.env.TEST_DATABASE_URL ? null : "a streaming replica needs a PostgreSQL server: set TEST_DATABASE_URL (PGlite has no replication)";
}

export type Standby = {
  port: number;
  /** the same database on the standby */
  urlFor: (primaryUrl: string) => string;
  /** stops the standby (fast shutdown); start() brings it back with the same data directory */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** waits until the standby has replayed everything the primary had written when called */
  caughtUp: (timeoutMs?: number) => Promise<void>;
  /** stops it and removes its data directory */
  destroy: () => Promise<void>;
};

async function asPostgres(command: string, args: string[], timeout = 120_000) {
  // tests run as root; PostgreSQL refuses to run as root and wants its files owned by its user
  const asRoot = process.getuid?.() === 0;
  return asRoot ? run("runuser", ["-u", "postgres", "--", command, ...args], { timeout }) : run(command, args, { timeout });
}

async function dropSlot(primaryUrl: string, slot: string) {
  const primary = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  try {
    // the primary's WAL sender may outlive the stopped standby by a moment: wait for the slot to be free
    for (let attempt = 0; attempt < 100; attempt++) {
      const [row] = await primary<{ active: boolean }[]>`select active from pg_replication_slots where slot_name = ${slot}`;
      if (!row) return;
      if (!row.active) {
        await primary`select pg_drop_replication_slot(${slot})`;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`replication slot ${slot} is still in use on the primary: drop it with pg_drop_replication_slot`);
  } finally {
    await primary.end();
  }
}

/** Slots of standbys whose test process died without removing them would keep WAL forever. */
async function dropStaleSlots(primaryUrl: string) {
  const primary = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  try {
    const slots = await primary<{ name: string }[]>`
      select slot_name as name from pg_replication_slots where slot_name like 'tsunagu_standby_%' and not active`;
    for (const { name } of slots) {
      const pid = Number(/^tsunagu_standby_(\d+)_/.exec(name)?.[1]);
      if (pid && !processAlive(pid)) await primary`select pg_drop_replication_slot(${name})`;
    }
  } finally {
    await primary.end();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * Starts a hot standby of the server named by `primaryUrl`. Call it after the databases the test
 * reads exist on the primary (a base backup copies the whole cluster as it is then). Throws, with
 * the server's own message, when the standby cannot be made or does not start.
 */
export async function startStandby(primaryUrl: string): Promise<Standby> {
  const primary = new URL(primaryUrl);
  const dir = await mkdtemp(path.join(tmpdir(), "tsunagu-standby-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  if (process.getuid?.() === 0) await run("chown", ["postgres:postgres", dir]);
  await chmod(dir, 0o700);
  const port = await freePort();
  // a physical replication slot keeps the primary's WAL until the standby has it, also while a test
  // has stopped it and while a busy run's checkpoints would otherwise recycle segments
  const slot = `tsunagu_standby_${process.pid}_${randomBytes(4).toString("hex")}`;
  await dropStaleSlots(primaryUrl);

  try {
    await asPostgres(`${bin}/pg_basebackup`, [
      "-h", primary.hostname, "-p", primary.port || "5432", "-U", decodeURIComponent(primary.username || "postgres"),
      "-D", dataDir, "-R", "-X", "stream", "-c", "fast", "--no-password", "-C", "-S", slot,
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    await dropSlot(primaryUrl, slot);
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`pg_basebackup from ${primary.host} failed (does pg_hba.conf allow "host replication all 127.0.0.1/32 trust"?): ${stderr || String(error)}`);
  }
  // Debian keeps postgresql.conf and pg_hba.conf under /etc: the copy has neither, so give it its own
  const hba = path.join(dir, "pg_hba.conf");
  const conf = path.join(dataDir, "postgresql.conf");
  const ident = path.join(dataDir, "pg_ident.conf");
  await writeFile(ident, "");
  const settingsOf = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  const limits = await settingsOf<{ name: string; setting: string }[]>`
    select name, setting from pg_settings
    where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`;
  await settingsOf.end();
  await writeFile(hba, "local all all trust\nhost all all 127.0.0.1/32 trust\n");
  await writeFile(
    conf,
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      `hba_file = '${hba}'`,
      "hot_standby = on",
      // replies to the primary every second keep pg_stat_replication current
      "wal_receiver_status_interval = 1",
      // a standby refuses to run with lower limits than its primary's
      ...limits.map(({ name, setting }) => `${name} = ${setting}`),
      "",
    ].join("\n"),
  );
  if (process.getuid?.() === 0) await run("chown", ["postgres:postgres", hba, conf, ident]);

  const url = new URL(primaryUrl);
  url.port = String(port);
  url.pathname = "/postgres";
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const primaryAdmin = postgres(primaryUrl, { max: 1, onnotice: () => {} });

  async function start() {
    try {
      await asPostgres(`${bin}/pg_ctl`, ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]);
    } catch (error) {
      const log = await run("tail", ["-n", "20", logFile]).then((r) => r.stdout, () => "");
      throw new Error(`the standby did not start on port ${port}: ${(error as { stderr?: string }).stderr ?? String(error)}\n${log}`);
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const [row] = await admin<{ recovery: boolean }[]>`select pg_is_in_recovery() as recovery`;
        if (!row?.recovery) throw new Error(`the server on port ${port} is not in recovery: it is not a standby`);
        return;
      } catch (error) {
        if (error instanceof Error && error.message.includes("not a standby")) throw error;
        if (Date.now() > deadline) throw new Error(`the standby on port ${port} does not accept connections: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async function stop() {
    await asPostgres(`${bin}/pg_ctl`, ["-D", dataDir, "-m", "fast", "-w", "stop"]);
  }

  async function caughtUp(timeoutMs = 60_000) {
    // the standby replays the whole cluster's WAL, other test files' bulk loads included
    const [{ lsn } = { lsn: "" }] = await primaryAdmin<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await admin<{ done: boolean | null; replayed: string | null }[]>`
        select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done, pg_last_wal_replay_lsn()::text as replayed`;
      if (row?.done) return;
      if (Date.now() > deadline) {
        const receiver = await admin`select status, flushed_lsn::text as flushed from pg_stat_wal_receiver`.catch(() => []);
        throw new Error(`the standby has replayed up to ${row?.replayed}, not ${lsn}, within ${timeoutMs} ms (receiver: ${JSON.stringify(receiver)})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  await start().catch(async (error: unknown) => {
    await admin.end();
    await primaryAdmin.end();
    await stop().catch(() => undefined);
    await dropSlot(primaryUrl, slot);
    await rm(dir, { recursive: true, force: true });
    throw error;
  });

  return {
    port,
    urlFor: (databaseUrl: string) => {
      const target = new URL(databaseUrl);
      target.port = String(port);
      return target.toString();
    },
    stop,
    start,
    caughtUp,
    destroy: async () => {
      await admin.end({ timeout: 1 });
      await primaryAdmin.end({ timeout: 1 });
      await stop().catch(() => undefined);
      await dropSlot(primaryUrl, slot);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
