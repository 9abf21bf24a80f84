// The one server for development (Vite middleware) and production (the built Remix app).
import cluster from "node:cluster";
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type ErrorRequestHandler, type RequestHandler } from "express";
import { closeDatabase, connectDatabase, type Database, getDb, getReadDb, readReplicaConfigured, readRouter, refreshStatisticsIfEmbedded, sql } from "./db";
import { currentDataVersion } from "./db/queries/data-version-memo";
import { ownsBodyLists } from "./db/queries/body-lists";
import { sessionCookieName, userOfSessionCookie, type SessionUser } from "./app/server/auth/session.server";
import { pageToday } from "./app/server/pages/today.server";
import { printScopeLabel } from "./app/server/pages/scope-label.server";
import { getEnv, trustProxySetting } from "./app/server/env.server";
import { logger } from "./app/server/http/logger.server";
import { appProcessCount, superviseWorkers } from "./app/server/http/cluster.server";
import { RenderCache, renderCacheMiddleware } from "./app/server/http/render-cache.server";
import type { ViewerSlots } from "./app/server/http/load-context";
import { refuseNulInForms } from "./app/server/http/form-nul.server";
import { noStoreForSessions } from "./app/server/http/private-cache.server";
import { readYourWrites, unlessUnreplayedWrite } from "./app/server/http/read-your-writes.server";
import { allowedOriginsFor, checkSameOrigin } from "./app/server/http/same-origin.server";
import { securityHeaders } from "./app/server/http/security-headers.server";
import { pageDataFormatOf, servePageData } from "./app/server/http/page-data.server";
import { ApiTokenThrottle, bearerTokenOf } from "./app/server/auth/api-tokens.server";
import { failInterruptedCommits, failStaleStaging } from "./app/server/uploads/service.server";
import { loadBuiltInMasterIfEmpty } from "./app/server/master/built-in-master";
import { builtInMasterSource } from "./app/server/master/national-master.server";
import { isDatabaseEmpty, seedDemo } from "./seeds/demo";

const env = getEnv();
const development = process.env.NODE_ENV === "development";

const processes = appProcessCount(env, development);

// Another instance sharing the database may be staging right now: only uploads older than any
// staging takes are given up, at start and then every few minutes.
const staleStagingMinutes = 15;
async function cleanStaleStaging(db: Database) {
  const stale = await failStaleStaging(db, staleStagingMinutes);
  if (stale > 0) logger.warn({ uploads: stale }, "uploads stuck while staging were marked failed and their staged rows deleted");
}

// Safe while other processes commit: an upload still committing holds its row lock, which this waits for.
async function recoverInterruptedCommits(db: Database) {
  const interrupted = await failInterruptedCommits(db);
  if (interrupted > 0) logger.warn({ uploads: interrupted }, "uploads interrupted while committing were marked failed (nothing was applied)");
}

/** Once per start, before any request: by the one process, or by the primary before it forks its workers. */
async function prepareDatabase(db: Database) {
  await recoverInterruptedCommits(db);
  await cleanStaleStaging(db);
  const master = await loadBuiltInMasterIfEmpty(db);
  if (master) logger.info({ source: builtInMasterSource, ...master.byKind }, "empty database: built-in master list of local governments loaded");
  if (env.DEMO_SEED === "auto" && (await isDatabaseEmpty(db))) {
    const started = performance.now();
    logger.info("empty database: loading the demo dataset");
    const result = await seedDemo(db);
    logger.info({ ...result, ms: Math.round(performance.now() - started) }, "demo dataset loaded");
  }
  await refreshStatisticsIfEmbedded(db);
}

if (cluster.isPrimary && processes > 1) {
  const prepared = await connectDatabase();
  await prepareDatabase(prepared.db);
  await closeDatabase();
  logger.info({ processes }, "starting app processes");
  await superviseWorkers(processes);
}

const handle = await connectDatabase();
logger.info({ database: handle.target.driver === "postgres" ? "postgres" : `pglite ${handle.target.dataDir}` }, "database ready");
if (cluster.isPrimary) await prepareDatabase(handle.db);
// a worker started in place of one that died may find that one's commit cut off
else await recoverInterruptedCommits(handle.db);
const stagingCleanup = setInterval(() => cleanStaleStaging(handle.db).catch((error: unknown) => logger.error({ err: error }, "stale staging cleanup failed")), 5 * 60_000);
stagingCleanup.unref();

const viteDevServer = development
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

let stopping = false;

/** A request id (kept from X-Request-Id when sane), the CSP nonce, and one log line when the response is done. */
const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.get("x-request-id");
  const requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = requestId;
  res.locals.startedAt = performance.now();
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  res.on("finish", () => {
    const fields = {
      requestId,
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Math.round((performance.now() - res.locals.startedAt) * 10) / 10,
      clientAddress: req.ip,
      ...(res.locals.renderCache ? { renderCache: res.locals.renderCache } : {}),
    };
    if (req.path.startsWith("/assets/")) logger.debug(fields, "request");
    else logger.info(fields, "request");
  });
  next();
};

const headers: RequestHandler = (req, res, next) => {
  res.set(securityHeaders({ nonce: res.locals.cspNonce, development, https: req.secure }));
  next();
};

/** CSRF: every request that changes something must come from our own origin (ADR 010). */
const sameOriginOnly: RequestHandler = (req, res, next) => {
  const verdict = checkSameOrigin({
    method: req.method,
    origin: req.get("origin"),
    referer: req.get("referer"),
    secFetchSite: req.get("sec-fetch-site"),
    allowedOrigins: allowedOriginsFor(env.APP_ORIGIN, `${req.protocol}://${req.get("host")}`),
  });
  if (verdict.ok) return next();
  logger.warn({ requestId: res.locals.requestId, reason: verdict.reason, origin: req.get("origin"), path: req.path }, "cross-origin request refused");
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send("この操作は受け付けられませんでした（送信元を確認できませんでした）。ページを開き直してから、もう一度お試しください。");
};

/** For load balancers: 200 when the database answers, 503 while stopping or when it does not. */
const healthz: RequestHandler = async (_req, res) => {
  res.set("Cache-Control", "no-store");
  if (stopping) return void res.status(503).json({ status: "stopping" });
  try {
    const db = await getDb();
    await Promise.race([db.execute(sql`select 1`), new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 2_000))]);
    res.json({ status: "ok", database: "ok" });
  } catch (error) {
    logger.error({ err: error, requestId: res.locals.requestId }, "health check failed");
    res.status(503).json({ status: "error", database: "unreachable" });
  }
};

/** Whatever escapes Remix: logged with the request id; the user gets a short Japanese page, never a stack trace. */
const errorPage: ErrorRequestHandler = (error, req, res, _next) => {
  logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, "unhandled error");
  if (res.headersSent) return void res.end();
  res
    .status(500)
    .type("html")
    .send(`<!doctype html><html lang="ja"><meta charset="utf-8"><title>エラー | つなぐ</title><h1>エラーが発生しました</h1><p>時間をおいて再度お試しください。問い合わせの際は次の番号をお伝えください: ${res.locals.requestId}</p></html>`);
};

const serverBuild: () => Promise<ServerBuild> = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
  : await import(path.resolve("build/server/index.js")).then((build: ServerBuild) => () => Promise.resolve(build));
const loadContextOf = (req: express.Request, res: express.Response) => ({
  requestId: res.locals.requestId as string,
  clientAddress: req.ip ?? null,
  cspNonce: res.locals.cspNonce as string,
  startedAt: res.locals.startedAt as number,
  viewerSlots: (res.locals.viewerSlots as ViewerSlots | undefined) ?? null,
  sessionUser: (res.locals.sessionUser as SessionUser | undefined) ?? null,
});

/** `?format=json|csv|xlsx` and every request carrying an API token: the page's data (ADR 028). */
const apiTokenThrottle = new ApiTokenThrottle(env.API_TOKEN_REQUESTS_PER_MINUTE);
const pageData: RequestHandler = async (req, res, next) => {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host")}`);
  if (!pageDataFormatOf(url) && !req.get("authorization")?.match(/^Bearer\s/i)) return next();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, { method: req.method, headers });
    if (!["GET", "HEAD"].includes(req.method) && !bearerTokenOf(request)) return next();
    const response = await servePageData((await serverBuild()).routes, request, { db: await getDb(), throttle: apiTokenThrottle, context: loadContextOf(req, res) });
    if (!response) return next();
    res.status(response.status);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    next(error);
  }
};

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxySetting(env.TRUST_PROXY));
app.use(requestContext);
app.use(headers);
app.get("/healthz", healthz);
app.use(compression());
if (viteDevServer) app.use(viteDevServer.middlewares);
else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}
app.use(noStoreForSessions(sessionCookieName));
app.use(pageData);
app.use(sameOriginOnly);
// with a replica, a session's own commits still show at once on the aggregate pages (ADR 030)
const replicaReads = readReplicaConfigured();
if (replicaReads) {
  readRouter().log = logger;
  app.use(readYourWrites(sessionCookieName, readRouter, getDb));
}
if (env.RENDER_CACHE_MB > 0 && !viteDevServer) {
  const renderCache = renderCacheMiddleware({
    cache: new RenderCache(env.RENDER_CACHE_MB * 1024 * 1024),
    userOf: userOfSessionCookie,
    ownsBodyLists: async (userId) => ownsBodyLists(await getDb(), userId),
    scopeLabelOf: async (user) => printScopeLabel(await getDb(), user),
    // pages read the primary or the replica: an entry is good while neither has changed (ADR 013)
    dataVersions: async () => {
      const [primary, read] = await Promise.all([getDb(), getReadDb()]);
      return primary === read ? [await currentDataVersion(primary)] : Promise.all([currentDataVersion(primary), currentDataVersion(read)]);
    },
    today: () => pageToday(),
  });
  app.use(replicaReads ? unlessUnreplayedWrite(sessionCookieName, readRouter, renderCache) : renderCache);
}
app.all(
  "*",
  refuseNulInForms(
    createRequestHandler({
      build: serverBuild,
      // production mode whatever NODE_ENV says: error details stay in the log, never in the page
      mode: development ? "development" : "production",
      getLoadContext: loadContextOf,
    }),
  ),
);
app.use(errorPage);

const server = app.listen(env.PORT, () => {
  logger.info({ port: env.PORT }, "listening");
  // browser tests and people wait for this line
  process.stdout.write(`つなぐ: http://localhost:${env.PORT}\n`);
});

// Connections between two requests (a browser's keep-alive) are closed on shutdown. A connection that has
// not yet sent its first request is left to send it: closeIdleConnections() counted it as idle and reset it
// under the request nginx had just written on it (a POST lost in a rolling restart, which nginx never re-sends).
// While stopping, every response closes its connection.
const betweenRequests = new Set<Socket>();
server.on("connection", (socket) => socket.once("close", () => betweenRequests.delete(socket)));
// before the app's own handler, so the header is set before any response starts
server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
  const socket = req.socket;
  betweenRequests.delete(socket);
  if (stopping) res.setHeader("Connection", "close");
  res.once("finish", () => {
    if (!socket.destroyed) betweenRequests.add(socket);
  });
});

/** Stop taking requests, let the ones in flight finish (up to SHUTDOWN_TIMEOUT_MS), then close the database. */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(stagingCleanup);
  logger.info({ signal }, "shutting down");
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => {
    for (const socket of betweenRequests) socket.destroy();
    betweenRequests.clear();
  }, 100);
  const deadline = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), env.SHUTDOWN_TIMEOUT_MS).unref());
  if ((await Promise.race([closed, deadline])) === "timeout") {
    logger.warn("requests still running at the shutdown deadline: closing their connections");
    server.closeAllConnections();
  }
  clearInterval(idle);
  await viteDevServer?.close();
  await closeDatabase();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
