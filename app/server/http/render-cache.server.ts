// Rendered pages of the aggregate views, kept per user, URL and data version (ADR 013). A page is a
// function of who asks, what they ask for, the data and today's date; the data version changes at
// the commit of every transaction that changed the data, so an entry is never served after the data
// it was made from has changed.
import type { NextFunction, Request, Response } from "express";
import type { SessionUser } from "../auth/session.server";
import { logger } from "./logger.server";

export type CachedRender = {
  body: string;
  /** the CSP nonce the page was rendered with; each response gets its own in its place */
  nonce: string;
  contentType: string;
  cacheControl: string | null;
};

/**
 * Pages that are a function of (user, URL, data, date) and nothing else: the national, prefecture
 * and municipality views and their drill-downs, as documents and as Remix data requests. Not the
 * upload, account or administration pages (they show state outside the data version: sessions,
 * the audit log, staged rows).
 */
const cacheablePath =
  /^\/(?:|prefectures(?:\/\d{2}(?:\/(?:cooperation|jusou|supervision|support|training|submissions))?)?|municipalities\/\d{6}|compare|completeness|cooperation|jusou|supervision|support|training)$/;

export function isRenderCacheablePath(pathname: string): boolean {
  const page = pathname === "/_root.data" ? "/" : /[^/]\.data$/.test(pathname) ? pathname.slice(0, -".data".length) : pathname;
  return cacheablePath.test(page);
}

/** Least recently used entries go first when the byte budget is spent; a new generation empties it. */
export class RenderCache {
  private generation: string | null = null;
  private readonly entries = new Map<string, CachedRender>();
  private bytes = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get(generation: string, key: string): CachedRender | undefined {
    if (generation !== this.generation) return undefined;
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(generation: string, key: string, entry: CachedRender): void {
    const size = entrySize(entry);
    if (size > this.maxBytes / 4) return;
    if (generation !== this.generation) {
      // generations only move forward in practice; a late render of an older one is simply dropped
      if (this.generation !== null && generation < this.generation) return;
      this.entries.clear();
      this.bytes = 0;
      this.generation = generation;
    }
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= entrySize(previous);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entrySize(value);
    }
  }
}

function entrySize(entry: CachedRender): number {
  // UTF-16 in memory
  return entry.body.length * 2 + 200;
}

/**
 * The data versions (the primary's and, with a replica, the replica's) and the date. Zero-padded
 * versions keep string order numeric, so a newer generation sorts after an older one.
 */
export function renderGeneration(dataVersions: readonly number[], today: string): string {
  return [...dataVersions.map((v) => String(v).padStart(16, "0")), today].join("|");
}

export type RenderCacheOptions = {
  cache: RenderCache;
  userOf: (cookieHeader: string | undefined) => Promise<SessionUser | null>;
  /**
   * The data version of every database the pages read: a page rendered from the primary changes
   * with the primary's, one rendered from a replica with the replica's.
   */
  dataVersions: () => Promise<number[]>;
  today: () => string;
};

/**
 * Express middleware in front of the Remix handler. A hit is served with the request's own nonce;
 * a miss renders through Remix while the body is captured, and requests for the same key that
 * arrive meanwhile wait for that one render instead of starting their own.
 */
export function renderCacheMiddleware({ cache, userOf, dataVersions, today }: RenderCacheOptions) {
  const inFlight = new Map<string, Promise<CachedRender | null>>();

  function send(res: Response, entry: CachedRender, outcome: "hit" | "shared", startedAt: number) {
    const nonce = String(res.locals.cspNonce ?? "");
    const body = entry.nonce && nonce ? entry.body.replaceAll(entry.nonce, nonce) : entry.body;
    res.locals.renderCache = outcome;
    res.status(200);
    res.setHeader("Content-Type", entry.contentType);
    if (entry.cacheControl) res.setHeader("Cache-Control", entry.cacheControl);
    res.setHeader("Server-Timing", `cache;desc="${outcome}";dur=${(performance.now() - startedAt).toFixed(1)}`);
    res.setHeader("X-Render-Cache", outcome);
    res.end(body);
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" || !isRenderCacheablePath(req.path)) return next();
    const startedAt = performance.now();
    let user: SessionUser | null;
    let generation: string;
    try {
      const [found, versions] = await Promise.all([userOf(req.headers.cookie), dataVersions()]);
      user = found;
      generation = renderGeneration(versions, today());
    } catch (error) {
      // the cache is an optimisation: if it cannot decide, Remix serves (and reports) as usual
      logger.warn({ err: error, requestId: res.locals.requestId }, "render cache skipped");
      return next();
    }
    // anonymous requests and temporary passwords are redirected by the loaders; never cached
    if (!user || user.mustChangePassword) return next();
    // the date style (西暦／和暦) is part of the rendered page: a change of setting renders anew
    const key = `${user.id} ${user.dateStyle} ${req.originalUrl}`;
    const flightKey = `${generation} ${key}`;

    const cached = cache.get(generation, key);
    if (cached) return send(res, cached, "hit", startedAt);
    const pending = inFlight.get(flightKey);
    if (pending) {
      const shared = await pending;
      if (shared) return send(res, shared, "shared", startedAt);
      return next();
    }

    let settle!: (entry: CachedRender | null) => void;
    inFlight.set(flightKey, new Promise((resolve) => (settle = resolve)));
    const chunks: Buffer[] = [];
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: Response, ...args: Parameters<Response["write"]>) {
      capture(args[0], args[1]);
      return write.apply(this, args);
    } as Response["write"];

    let done = false;
    const finish = (completed: boolean) => {
      if (done) return;
      done = true;
      inFlight.delete(flightKey);
      const contentType = String(res.getHeader("Content-Type") ?? "");
      const storable =
        completed && res.statusCode === 200 && res.getHeader("Set-Cookie") === undefined && /^(text\/html|text\/x-script)/.test(contentType);
      if (!storable) return settle(null);
      const entry: CachedRender = {
        body: Buffer.concat(chunks).toString("utf8"),
        nonce: String(res.locals.cspNonce ?? ""),
        contentType,
        cacheControl: (res.getHeader("Cache-Control") as string | undefined) ?? null,
      };
      cache.set(generation, key, entry);
      settle(entry);
    };
    res.end = function (this: Response, ...args: unknown[]) {
      if (typeof args[0] !== "function") capture(args[0], args[1]);
      // the page is whole once Remix ends it; waiting for "finish" would tie the requests sharing
      // this render to how fast the first client reads
      finish(true);
      return (end as (...a: unknown[]) => Response).apply(this, args);
    } as Response["end"];
    res.on("close", () => finish(false));
    res.locals.renderCache = "miss";
    res.setHeader("X-Render-Cache", "miss");
    next();
  };
}
