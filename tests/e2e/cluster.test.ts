import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDatabase, HttpSession, startApp, type RunningApp } from "./harness";

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

    const session = await HttpSession.logIn(app.url, "tottori-pref");
    const ids = Array.from({ length: 12 }, (_, i) => `cluster-test-${i}`);
    for (const id of ids) {
      const response = await fetch(`${app.url}/prefectures/31?fy=2024`, { headers: { Cookie: session.cookie, "X-Request-Id": id } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("鳥取県");
    }
    // Node's cluster hands connections to the workers in turn: both served the one session
    await new Promise((r) => setTimeout(r, 200));
    expect(new Set(pidsOf(app.output(), ids))).toEqual(new Set(workers));
  }, 60_000);

  it("replaces a process that dies while the other keeps serving", async () => {
    const [victim, survivor] = processesOf(app.process.pid!);
    process.kill(victim!, "SIGKILL");
    const session = await HttpSession.logIn(app.url, "tottori-city");
    for (let i = 0; i < 6; i++) expect((await session.get("/municipalities/312011?fy=2024")).status).toBe(200);
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
    const session = await HttpSession.logIn(app.url, "mhlw");
    const inFlight = Promise.all(["/?fy=2023", "/prefectures/13?fy=2023", "/municipalities/131041?fy=2023"].map((page) => session.get(page)));
    await new Promise((r) => setTimeout(r, 20));
    expect(await app.stop()).toBe(0);
    expect((await inFlight).map((r) => r.status)).toEqual([200, 200, 200]);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    expect(app.output().split('"msg":"stopped"').length - 1).toBe(2);
  }, 60_000);
});
