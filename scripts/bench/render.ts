// npm run bench:render — what rendering each main page costs, measured through the built Remix handler (no render cache) on the
// national dataset: loader time, React render time and CPU (handleRequest until the last byte of the document), HTML bytes,
// serialized loader-data bytes (the single-fetch .data response), SVG bytes, table rows; p50 over BENCH_RUNS runs, next to a
// static page through the same handler and a bare renderToString. Then the gzipped JavaScript of "/" from the client build's
// manifest. Needs `npm run build` first. BENCH_DRIVER=pglite runs on in-memory PGlite instead of PostgreSQL; BENCH_SAVE_HTML=<dir>
// keeps each page's document there; BENCH_PAGES=/,/prefectures/13 measures only the pages whose path is listed;
// BENCH_CPU_PROF=<dir> writes a CPU profile of the measured requests only (not of loading the dataset).
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { installDatabaseHandle } from "../../db";
import { demoPassword } from "../../seeds/demo-users";
import { describePageJavaScript, indexJavaScript } from "../bundle-size";
import { benchDatabases, fmt, loadNationalDataset, percentile } from "./common";

// React as served: the npm script sets NODE_ENV=production (React's development build renders markedly slower), which asks for these
process.env.SESSION_SECRET ??= "bench-render-session-secret-of-32-chars-or-more";
process.env.APP_ORIGIN ??= "http://bench";

const runs = Number(process.env.BENCH_RUNS ?? 20);
const driver = process.env.BENCH_DRIVER === "pglite" ? "PGlite" : "PostgreSQL";

type Page = { url: string; route: string; params: Record<string, string> };
const pages: Page[] = [
  { url: "/?fy=2024", route: "routes/_index", params: {} },
  { url: "/prefectures/13?fy=2024", route: "routes/prefectures.$code", params: { code: "13" } },
  { url: "/prefectures/31?fy=2024", route: "routes/prefectures.$code", params: { code: "31" } },
  { url: "/municipalities/131041?fy=2024", route: "routes/municipalities.$code", params: { code: "131041" } },
  { url: "/compare", route: "routes/compare", params: {} },
  { url: "/completeness", route: "routes/completeness", params: {} },
  { url: "/jusou", route: "routes/jusou", params: {} },
  { url: "/support", route: "routes/support", params: {} },
  { url: "/supervision", route: "routes/supervision", params: {} },
  { url: "/training", route: "routes/training", params: {} },
  { url: "/cooperation", route: "routes/cooperation", params: {} },
];
// the reference: a page without data through the same handler (root loader, shell, header)
const reference: Page = { url: "/accessibility", route: "routes/accessibility", params: {} };

const serverBuildPath = path.resolve("build/server/index.js");
const build = (await import(serverBuildPath)) as ServerBuild;

// handleRequest starts when the loaders are done; the document ends when React has rendered the last byte
let renderStarted = 0;
let cpuStarted: NodeJS.CpuUsage = process.cpuUsage();
const original = build.entry.module.default;
const timedBuild: ServerBuild = {
  ...build,
  entry: {
    module: {
      ...build.entry.module,
      default: (...args: Parameters<typeof original>) => {
        renderStarted = performance.now();
        cpuStarted = process.cpuUsage();
        return original(...args);
      },
    },
  },
};
const handler = createRequestHandler(timedBuild, "production");
const context = () => ({ requestId: "bench", clientAddress: "127.0.0.1", cspNonce: "bench-nonce", startedAt: performance.now() });

type Row = { page: string; loader: number; render: number; cpu: number; html: number; data: number; svg: number; rows: number };
const rows: Row[] = [];

const target = (await benchDatabases()).find((d) => d.name === driver)!;
const handle = await target.open();
try {
  await loadNationalDataset(handle, target.name);
  installDatabaseHandle(handle);
  const login = await handler(
    new Request("http://bench/login", { method: "POST", body: new URLSearchParams({ loginId: "mhlw", password: demoPassword }) }),
    context(),
  );
  const cookie = login.headers.get("Set-Cookie")?.split(";")[0];
  if (!cookie) throw new Error(`login failed: ${login.status}`);
  const headers = { Cookie: cookie, "User-Agent": "Mozilla/5.0 (bench:render)" };

  const measure = async (page: Page): Promise<Row> => {
    const url = new URL(`http://bench${page.url}`);
    const dataUrl = new URL(url);
    dataUrl.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname}.data`;
    const loaders = [build.routes.root!.module.loader, build.routes[page.route]!.module.loader].filter((l) => l !== undefined);
    const callLoaders = () =>
      Promise.all(loaders.map((loader) => loader({ request: new Request(url, { headers }), params: page.params, context: context() })));
    const once = async () => {
      const t = performance.now();
      await callLoaders();
      const loader = performance.now() - t;
      const response = await handler(new Request(url, { headers }), context());
      const html = await response.text();
      const render = performance.now() - renderStarted;
      const cpuUsed = process.cpuUsage(cpuStarted);
      if (response.status !== 200) throw new Error(`${page.url}: ${response.status}`);
      const data = await (await handler(new Request(dataUrl, { headers }), context())).text();
      return { loader, render, cpu: (cpuUsed.user + cpuUsed.system) / 1000, html, data };
    };
    for (let i = 0; i < 3; i++) await once();
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await once());
    const { html, data } = samples[samples.length - 1]!;
    if (process.env.BENCH_SAVE_HTML) writeFileSync(path.join(process.env.BENCH_SAVE_HTML, `${page.url.replace(/\W+/g, "_")}.html`), html);
    const svg = [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].reduce((sum, m) => sum + Buffer.byteLength(m[0]), 0);
    return {
      page: page.url,
      loader: percentile(samples.map((s) => s.loader), 50),
      render: percentile(samples.map((s) => s.render), 50),
      cpu: percentile(samples.map((s) => s.cpu), 50),
      html: Buffer.byteLength(html),
      data: Buffer.byteLength(data),
      svg,
      rows: html.match(/<tr[\s>]/g)?.length ?? 0,
    };
  };

  rows.push({ ...(await measure(reference)), page: `reference: ${reference.url}` });
  const only = process.env.BENCH_PAGES?.split(",");
  const profileDir = process.env.BENCH_CPU_PROF;
  const profiler = profileDir ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  for (const page of pages) if (!only || only.includes(page.url.split("?")[0]!)) rows.push(await measure(page));
  if (profiler && profileDir) {
    const { profile } = await profiler.post("Profiler.stop");
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(path.join(profileDir, `render-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    profiler.disconnect();
  }
} finally {
  await handle.close();
}

// the floor: React rendering a tiny page
const tiny = () => renderToString(createElement("main", null, createElement("h1", null, "つなぐ"), createElement("p", null, "参照")));
for (let i = 0; i < 50; i++) tiny();
const tinyTimes: number[] = [];
for (let i = 0; i < runs * 10; i++) {
  const t = performance.now();
  tiny();
  tinyTimes.push(performance.now() - t);
}

const kb = (bytes: number) => fmt(bytes / 1024, 1);
console.log(`\nbench:render — ${driver}, national dataset, as MHLW, ${runs} runs each (p50); no render cache; NODE_ENV=${process.env.NODE_ENV ?? "(unset)"}; load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(["page", "loader ms", "render ms", "render CPU ms", "HTML KB", "loader data KB", "SVG KB", "table rows"].join("\t"));
for (const r of rows) console.log([r.page, fmt(r.loader, 1), fmt(r.render, 1), fmt(r.cpu, 1), kb(r.html), kb(r.data), kb(r.svg), String(r.rows)].join("\t"));
const main = rows.slice(1);
console.log(
  `main pages, median of the page p50s: render CPU ${fmt(percentile(main.map((r) => r.cpu), 50), 1)} ms (target ≤ 10 ms; worst ${fmt(Math.max(...main.map((r) => r.cpu)), 1)} ms), render ${fmt(percentile(main.map((r) => r.render), 50), 1)} ms`,
);
console.log(`reference: renderToString of a tiny page p50 ${fmt(percentile(tinyTimes, 50), 3)} ms`);

try {
  console.log(`\nJavaScript for "/": ${describePageJavaScript(indexJavaScript())}`);
} catch (error) {
  console.log(`\nJavaScript for "/": run \`npm run build\` first (${(error as Error).message})`);
}
process.exit(0);
