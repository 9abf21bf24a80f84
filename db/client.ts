import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget =
  | { driver: "postgres"; url: string }
  | { driver: "pglite"; dataDir: string | null /* null: in memory */ };

export type DatabaseHandle = {
  db: Database;
  target: DatabaseTarget;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

export class DatabaseLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `PGlite database ${dataDir} is already open in process ${pid}. PGlite allows one process at a time: ` +
        `stop that process first, or set PGLITE_DIR to another directory, or use DATABASE_URL for PostgreSQL.`,
    );
    this.name = "DatabaseLockedError";
  }
}

const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  if (env.DATABASE_URL) return { driver: "postgres", url: env.DATABASE_URL };
  return { driver: "pglite", dataDir: path.resolve(env.PGLITE_DIR ?? ".data/pglite") };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** PGlite has no lock of its own; two processes on one directory corrupt it. A pid file next to it guards it. */
function acquirePgliteLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockPath, "utf8") === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockPath, "utf8").trim());
      if (pid && (pid === process.pid || isProcessAlive(pid))) throw new DatabaseLockedError(dataDir, pid);
      unlinkSync(lockPath); // left behind by a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

/**
 * The client as drizzle sees it, with every statement outside a transaction prepared once per
 * connection and kept (postgres.js names it by its text and re-prepares it if the schema changed).
 * Drizzle asks for an unnamed statement unless a query is given a name, and PostgreSQL then parses
 * and plans it at every call: on a municipality page that was 11 ms of PostgreSQL's time against
 * 3 ms of executing (ADR 047). Transactions keep postgres.js's own client (writes, run rarely).
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  const unsafe: postgres.Sql["unsafe"] = (query, parameters, options) => client.unsafe(query, parameters, { ...options, prepare: true });
  return new Proxy(client, { get: (target, property, receiver) => (property === "unsafe" ? unsafe : Reflect.get(target, property, receiver)) });
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.driver === "postgres") {
    const client = postgres(target.url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
    const db = drizzlePostgres({ client: preparingStatements(client), schema, casing: "snake_case" });
    return {
      db: db as unknown as Database,
      target,
      migrate: async () => {
        // Several app instances may start at once; a session-level advisory lock lets one migrate at a time.
        const lock = await client.reserve();
        try {
          await lock`select pg_advisory_lock(7430182)`;
          await migratePostgres(db, { migrationsFolder });
        } finally {
          await lock`select pg_advisory_unlock(7430182)`;
          lock.release();
        }
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  let release = () => {};
  if (target.dataDir) {
    mkdirSync(target.dataDir, { recursive: true });
    release = acquirePgliteLock(target.dataDir);
  }
  try {
    const client = await PGlite.create(target.dataDir ?? undefined);
    const db = drizzlePglite({ client, schema, casing: "snake_case" });
    return {
      db: db as unknown as Database,
      target,
      migrate: () => migratePglite(db, { migrationsFolder }),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** A value as a field of copyCsvInto's CSV: NULL is an empty unquoted field, text is always quoted. */
export function copyCsvField(v: unknown): string {
  return v === null || v === undefined ? "" : typeof v === "string" ? `"${v.replace(/"/g, '""')}"` : String(v);
}

/**
 * Bulk-loads CSV text (PostgreSQL's CSV format: empty unquoted = NULL) into a table with COPY,
 * through whichever driver the database uses. Not for use inside a transaction.
 */
export async function copyCsvInto(db: Database, table: string, columns: readonly string[], csv: string): Promise<void> {
  const statement = `copy ${table} (${columns.join(", ")}) from stdin with (format csv)`;
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) {
    await client.query(statement.replace("from stdin", "from '/dev/blob'"), [], { blob: new Blob([csv]) });
    return;
  }
  // A COPY holds its connection until the data is sent: without a connection of its own, the pool
  // would pipeline other requests' queries onto it (COPY_IN_PROGRESS under concurrent uploads).
  const connection = await (client as postgres.Sql).reserve();
  try {
    const writable = await connection.unsafe(statement).writable();
    await new Promise<void>((resolve, reject) => {
      writable.on("error", reject);
      writable.on("finish", () => resolve());
      writable.end(csv);
    });
  } finally {
    connection.release();
  }
}

/** Rows of a raw query, whichever driver runs it (postgres-js returns an array, PGlite an object with rows). */
export async function queryRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export { sql };

/**
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics after bulk changes and
 * the aggregate queries plan with guesses (totalsByBody over the national dataset: ~870 ms instead of
 * ~15 ms). Called at start and after large commits; PostgreSQL's autovacuum does this on its own.
 */
export async function refreshStatisticsIfEmbedded(db: Database, tables?: readonly string[]): Promise<void> {
  if (!((db as unknown as { $client: unknown }).$client instanceof PGlite)) return;
  await db.execute(tables ? sql`analyze ${sql.join(tables.map((t) => sql.identifier(t)), sql`, `)}` : sql`analyze`);
}
