import { openDatabase, targetFromEnv, type Database, type DatabaseHandle } from "./client";
import { ReadRouter } from "./read-routing";

export * from "./client";
export * as schema from "./schema";

// The server entry and the Remix server bundle each get their own copy of this module;
// keeping the handle on globalThis makes them share one connection (and one PGlite lock).
const globalKey = Symbol.for("tsunagu.database");
const readKey = Symbol.for("tsunagu.database.read");
const routerKey = Symbol.for("tsunagu.database.readRouter");
type GlobalWithDb = typeof globalThis & {
  [globalKey]?: Promise<DatabaseHandle>;
  [readKey]?: Promise<DatabaseHandle | null>;
  [routerKey]?: ReadRouter;
};
const store = globalThis as GlobalWithDb;

/** The process-wide choice between replica and primary (read-your-writes, fallback; ADR 030). */
export function readRouter(): ReadRouter {
  return (store[routerKey] ??= new ReadRouter());
}

/** Opens (once per process) and migrates the database configured by DATABASE_URL / PGLITE_DIR. */
export function connectDatabase(): Promise<DatabaseHandle> {
  store[globalKey] ??= (async () => {
    const handle = await openDatabase(targetFromEnv());
    await handle.migrate();
    return handle;
  })().catch((error: unknown) => {
    delete store[globalKey];
    throw error;
  });
  return store[globalKey];
}

/** The process-wide database; loaders and actions call this. */
export async function getDb(): Promise<Database> {
  return (await connectDatabase()).db;
}

/** DATABASE_READ_URL is set with a PostgreSQL DATABASE_URL (a replica of PGlite makes no sense). */
export function readReplicaConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.DATABASE_READ_URL) && Boolean(env.DATABASE_URL);
}

/**
 * The database for read-heavy aggregate loaders: a read replica when DATABASE_READ_URL is set (with
 * DATABASE_URL; a replica of PGlite makes no sense), else the primary. Replicas lag: sessions,
 * forms and anything a user expects to see right after writing it stay on getDb(); a reader whose
 * own commit the replica has not replayed yet, and everyone while the replica does not answer, get
 * the primary here too (readRouter(), ADR 030).
 */
export async function getReadDb(): Promise<Database> {
  store[readKey] ??= (async () => {
    if (!readReplicaConfigured()) return null;
    return openDatabase({ driver: "postgres", url: process.env.DATABASE_READ_URL! });
  })().catch((error: unknown) => {
    delete store[readKey];
    throw error;
  });
  const replica = (await store[readKey])?.db;
  return replica ? readRouter().choose(getDb, replica) : getDb();
}

export async function closeDatabase(): Promise<void> {
  const pending = store[globalKey];
  const read = store[readKey];
  delete store[globalKey];
  delete store[readKey];
  await (await read)?.close();
  if (pending) await (await pending).close();
}

/**
 * Makes an already opened handle the process-wide database, and optionally another the read
 * database (integration tests run routes against their own databases).
 */
export function installDatabaseHandle(handle: DatabaseHandle, readHandle: DatabaseHandle | null = null): void {
  store[globalKey] = Promise.resolve(handle);
  store[readKey] = Promise.resolve(readHandle);
  store[routerKey] = new ReadRouter();
}
