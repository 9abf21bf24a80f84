// Several app processes behind one port on one machine (WEB_CONCURRENCY, ADR 041). Rendering a page is
// JavaScript on one core; a second process on the same machine serves while the first renders. The
// primary prepares the database once, then only supervises: Node's cluster hands each accepted
// connection to a worker in turn, and every worker is the same app as a single process.
import cluster, { type Worker } from "node:cluster";
import { logger } from "./logger.server";

/**
 * How many processes serve: WEB_CONCURRENCY on PostgreSQL in a production build; one on PGlite (an
 * embedded database is one process by nature: its lock file refuses a second) and under Vite.
 */
export function appProcessCount(settings: { WEB_CONCURRENCY: number; DATABASE_URL?: string }, development: boolean): number {
  if (settings.WEB_CONCURRENCY > 1 && (!settings.DATABASE_URL || development)) {
    logger.warn({ WEB_CONCURRENCY: settings.WEB_CONCURRENCY }, development ? "WEB_CONCURRENCY is ignored in development" : "WEB_CONCURRENCY is ignored on PGlite: one process");
    return 1;
  }
  return settings.WEB_CONCURRENCY;
}

/**
 * The Node options of an app process: with a young generation of 32 MB per semi-space instead of V8's
 * 16, a render's short-lived objects (rows, props, markup pieces) die before they are copied, and
 * `bench:load` served ~10% more uncached pages (ADR 048). An option the operator set is kept.
 */
export function workerExecArgv(execArgv: readonly string[], nodeOptions = ""): string[] {
  const set = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith("--max-semi-space-size"));
  return set ? [...execArgv] : [...execArgv, "--max-semi-space-size=32"];
}

/**
 * The primary process: forks `count` workers running this same script and never returns. A worker that
 * dies after it was serving is replaced; one that dies before it ever listened stops the whole server
 * (it would die again: a start-up failure is fatal, as in a single process). SIGTERM or SIGINT is passed
 * to every worker, each drains its own requests (server.ts), and the primary exits once all have stopped:
 * with 0 when every worker stopped cleanly.
 */
export function superviseWorkers(count: number): Promise<never> {
  let stopping: NodeJS.Signals | null = null;
  let failed = false;
  const listened = new WeakSet<Worker>();
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => listened.add(worker));
  };
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = signal;
    logger.info({ signal }, "stopping app processes");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      if (listened.has(worker)) {
        logger.error({ pid: worker.process.pid, code, signal }, "app process died: starting another");
        fork();
      } else {
        logger.error({ pid: worker.process.pid, code, signal }, "app process failed to start: stopping");
        failed = true;
        stop("SIGTERM");
      }
      // a worker still starting has no handler yet: ended by the signal passed on, it stopped as asked
    } else if (code !== 0 && signal !== stopping) failed = true;
    if (Object.keys(cluster.workers ?? {}).length === 0 && stopping) process.exit(failed ? 1 : 0);
  });
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  for (let i = 0; i < count; i++) fork();
  return new Promise<never>(() => {});
}
