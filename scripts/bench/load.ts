// npm run bench:load — the production build on PostgreSQL with the national dataset, driven over
// loopback by autocannon (50 connections, 60 s, logged-in sessions of every role) through the main
// pages. Prints requests/s, p50/p95/p99 and errors, next to a reference run against /healthz (the
// same server, HTTP stack and one trivial query) so the figures can be read against the machine.
// During the main run a real data change commits every BENCH_WRITE_EVERY_S seconds (as uploads
// land), so the render cache (ADR 013) is emptied and pages are rendered afresh; a last run with the
// cache turned off shows what every page costs to render.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { demoPassword } from "../../seeds/demo-users";
import { fmt, loadNationalDataset, percentile } from "./common";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const uncachedSeconds = Number(process.env.BENCH_UNCACHED_SECONDS ?? 30);
const writeEverySeconds = Number(process.env.BENCH_WRITE_EVERY_S ?? 10);

if (!existsSync("build/server/index.js")) {
  console.error("build/ is missing: run `npm run build` first");
  process.exit(1);
}

const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
  });
});
const base = `http://127.0.0.1:${port}`;

const throwaway = await createThrowawayDatabase(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", "tsunagu_bench_load");
const setup = await openDatabase({ driver: "postgres", url: throwaway.url });
await setup.migrate();
await loadNationalDataset(setup, "PostgreSQL");
await setup.close();

async function startServer(extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, DATABASE_URL: throwaway.url, PORT: String(port), NODE_ENV: "production", SESSION_SECRET: "bench-load-secret-0123456789abcdefghij", APP_ORIGIN: base, DEMO_SEED: "off", LOG_LEVEL: "warn", ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => (d.toString().includes(`:${port}`) ? resolve() : undefined));
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
  };
}
let stopServer = await startServer();

async function logIn(loginId: string): Promise<string> {
  const response = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ loginId, password: demoPassword }), headers: { Origin: base }, redirect: "manual" });
  if (response.status !== 302) throw new Error(`login ${loginId}: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
const cookies = Object.fromEntries(await Promise.all(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"].map(async (id) => [id, await logIn(id)] as const)));

// The pages people open most, each as the user who would open it.
const pages = [
  { path: "/?fy=2024", as: "mhlw" },
  { path: "/prefectures/13?fy=2024", as: "tokyo-pref" },
  { path: "/prefectures/31?fy=2024", as: "tottori-pref" },
  { path: "/municipalities/312011?fy=2024", as: "tottori-city" },
  { path: "/prefectures/31/supervision?fy=2025", as: "tottori-pref" },
  { path: "/prefectures/31/training?fy=2025", as: "tottori-pref" },
  { path: "/jusou", as: "mhlw" },
  { path: "/supervision?fy=2025", as: "mhlw" },
  { path: "/compare?prefectures=13,31&metric=newConsultations", as: "mhlw" },
];
async function checkPages() {
  for (const page of pages) {
    const response = await fetch(`${base}${page.path}`, { headers: { Cookie: cookies[page.as]! } });
    if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
    await response.text();
  }
}
await checkPages();

type Run = { label: string; requests: number; rps: number; errors: number; non2xx: number; latencies: number[]; byPath: Map<string, number[]> };

async function drive(label: string, requests: { path: string; headers: Record<string, string> }[], duration: number): Promise<Run> {
  const latencies: number[] = [];
  const byPath = new Map<string, number[]>();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url: base, connections, duration, requests: requests.map((r) => ({ method: "GET" as const, ...r })) }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
  instance.on("response", (client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    const path = (client as unknown as { requestIterator?: { currentRequest?: { path?: string } } }).requestIterator?.currentRequest?.path ?? "?";
    (byPath.get(path) ?? byPath.set(path, []).get(path)!).push(responseTime);
  });
  const result = await done;
  return { label, requests: result.requests.total, rps: result.requests.average, errors: result.errors + result.timeouts, non2xx: result.non2xx, latencies, byPath };
}

console.log(`\nreference: /healthz, ${connections} connections, 10 s`);
const reference = await drive("/healthz", [{ path: "/healthz", headers: {} }], 10);
const mainRequests = pages.map((p) => ({ path: p.path, headers: { Cookie: cookies[p.as]! } }));
// a committed change of one body's population: the fiscal-year totals triggers and the data version move as after an upload
const writer = await openDatabase({ driver: "postgres", url: throwaway.url });
let writes = 0;
const writing = setInterval(() => {
  void writer.db
    .execute(sql`update populations set population = population + ${writes % 2 === 0 ? 1 : -1} where local_government_code = '312011' and as_of = (select max(as_of) from populations where local_government_code = '312011')`)
    .then(() => writes++);
}, writeEverySeconds * 1000);
console.log(`main pages: ${pages.length} pages as 4 signed-in users, ${connections} connections, ${seconds} s, a data change every ${writeEverySeconds} s`);
const main = await drive("main pages", mainRequests, seconds);
clearInterval(writing);
await writer.close();
await stopServer();

console.log(`without the render cache (RENDER_CACHE_MB=0): ${connections} connections, ${uncachedSeconds} s`);
stopServer = await startServer({ RENDER_CACHE_MB: "0" });
await checkPages();
const uncached = await drive("render cache off", mainRequests, uncachedSeconds);
await stopServer();
await throwaway.drop();

const row = (r: Run) =>
  [r.label, fmt(r.requests), fmt(r.rps, 1), fmt(percentile(r.latencies, 50), 1), fmt(percentile(r.latencies, 95), 1), fmt(percentile(r.latencies, 99), 1), String(r.errors + r.non2xx)].join("\t");
console.log(`\nbench:load — production build on PostgreSQL, national dataset, ${connections} connections over loopback (latency in ms)`);
console.log(["run", "requests", "req/s", "p50", "p95", "p99", "errors"].join("\t"));
console.log(row(reference));
console.log(row(main));
console.log(row(uncached));
console.log(`data changes committed during the main run: ${writes}`);
console.log("\nby page (main run):");
console.log(["page", "requests", "p50", "p95", "p99"].join("\t"));
for (const page of pages) {
  const l = main.byPath.get(page.path) ?? [];
  const at = (p: number) => (l.length > 0 ? fmt(percentile(l, p), 1) : "-");
  console.log([page.path, fmt(l.length), at(50), at(95), at(99)].join("\t"));
}
const p95 = percentile(main.latencies, 95);
console.log(`\ntarget: zero errors (${main.errors + main.non2xx}) and p95 under 300 ms (${fmt(p95, 1)} ms): ${main.errors + main.non2xx === 0 && p95 < 300 ? "met" : "NOT met"}`);
