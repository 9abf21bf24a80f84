import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";

const versionReads = new WeakMap<Database, Promise<number>>();

/**
 * The data version (ADR 013): it changes with every committed transaction that changed what pages show.
 * Calls in one synchronous run share one read (a loader's Promise.all asks through several kept reads at
 * once). Nothing can commit in between, and with PGlite, which answers in microtasks, sharing any longer
 * could hand a loader that follows a commit a read queued before it.
 */
export function currentDataVersion(db: Database): Promise<number> {
  let read = versionReads.get(db);
  if (!read) {
    read = queryRows<{ version: string | number }>(db, sql`select version from data_version where id = 1`).then(([row]) => {
      if (!row) throw new Error("data_version has no row: run the migrations");
      return Number(row.version);
    });
    versionReads.set(db, read);
    queueMicrotask(() => versionReads.delete(db));
  }
  return read;
}

type MemoState = { version: number; results: Map<string, Promise<unknown>> };

/**
 * A read whose result is the same for every viewer until the data changes (national and per-prefecture
 * totals that every municipality and prefecture page shows), kept per database and data version
 * (ADR 038): each call reads the data version (one indexed row) and runs the query only when this
 * version has not answered these arguments yet. A version older than the kept one (a lagging replica
 * behind the same handle) is read through, not kept. Callers get their own copy of the result, or with
 * `frozen` all the same one, frozen to the depth of its rows (for large results only read: a copy of
 * ~1,900 rows costs 1.5 ms per call).
 */
export function memoByDataVersion<A extends (string | number | null)[], T>(
  load: (db: Database, ...args: A) => Promise<T>,
  options: { maxEntries?: number; frozen?: boolean } = {},
): (db: Database, ...args: A) => Promise<T> {
  const maxEntries = options.maxEntries ?? 64;
  const states = new WeakMap<Database, MemoState>();
  return async (db, ...args) => {
    const version = await currentDataVersion(db);
    let state = states.get(db);
    if (!state || version > state.version) {
      state = { version, results: new Map() };
      states.set(db, state);
    } else if (version < state.version) {
      return load(db, ...args);
    }
    const key = JSON.stringify(args);
    let result = state.results.get(key) as Promise<T> | undefined;
    if (!result) {
      if (state.results.size >= maxEntries) state.results.delete(state.results.keys().next().value!);
      const results = state.results;
      result = options.frozen ? load(db, ...args).then(deepFreeze) : load(db, ...args);
      results.set(key, result);
      // a failed read is not kept: the next call tries again
      result.catch(() => results.get(key) === result && results.delete(key));
    }
    return options.frozen ? result : structuredClone(await result);
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
