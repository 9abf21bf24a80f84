import { openDatabase, targetFromEnv, type Database, type DatabaseHandle } from "./client";

export * from "./client";
export * as schema from "./schema";

// The server entry and the Remix server bundle each get their own copy of this module;
// keeping the handle on globalThis makes them share one connection (and one PGlite lock).
const globalKey = Symbol.for("tsunagu.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<DatabaseHandle> };
const store = globalThis as GlobalWithDb;

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

export async function closeDatabase(): Promise<void> {
  const pending = store[globalKey];
  if (!pending) return;
  delete store[globalKey];
  await (await pending).close();
}

/** Makes an already opened handle the process-wide database (integration tests run routes against their own database). */
export function installDatabaseHandle(handle: DatabaseHandle): void {
  store[globalKey] = Promise.resolve(handle);
}
