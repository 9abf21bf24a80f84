import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDatabase, startApp, type RunningApp } from "./harness";

// WEB_CONCURRENCY=2 (ADR 041): one primary preparing the database and two app processes on one port.
// Several processes need PostgreSQL (PGlite is one process by nature): the test runs in the PostgreSQL
// pass of the browser tests (E2E_DATABASE_URL, as .ci/run sets it) and is skipped in the PGlite pass.
const serverUrl = process.env.E2E_DATABASE_URL ?? "";

/** The pid each app process logs on its request lines, for the requests with these ids. */
function pidsOf(output: string, requestIds: readonly string[]): number[] {
  return output
    .split("\n")
    .filter((line) => line.includes('"msg":"request"') && requestIds.some((id) => line.includes(`"requestId":"${id}"`)))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
}

/**
 * One request on a connection of its own: a killed process takes its open connections with it, and a
 * pooled keep-alive connection to it would fail the next request (a browser retries that one itself).
 */
function send(url: string, options: { method?: "GET" | "POST"; cookie?: string; form?: Record<string, string>; requestId?: string } = {}) {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        agent: false,
        headers: {
          ...(options.cookie ? { Cookie: options.cookie } : {}),
          ...(options.requestId ? { "X-Request-Id": options.requestId } : {}),
          ...(body ? { "Content-Type": "application/x-www-form-urlencoded", Origin: target.origin } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function logIn(base: string, loginId: string): Promise<string> {
  const response = await send(`${base}/login`, { method: "POST", form: { loginId, password: "tsunagu-demo" } });
  expect(response.status).toBe(302);
  return String(response.headers["set-cookie"]).split(";")[0]!;
}

/** The app processes of a primary: its children, as Linux lists them. */
function processesOf(primary: number): number[] {
  return readFileSync(`/proc/${primary}/task/${primary}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
}

describe.skipIf(!serverUrl)("several app processes on one port (WEB_CONCURRENCY=2; needs E2E_DATABASE_URL)", () => {
  let database: Awaited<ReturnType<typeof createAppDatabase>>;
  let app: RunningApp;
  beforeAll(async () => {
    database = await createAppDatabase();
    app = await startApp({ ...database.env, WEB_CONCURRENCY: "2", LOG_LEVEL: "info" });
    // both processes listen before the test starts asking
    for (let i = 0; i < 100 && app.output().split("つなぐ: http://localhost").length - 1 < 2; i++) await new Promise((r) => setTimeout(r, 200));
  }, 240_000);
  afterAll(async () => {
    if (app && app.process.exitCode === null) await app.stop();
    await database?.remove();
  });

  it("prepares the database once, then serves one session from both processes", async () => {
    expect(app.output().split("loading the demo dataset").length - 1).toBe(1);
    expect(app.output().split("つなぐ: http://localhost").length - 1).toBe(2);
    const workers = processesOf(app.process.pid!);
    expect(workers).toHaveLength(2);

    const cookie = await logIn(app.url, "tottori-pref");
    const ids = Array.from({ length: 12 }, (_, i) => `cluster-test-${i}`);
    for (const id of ids) {
      const response = await send(`${app.url}/prefectures/31?fy=2024`, { cookie, requestId: id });
      expect(response.status).toBe(200);
      expect(response.text).toContain("鳥取県");
    }
    // Node's cluster hands connections to the workers in turn: both served the one session
    await new Promise((r) => setTimeout(r, 200));
    expect(new Set(pidsOf(app.output(), ids))).toEqual(new Set(workers));
  }, 60_000);

  it("replaces a process that dies while the other keeps serving", async () => {
    const [victim, survivor] = processesOf(app.process.pid!);
    process.kill(victim!, "SIGKILL");
    // once the primary has seen it go, every new connection reaches the process still serving
    for (let i = 0; i < 100 && !app.output().includes("app process died"); i++) await new Promise((r) => setTimeout(r, 50));
    const cookie = await logIn(app.url, "tottori-city");
    for (let i = 0; i < 6; i++) expect((await send(`${app.url}/municipalities/312011?fy=2024`, { cookie })).status).toBe(200);
    for (let i = 0; i < 100 && processesOf(app.process.pid!).length < 2; i++) await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 100 && app.output().split("つなぐ: http://localhost").length - 1 < 3; i++) await new Promise((r) => setTimeout(r, 200));
    const now = processesOf(app.process.pid!);
    expect(now).toHaveLength(2);
    expect(now).toContain(survivor);
    expect(now).not.toContain(victim);
    expect(app.output()).toContain("app process died: starting another");
  }, 60_000);

  it("answers the requests in flight on SIGTERM, then every process exits cleanly", async () => {
    const workers = processesOf(app.process.pid!);
    const cookie = await logIn(app.url, "mhlw");
    const inFlight = Promise.all(["/?fy=2023", "/prefectures/13?fy=2023", "/municipalities/131041?fy=2023"].map((page) => send(`${app.url}${page}`, { cookie })));
    await new Promise((r) => setTimeout(r, 20));
    expect(await app.stop()).toBe(0);
    expect((await inFlight).map((r) => r.status)).toEqual([200, 200, 200]);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    expect(app.output().split('"msg":"stopped"').length - 1).toBe(2);
  }, 60_000);
});
