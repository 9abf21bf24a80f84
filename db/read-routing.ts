// Which database an aggregate page reads when DATABASE_READ_URL names a streaming replica (ADR 030):
// the replica, except (1) for a reader whose own commit the replica has not replayed yet
// (read-your-writes, by WAL position) and (2) while the replica does not answer (fallback to the
// primary, logged; the next probe after REPLICA_RETRY_MS tries it again).
import { AsyncLocalStorage } from "node:async_hooks";
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "./client";

/** A WAL position (`16/B374D848`) as a number that orders like the position. */
export function parseLsn(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** The part of the pino logger the router uses; the server gives it its logger (db/ does not import app/). */
export type RouterLog = {
  warn: (details: object, message: string) => void;
  info: (details: object, message: string) => void;
};
const silent: RouterLog = { warn: () => {}, info: () => {} };

const pending = "pending" as const;
/** how long a replica that did not answer is left alone before it is asked again */
export const replicaRetryMs = 1_000;
const probeTimeoutMs = 1_000;

/**
 * Per process: the readers (session ids) that have written, with the primary's WAL position after
 * their write committed ("pending" while the write is still running). An entry goes once the
 * replica has replayed that position.
 */
export class ReadRouter {
  private readonly writes = new Map<string, bigint | typeof pending>();
  private readonly context = new AsyncLocalStorage<string>();
  private downSince: number | null = null;
  private lastProbe = 0;
  log: RouterLog = silent;

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `fn` (a request) as `reader`: getReadDb() inside it honours that reader's own writes. */
  readingAs<T>(reader: string | null, fn: () => T): T {
    return reader ? this.context.run(reader, fn) : fn();
  }

  /** True while `reader` must read the primary: a write of theirs is running or not yet replayed. */
  hasUnreplayedWrite(reader: string | null): boolean {
    return reader !== null && this.writes.has(reader);
  }

  /**
   * Marks the start of a request that may write; the returned function, called once the request is
   * done (its transaction committed), records the primary's WAL position for the reader.
   */
  beginWrite(reader: string, primary: () => Promise<Database>): () => Promise<void> {
    this.writes.set(reader, pending);
    return async () => {
      try {
        const [row] = await queryRows<{ lsn: string }>(await primary(), sql`select pg_current_wal_lsn()::text as lsn`);
        this.writes.set(reader, parseLsn(row!.lsn));
      } catch (error) {
        // the primary did not answer, so the write most likely failed with it
        this.log.warn({ err: error }, "WAL position of a write not recorded; the writer reads the replica again");
        this.writes.delete(reader);
      }
    };
  }

  /** The database a page of the current reader reads. */
  async choose(primary: () => Promise<Database>, replica: Database): Promise<Database> {
    const reader = this.context.getStore() ?? null;
    const waitFor = reader ? this.writes.get(reader) : undefined;
    if (waitFor === pending) return primary();
    if (this.downSince !== null && this.now() - this.lastProbe < replicaRetryMs) return primary();
    this.lastProbe = this.now();
    let replayed: bigint | null;
    try {
      replayed = await replayPosition(replica);
    } catch (error) {
      if (this.downSince === null) {
        this.downSince = this.now();
        this.log.warn({ err: error }, "read replica unavailable: the aggregate pages read the primary");
      }
      return primary();
    }
    if (this.downSince !== null) {
      this.log.info({ downForMs: this.now() - this.downSince }, "read replica available again: the aggregate pages read it");
      this.downSince = null;
    }
    if (replayed !== null) {
      // every session whose write the replica now has reads it again (also those that went quiet)
      for (const [other, position] of this.writes) if (position !== pending && position <= replayed) this.writes.delete(other);
    }
    if (waitFor !== undefined && reader) {
      // a server that is not in recovery (no replay position) is not lagging behind anything
      if (replayed !== null && replayed < waitFor) return primary();
      this.writes.delete(reader);
    }
    return replica;
  }
}

async function replayPosition(replica: Database): Promise<bigint | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`read replica did not answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
  });
  try {
    const rows = await Promise.race([queryRows<{ lsn: string | null }>(replica, sql`select pg_last_wal_replay_lsn()::text as lsn`), timeout]);
    const lsn = rows[0]?.lsn ?? null;
    return lsn === null ? null : parseLsn(lsn);
  } finally {
    clearTimeout(timer);
  }
}
