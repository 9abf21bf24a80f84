// The one server for development (Vite middleware) and production (the built Remix app).
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { closeDatabase, connectDatabase } from "./db";
import { getEnv } from "./app/lib/env.server";
import { failInterruptedCommits } from "./db/queries/uploads";
import { isDatabaseEmpty, seedDemo } from "./seeds/demo";

const env = getEnv();
const development = process.env.NODE_ENV === "development";

const handle = await connectDatabase();
console.log(`database: ${handle.target.driver === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite ${handle.target.dataDir}`}`);
const interrupted = await failInterruptedCommits(handle.db);
if (interrupted > 0) console.log(`${interrupted} upload(s) interrupted while committing were marked failed (nothing was applied)`);
if (env.DEMO_SEED === "auto" && (await isDatabaseEmpty(handle.db))) {
  const started = performance.now();
  console.log("empty database: loading the demo dataset…");
  const result = await seedDemo(handle.db);
  console.log(`demo dataset loaded: ${result.bodies} bodies, ${result.monthlyRows} monthly rows in ${Math.round(performance.now() - started)} ms`);
}

const viteDevServer = development
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

const app = express();
app.disable("x-powered-by");
app.use(compression());
if (viteDevServer) app.use(viteDevServer.middlewares);
else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}
app.all(
  "*",
  createRequestHandler({
    build: viteDevServer
      ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
      : ((await import(path.resolve("build/server/index.js"))) as ServerBuild),
  }),
);

const server = app.listen(env.PORT, () => console.log(`つなぐ: http://localhost:${env.PORT}`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  server.close();
  server.closeIdleConnections();
  await viteDevServer?.close();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
