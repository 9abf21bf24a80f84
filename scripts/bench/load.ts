// npm run bench:load — the production build on PostgreSQL with the national dataset, driven over
// loopback by autocannon (50 connections, 60 s) as BENCH_USERS signed-in users (default 2,000: ten
// MHLW, three per prefecture, the rest municipal staff spread over the implementing bodies, two per
// body at the default), each on the pages their role opens. Prints requests/s, p50/p95/p99 and
// errors, next to a reference run against /healthz (the same server, HTTP stack and one trivial
// query) so the figures can be read against the machine. During the main run a real data change
// commits every BENCH_WRITE_EVERY_S seconds (as uploads land), so the render cache (ADR 013, shared by
// scope since ADR 031) is emptied and pages are rendered afresh: the run prints the cache's hit rate
// and the renders per commit. A last run with the cache turned off shows what every page costs. The
// server runs BENCH_PROCESSES app processes (default: one per core; WEB_CONCURRENCY, ADR 041). Before
// each measured run the fresh server walks the mix once (printed as its warm-up: a cold start's
// figures), since a server that has been up has compiled its code and drawn the charts whose data did
// not change (ADR 044, 049); the main run then starts with a commit. BENCH_WARMUP=0 measures cold.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { createCookie } from "@remix-run/node";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";
import { hashPassword } from "../../app/server/auth/password.server";
import { sessionCookieName } from "../../app/server/auth/session.server";
import { renderScopeKey } from "../../app/server/auth/access";
import { showsOwnBody } from "../../app/server/http/render-cache.server";
import { prefectureDefinitions as prefectures } from "../../app/domain/prefectures";
import { readDemoSample } from "../../seeds/demo";
import { demoPassword } from "../../seeds/demo-users";
import { cpuProfileArgs, fmt, loadNationalDataset, percentile } from "./common";

const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const uncachedSeconds = Number(process.env.BENCH_UNCACHED_SECONDS ?? 30);
// each server first walks the whole mix once, as a server that has been up has (BENCH_WARMUP=0: measure from a cold start)
const warmUp = process.env.BENCH_WARMUP !== "0";
const writeEverySeconds = Number(process.env.BENCH_WRITE_EVERY_S ?? 10);
const userCount = Number(process.env.BENCH_USERS ?? 2000);
// app processes on the one port (WEB_CONCURRENCY, ADR 041): one per core, as docs/deploy.md advises
const appProcesses = Number(process.env.BENCH_PROCESSES ?? availableParallelism());
const sessionSecret = "bench-load-secret-0123456789abcdefghij";

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

// The users, made directly in the database (one INSERT … SELECT, one password hash) with a session
// each, signed as the server signs them: logging 2,000 users in would cost minutes of password hashing.
type BenchUser = { loginId: string; displayName: string; role: "mhlw" | "prefecture" | "municipality"; prefectureCode: string | null; localGovernmentCode: string | null };
const bodies = readDemoSample().filter((b) => b.implementing && b.kind !== "prefecture");
const bodiesOf = (prefectureCode: string) => bodies.filter((b) => b.prefectureCode === prefectureCode);
const benchUsers: BenchUser[] = [];
for (let i = 0; i < Math.min(10, userCount); i++) benchUsers.push({ loginId: `bench-mhlw-${i}`, displayName: `厚生労働省 担当${i}`, role: "mhlw", prefectureCode: null, localGovernmentCode: null });
for (let j = 0; j < 3; j++)
  for (const p of prefectures) if (benchUsers.length < userCount) benchUsers.push({ loginId: `bench-pref-${p.code}-${j}`, displayName: `${p.name} 担当${j}`, role: "prefecture", prefectureCode: p.code, localGovernmentCode: null });
for (let i = 0; benchUsers.length < userCount; i++) {
  const b = bodies[i % bodies.length]!;
  benchUsers.push({ loginId: `bench-body-${b.code}-${Math.floor(i / bodies.length)}`, displayName: `${b.name} 担当${Math.floor(i / bodies.length)}`, role: "municipality", prefectureCode: b.prefectureCode, localGovernmentCode: b.code });
}
const passwordHash = await hashPassword(demoPassword);
await setup.db.execute(sql`
  insert into users (login_id, display_name, role, prefecture_code, local_government_code, password_hash)
  select u.login_id, u.display_name, u.role, u.prefecture_code, u.local_government_code, ${passwordHash}
  from jsonb_to_recordset(${JSON.stringify(benchUsers.map((u) => ({ login_id: u.loginId, display_name: u.displayName, role: u.role, prefecture_code: u.prefectureCode, local_government_code: u.localGovernmentCode })))}::jsonb)
    as u(login_id text, display_name text, role text, prefecture_code text, local_government_code text)`);
const sessionRows = await queryRows<{ id: string; loginId: string }>(
  setup.db,
  sql`insert into sessions (id, user_id, expires_at)
      select 'bench-' || u.id || '-' || md5(random()::text), u.id, now() + interval '12 hours' from users u where u.login_id like 'bench-%'
      returning id, (select login_id from users where users.id = user_id) as "loginId"`,
);
const sessionCookie = createCookie(sessionCookieName, { secrets: [sessionSecret] });
const cookieOf = new Map(await Promise.all(sessionRows.map(async (r) => [r.loginId, (await sessionCookie.serialize(r.id)).split(";")[0]!] as const)));
await setup.close();

/**
 * CPU seconds used so far by the server (its primary and app processes) and by PostgreSQL's backends of
 * the bench database, from /proc (null elsewhere): the CPU each response costs does not depend on how
 * fast the machine is at the moment, as requests per second on a shared machine do.
 */
let serverPid: number | null = null;
const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();
function cpuSeconds(): { app: number; postgres: number } | null {
  if (serverPid === null || !existsSync("/proc/self/stat")) return null;
  const databaseName = new URL(throwaway.url).pathname.slice(1);
  let app = 0;
  let postgres = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // the fields after the command's closing parenthesis: state, ppid, … utime and stime at 11 and 12
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
      if (Number(entry) === serverPid || Number(fields[1]) === serverPid) app += seconds;
      else if (stat.includes("(postgres)") && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(databaseName)) postgres += seconds;
    } catch {
      // the process ended meanwhile
    }
  }
  return { app, postgres };
}

async function startServer(extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [...cpuProfileArgs(), "--import", "tsx", "server.ts"], {
    env: { ...process.env, DATABASE_URL: throwaway.url, PORT: String(port), NODE_ENV: "production", SESSION_SECRET: sessionSecret, APP_ORIGIN: base, DEMO_SEED: "off", LOG_LEVEL: "warn", WEB_CONCURRENCY: String(appProcesses), ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  serverPid = child.pid ?? null;
  await new Promise<void>((resolve, reject) => {
    // every app process prints its listening line
    let listening = 0;
    child.stdout!.on("data", (d: Buffer) => ((listening += d.toString().split(`localhost:${port}`).length - 1) >= appProcesses ? resolve() : undefined));
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

// The pages people open most, each as the user who would open it (checked before the runs).
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

/** What each role opens: MHLW the nation, comparisons and some prefectures; a prefecture its pages and bodies; a body its own page and its prefecture's. */
function pagesOf(user: BenchUser, index: number): string[] {
  if (user.role === "mhlw") {
    const some = [0, 1, 2, 3, 4].map((k) => prefectures[(index * 5 + k) % prefectures.length]!.code);
    return ["/?fy=2024", "/compare?prefectures=13,31&metric=newConsultations", "/supervision?fy=2025", "/jusou", "/completeness", ...some.map((c) => `/prefectures/${c}?fy=2024`)];
  }
  const code = user.prefectureCode!;
  if (user.role === "prefecture") {
    const own = bodiesOf(code);
    const some = [0, 1, 2].map((k) => own[(index * 3 + k) % own.length]!.code);
    return [`/prefectures/${code}?fy=2024`, `/prefectures/${code}/supervision?fy=2025`, `/prefectures/${code}/training?fy=2025`, `/prefectures/${code}/submissions`, `/prefectures/${code}/jusou`, ...some.map((c) => `/municipalities/${c}?fy=2024`)];
  }
  return [`/municipalities/${user.localGovernmentCode}?fy=2024`, `/prefectures/${code}?fy=2024`];
}
type BenchRequest = { path: string; headers: Record<string, string>; label: string };
const labelOf = (path: string, role: string) => `${path.replace(/\?.*$/, "").replace(/\/\d{6}/, "/:code").replace(/\/\d{2}(?=\/|$)/, "/:code")} (${role})`;
// what the render cache keeps apart: the scope a page is rendered for × URL (ADR 031, 042; the bench users save no lists)
const distinctKeys = new Set(benchUsers.flatMap((u, i) => pagesOf(u, i).map((path) => `${renderScopeKey(u, showsOwnBody(path.replace(/\?.*$/, "")))} ${path}`))).size;
const userRequests: BenchRequest[] = benchUsers.flatMap((u, i) => pagesOf(u, i).map((path) => ({ path, headers: { Cookie: cookieOf.get(u.loginId)! }, label: labelOf(path, u.role) })));
// every connection walks the whole mix from its own place in a shuffled order
let seed = 20261203;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = userRequests.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [userRequests[i], userRequests[j]] = [userRequests[j]!, userRequests[i]!];
}

async function checkPages() {
  for (const page of pages) {
    const response = await fetch(`${base}${page.path}`, { headers: { Cookie: cookies[page.as]! } });
    if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
    await response.text();
  }
}
await checkPages();

type Run = {
  label: string;
  requests: number;
  rps: number;
  errors: number;
  non2xx: number;
  latencies: number[];
  byLabel: Map<string, number[]>;
  outcomes: Map<string, number>;
  missesAt: number[];
  /** CPU milliseconds per response of the app processes and of PostgreSQL (null without /proc) */
  cpuPerResponse: { app: number; postgres: number } | null;
};

/** Drives the mix for `duration` seconds, or until `amount` responses when given (a walk of the mix). */
async function drive(label: string, requests: BenchRequest[], duration: number, amount?: number): Promise<Run> {
  const cpuBefore = cpuSeconds();
  const latencies: number[] = [];
  const byLabel = new Map<string, number[]>();
  const outcomes = new Map<string, number>();
  const missesAt: number[] = [];
  let instance!: autocannon.Instance;
  let clients = 0;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: base,
        connections,
        duration,
        ...(amount === undefined ? {} : { amount }),
        requests: requests.map((r) => ({ method: "GET" as const, ...r })),
        setupClient: (client) => {
          const offset = Math.floor((clients++ * requests.length) / connections);
          client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)].map((r) => ({ method: "GET" as const, ...r })));
          // X-Render-Cache of every response: hit, shared, miss (a render), bypass, or none
          (client as unknown as NodeJS.EventEmitter).on("headers", (opts: { headers: string[] }) => {
            let outcome = "none";
            for (let i = 0; i < opts.headers.length; i += 2) if (opts.headers[i]!.toLowerCase() === "x-render-cache") outcome = opts.headers[i + 1]!;
            outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
            if (outcome === "miss") missesAt.push(performance.now());
          });
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on("response", (client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
    const current = (client as unknown as { requestIterator?: { currentRequest?: { label?: string; path?: string } } }).requestIterator?.currentRequest;
    const key = current?.label ?? current?.path ?? "?";
    (byLabel.get(key) ?? byLabel.set(key, []).get(key)!).push(responseTime);
  });
  const result = await done;
  const cpuAfter = cpuSeconds();
  const responses = Math.max(1, latencies.length);
  const cpuPerResponse =
    cpuBefore && cpuAfter ? { app: (1000 * (cpuAfter.app - cpuBefore.app)) / responses, postgres: (1000 * (cpuAfter.postgres - cpuBefore.postgres)) / responses } : null;
  return { cpuPerResponse, label, requests: result.requests.total, rps: result.requests.average, errors: result.errors + result.timeouts, non2xx: result.non2xx, latencies, byLabel, outcomes, missesAt };
}

console.log(`\nreference: /healthz, ${connections} connections, 10 s`);
const reference = await drive("/healthz", [{ path: "/healthz", headers: {}, label: "/healthz" }], 10);
const mainRequests = userRequests;
// a committed change of one body's population: the fiscal-year totals triggers and the data version move as after an upload
const writer = await openDatabase({ driver: "postgres", url: throwaway.url });
let writes = 0;
const commitsAt: number[] = [];
const commit = () =>
  writer.db
    .execute(sql`update populations set population = population + ${writes % 2 === 0 ? 1 : -1} where local_government_code = '312011' and as_of = (select max(as_of) from populations where local_government_code = '312011')`)
    .then(() => {
      writes++;
      commitsAt.push(performance.now());
    });
/** A walk of the whole mix (each connection from its place, about once in all), printed as the cold start it is. */
async function warm(label: string): Promise<Run | null> {
  if (!warmUp) return null;
  console.log(`${label}: warm-up, the mix walked once (${fmt(mainRequests.length)} requests)`);
  return drive(`${label}: warm-up`, mainRequests, 600, mainRequests.length);
}
const mainWarmUp = await warm("main pages");
// the measured run starts as every commit leaves the pages: with the render cache emptied
if (warmUp) await commit();
const writing = setInterval(() => void commit(), writeEverySeconds * 1000);
const byRole = (role: string) => benchUsers.filter((u) => u.role === role).length;
console.log(
  `main pages: ${fmt(benchUsers.length)} signed-in users (${byRole("mhlw")} MHLW, ${byRole("prefecture")} prefecture, ${byRole("municipality")} municipal over ${fmt(bodies.length)} bodies), ` +
    `${fmt(mainRequests.length)} user × page requests (${fmt(distinctKeys)} scope × page cache keys), ${connections} connections, ${seconds} s, a data change every ${writeEverySeconds} s`,
);
const main = await drive("main pages", mainRequests, seconds);
clearInterval(writing);
await writer.close();
await stopServer();

console.log(`without the render cache (RENDER_CACHE_MB=0): ${connections} connections, ${uncachedSeconds} s`);
stopServer = await startServer({ RENDER_CACHE_MB: "0" });
await checkPages();
const uncachedWarmUp = await warm("render cache off");
const uncached = await drive("render cache off", mainRequests, uncachedSeconds);
await stopServer();
await throwaway.drop();

const row = (r: Run) =>
  [
    r.label,
    fmt(r.requests),
    fmt(r.rps, 1),
    fmt(percentile(r.latencies, 50), 1),
    fmt(percentile(r.latencies, 95), 1),
    fmt(percentile(r.latencies, 99), 1),
    String(r.errors + r.non2xx),
    r.cpuPerResponse ? fmt(r.cpuPerResponse.app, 2) : "-",
    r.cpuPerResponse ? fmt(r.cpuPerResponse.postgres, 2) : "-",
  ].join("\t");
console.log(
  `\nbench:load — production build on PostgreSQL, national dataset, ${appProcesses} app process${appProcesses > 1 ? "es" : ""} on ${availableParallelism()} cores, ${fmt(benchUsers.length)} users, ${connections} connections over loopback (latency in ms)`,
);
console.log(["run", "requests", "req/s", "p50", "p95", "p99", "errors", "app CPU ms/response", "PostgreSQL CPU ms/response"].join("\t"));
console.log(row(reference));
if (mainWarmUp) console.log(row(mainWarmUp));
console.log(row(main));
if (uncachedWarmUp) console.log(row(uncachedWarmUp));
console.log(row(uncached));
const count = (outcome: string) => main.outcomes.get(outcome) ?? 0;
const answered = [...main.outcomes.values()].reduce((a, b) => a + b, 0);
console.log(`\nrender cache (main run): ${fmt(count("hit"))} hits, ${fmt(count("shared"))} shared renders, ${fmt(count("miss"))} renders (misses), ${fmt(count("bypass") + count("none"))} not cached`);
console.log(`hit rate ${fmt((100 * (count("hit") + count("shared"))) / Math.max(1, answered), 1)}% of ${fmt(answered)} responses`);
// renders between one commit and the next (the first window: a cold start without the warm-up, empty with it)
const windows = [0, ...commitsAt, Infinity].slice(0, -1).map((from, i, all) => main.missesAt.filter((t) => t >= from && t < (all[i + 1] ?? Infinity)).length);
console.log(
  `data changes committed during the main run: ${writes}${warmUp ? " (the first at its start)" : ""}; renders per commit: ${windows.slice(1).map((n) => fmt(n)).join(", ") || "-"} (before the first: ${fmt(windows[0] ?? 0)})`,
);
console.log("\nby page (main run):");
console.log(["page (viewer)", "requests", "p50", "p95", "p99"].join("\t"));
for (const [label, l] of [...main.byLabel].sort((a, b) => a[0].localeCompare(b[0]))) {
  const at = (p: number) => (l.length > 0 ? fmt(percentile(l, p), 1) : "-");
  console.log([label, fmt(l.length), at(50), at(95), at(99)].join("\t"));
}
const p95 = percentile(main.latencies, 95);
console.log(`\ntarget: zero errors (${main.errors + main.non2xx}) and p95 under 300 ms (${fmt(p95, 1)} ms): ${main.errors + main.non2xx === 0 && p95 < 300 ? "met" : "NOT met"}`);
console.log(`uncached: ${fmt(uncached.rps, 1)} pages/s (issue 20's target: ≥ 100)`);
