// Rendered pages of the aggregate views, kept per scope, date style, URL and data version (ADR 013,
// ADR 031, 042). A page is a function of the viewer's scope, what they ask for, the data and today's date;
// the viewer's own parts (the name in the header; for a body's staff outside their body's own page,
// the link to their body and the print label) are slots filled per response, and the pages that
// show a viewer's own saved lists are kept per user for viewers who have any. The data version
// changes at the commit of every transaction that changed the data, so an entry is never served
// after the data it was made from has changed.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { renderScopeKey, scopeKey } from "../auth/access";
import type { SessionUser } from "../auth/session.server";
import type { ViewerSlots } from "./load-context";
import { logger } from "./logger.server";

export type CachedRender = {
  body: string;
  /** the CSP nonce the page was rendered with; each response gets its own in its place */
  nonce: string;
  /** the viewer slots the page was rendered with (null: rendered for one user, nothing to fill) */
  slots: ViewerSlots | null;
  contentType: string;
  cacheControl: string | null;
};

/**
 * Pages that are a function of (scope, URL, data, date) and the viewer's slots: the national, prefecture
 * and municipality views and their drill-downs, as documents and as Remix data requests. Not the
 * upload, account or administration pages (they show state outside the data version: sessions,
 * the audit log, staged rows).
 */
const cacheablePath =
  /^\/(?:|prefectures(?:\/\d{2}(?:\/(?:cooperation|jusou|supervision|support|training|submissions))?)?|municipalities\/\d{6}|compare|completeness|cooperation|jusou|supervision|support|training)$/;

/**
 * Cacheable pages that show the viewer's own saved lists of bodies (the comparator of ADR 025): shared
 * by scope between viewers who have none, kept per user for a viewer who has some.
 */
const viewerListsPath = /^\/(?:compare|municipalities\/\d{6})$/;

function pageOf(pathname: string): string {
  return pathname === "/_root.data" ? "/" : /[^/]\.data$/.test(pathname) ? pathname.slice(0, -".data".length) : pathname;
}

export function isRenderCacheablePath(pathname: string): boolean {
  return cacheablePath.test(pageOf(pathname));
}

export function showsViewerLists(pathname: string): boolean {
  return viewerListsPath.test(pageOf(pathname));
}

/**
 * Pages on which a body's own staff see something the staff of other bodies do not: the body's own page,
 * and the prefecture's 重層 list, which links each viewer's own body (canSeeBody). The catalogue test
 * (tests/integration/render-cache-scope.test.ts) fails for a page that is missing here.
 */
const ownBodyPath = /^\/(?:municipalities\/\d{6}|prefectures\/\d{2}\/jusou)$/;

export function showsOwnBody(pathname: string): boolean {
  return ownBodyPath.test(pageOf(pathname));
}

// what React escapes in HTML text, JSON.stringify in strings, and Remix in the data of a script
const slotUnsafe = /["&'<>\\\u2028\u2029]/;

/** Whether a value reads the same in every context a slot can be in (else the viewer's pages are kept per user). */
export function fillsSlotVerbatim(value: string): boolean {
  return !slotUnsafe.test(value) && ![...value].some((c) => c.charCodeAt(0) < 0x20);
}

/** A viewer as the cache sees them: whether they saved lists (on the pages that show them) and whom their prints speak for. */
export type CacheViewer = SessionUser & { ownsBodyLists: boolean; scopeLabel: string };

/**
 * Whether a rendering for this viewer is shared with the staff of the other bodies of their prefecture,
 * their body's code and print label as slots (ADR 042): not on the pages that show them something of
 * their own body, and only when the label can fill a slot verbatim.
 */
export function sharesBodySlots(viewer: CacheViewer, pathname: string): boolean {
  return renderScopeKey(viewer, showsOwnBody(pathname)) !== scopeKey(viewer) && fillsSlotVerbatim(viewer.scopeLabel);
}

/**
 * The key of a viewer's rendering of a URL: the scope it is rendered for (access.ts), unless the page
 * shows their own lists and they have some, or their name cannot fill a slot verbatim; then their user id.
 */
export function renderKey(viewer: CacheViewer, pathname: string, url: string): string {
  const perUser = !fillsSlotVerbatim(viewer.displayName) || (viewer.ownsBodyLists && showsViewerLists(pathname));
  if (perUser) return `user ${viewer.id} ${viewer.dateStyle} ${url}`;
  return `scope ${sharesBodySlots(viewer, pathname) ? renderScopeKey(viewer, false) : scopeKey(viewer)} ${viewer.dateStyle} ${url}`;
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
  /** whether the user has saved lists of bodies (asked only on the pages that show them) */
  ownsBodyLists: (userId: number) => Promise<boolean>;
  /** whom a user's prints speak for (the root loader's label), asked once per body and data version */
  scopeLabelOf: (user: SessionUser) => Promise<string>;
  /**
   * The data version of every database the pages read: a page rendered from the primary changes
   * with the primary's, one rendered from a replica with the replica's.
   */
  dataVersions: () => Promise<number[]>;
  today: () => string;
};

/** A stored rendering as one viewer's response: their nonce, their own parts in the slots it was rendered with. */
export function fillRender(entry: Pick<CachedRender, "body" | "nonce" | "slots">, viewer: Pick<CacheViewer, "displayName" | "localGovernmentCode" | "scopeLabel">, nonce: string): string {
  const body = entry.nonce && nonce ? entry.body.replaceAll(entry.nonce, nonce) : entry.body;
  return entry.slots ? fillSlots(body, entry.slots, viewer) : body;
}

function fillSlots(body: string, slots: ViewerSlots, viewer: Pick<CacheViewer, "displayName" | "localGovernmentCode" | "scopeLabel">): string {
  let filled = body.replaceAll(slots.displayName, viewer.displayName);
  if (slots.homeBody) filled = filled.replaceAll(slots.homeBody, viewer.localGovernmentCode ?? "");
  if (slots.scopeLabel) filled = filled.replaceAll(slots.scopeLabel, viewer.scopeLabel);
  return filled;
}

/**
 * Express middleware in front of the Remix handler. A hit is served with the request's own nonce and
 * viewer; a miss renders through Remix (its loaders and guards run as always) with the viewer's parts
 * as slots while the body is captured, then is sent filled; requests for the same key that arrive
 * meanwhile wait for that one render instead of starting their own.
 */
export function renderCacheMiddleware({ cache, userOf, ownsBodyLists, scopeLabelOf, dataVersions, today }: RenderCacheOptions) {
  const inFlight = new Map<string, Promise<CachedRender | null>>();
  // never sent to a client (every response fills them), so no content can name them on purpose
  const token = randomBytes(16).toString("hex");
  const nameOnly: ViewerSlots = { displayName: `viewer${token}name` };
  const withBody: ViewerSlots = { ...nameOnly, homeBody: `viewer${token}body`, scopeLabel: `viewer${token}label` };
  // a body's name is data: its label is kept for one generation at a time
  let labels = { generation: "", byScope: new Map<string, Promise<string>>() };
  const labelOf = (user: SessionUser, generation: string) => {
    if (labels.generation !== generation) labels = { generation, byScope: new Map() };
    const scope = scopeKey(user);
    let label = labels.byScope.get(scope);
    if (!label) {
      label = scopeLabelOf(user);
      labels.byScope.set(scope, label);
      label.catch(() => labels.byScope.get(scope) === label && labels.byScope.delete(scope));
    }
    return label;
  };

  function send(res: Response, entry: CachedRender, viewer: CacheViewer, outcome: "hit" | "shared", startedAt: number) {
    res.locals.renderCache = outcome;
    res.status(200);
    res.setHeader("Content-Type", entry.contentType);
    if (entry.cacheControl) res.setHeader("Cache-Control", entry.cacheControl);
    res.setHeader("Server-Timing", `cache;desc="${outcome}";dur=${(performance.now() - startedAt).toFixed(1)}`);
    res.setHeader("X-Render-Cache", outcome);
    res.end(fillRender(entry, viewer, String(res.locals.cspNonce ?? "")));
  }

  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" || !isRenderCacheablePath(req.path)) return next();
    const startedAt = performance.now();
    let user: CacheViewer | null;
    let generation: string;
    try {
      const [found, versions] = await Promise.all([userOf(req.headers.cookie), dataVersions()]);
      generation = renderGeneration(versions, today());
      const [owns, scopeLabel] = found ? await Promise.all([showsViewerLists(req.path) ? ownsBodyLists(found.id) : false, labelOf(found, generation)]) : [false, ""];
      user = found ? { ...found, ownsBodyLists: owns, scopeLabel } : null;
    } catch (error) {
      // the cache is an optimisation: if it cannot decide, Remix serves (and reports) as usual
      logger.warn({ err: error, requestId: res.locals.requestId }, "render cache skipped");
      return next();
    }
    // anonymous requests and temporary passwords are redirected by the loaders; never cached
    if (!user || user.mustChangePassword) return next();
    // the date style (西暦／和暦) is part of the rendered page: a change of setting renders anew
    const key = renderKey(user, req.path, req.originalUrl);
    const shared = key.startsWith("scope ");
    const slots = sharesBodySlots(user, req.path) ? withBody : nameOnly;
    const flightKey = `${generation} ${key}`;

    const cached = cache.get(generation, key);
    if (cached) return send(res, cached, user, "hit", startedAt);
    const pending = inFlight.get(flightKey);
    if (pending) {
      const entry = await pending;
      if (entry) return send(res, entry, user, "shared", startedAt);
      return next();
    }

    let settle!: (entry: CachedRender | null) => void;
    inFlight.set(flightKey, new Promise((resolve) => (settle = resolve)));
    const chunks: Buffer[] = [];
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    };
    const end = res.end;
    // the rendering holds slots, not this viewer's name: it is kept back and sent filled when whole
    res.write = function (...args: Parameters<Response["write"]>) {
      capture(args[0], typeof args[1] === "function" ? undefined : args[1]);
      const callback = args.find((a) => typeof a === "function") as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
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
        slots: shared ? slots : null,
        contentType,
        cacheControl: (res.getHeader("Cache-Control") as string | undefined) ?? null,
      };
      cache.set(generation, key, entry);
      settle(entry);
    };
    const viewer = user;
    res.end = function (this: Response, ...args: unknown[]) {
      if (typeof args[0] !== "function") capture(args[0], typeof args[1] === "function" ? undefined : args[1]);
      const callback = args.find((a) => typeof a === "function");
      // the page is whole once Remix ends it; waiting for "finish" would tie the requests sharing
      // this render to how fast the first client reads
      finish(true);
      const raw = Buffer.concat(chunks);
      // whatever the outcome (an error page has the header too), this viewer gets their own name
      const body = shared ? Buffer.from(fillSlots(raw.toString("utf8"), slots, viewer), "utf8") : raw;
      if (res.getHeader("Content-Length") !== undefined) res.setHeader("Content-Length", body.byteLength);
      return (end as (...a: unknown[]) => Response).call(this, body, ...(callback ? [callback] : []));
    } as Response["end"];
    res.on("close", () => finish(false));
    if (shared) res.locals.viewerSlots = slots;
    res.locals.sessionUser = user;
    res.locals.renderCache = "miss";
    res.setHeader("X-Render-Cache", "miss");
    next();
  };
}
