import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThrowawayDatabase } from "../../db/throwaway";
import { freePort, HttpSession, monthlyCsv, startApp, type RunningApp } from "./harness";

// Two app instances behind nginx (Debian's package) running deploy/nginx/tsunagu.conf.template, the
// file docs/deploy.md shows (ADR 033): sessions and commits across instances, a rolling restart under
// load. Two instances need one shared PostgreSQL: the test runs in the PostgreSQL pass of the browser
// tests (E2E_DATABASE_URL, as .ci/run sets it) and is skipped in the PGlite pass, which would only run
// it a second time against the same server.
const serverUrl = process.env.E2E_DATABASE_URL ?? "";
const nginxBinary = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const template = path.resolve("deploy/nginx/tsunagu.conf.template");

type Instance = { name: "A" | "B"; port: number; app: RunningApp };

/** nginx as its own master process under a temporary prefix; as the unprivileged `nobody` when the tests run as root. */
async function startNginx(listenPort: number, upstreamPorts: readonly number[]): Promise<{ url: string; dir: string; stop: () => Promise<void> }> {
  if (!existsSync(nginxBinary)) throw new Error(`${nginxBinary} not found: install Debian's nginx (apt-get install nginx-light)`);
  const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-nginx-"));
  const site = readFileSync(template, "utf8")
    .replaceAll("${TSUNAGU_LISTEN}", `127.0.0.1:${listenPort}`)
    .replaceAll("${TSUNAGU_SERVER_NAME}", "127.0.0.1")
    .replaceAll("${TSUNAGU_INSTANCE_1}", `127.0.0.1:${upstreamPorts[0]}`)
    .replaceAll("${TSUNAGU_INSTANCE_2}", `127.0.0.1:${upstreamPorts[1]}`);
  expect(site.split("\n").filter((line) => !line.trimStart().startsWith("#") && line.includes("${"))).toEqual([]);
  writeFileSync(path.join(dir, "tsunagu.conf"), site);
  // the main file stands for Debian's /etc/nginx/nginx.conf: every path under the temporary prefix
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 512; }
http {
  log_format upstreams '$status $request_method $request_uri upstream=$upstream_addr upstream_status=$upstream_status';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/tsunagu.conf;
}
`,
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    for (const name of ["", ...readdirSync(dir)]) chownSync(path.join(dir, name), 65534, 65534);
  }
  const child: ChildProcess = spawn(nginxBinary, ["-p", dir, "-e", `${dir}/error.log`, "-c", `${dir}/nginx.conf`, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const url = `http://127.0.0.1:${listenPort}`;
  const errorLog = () => (existsSync(`${dir}/error.log`) ? readFileSync(`${dir}/error.log`, "utf8") : "");
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${output}\n${errorLog()}`);
    if ((await fetch(`${url}/healthz`).catch(() => null))?.status === 200) break;
    if (attempt > 100) throw new Error(`nginx did not answer:\n${output}\n${errorLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dir,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGQUIT");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let database: Awaited<ReturnType<typeof createThrowawayDatabase>>;
let nginx: Awaited<ReturnType<typeof startNginx>>;
const instances: Instance[] = [];
let appEnv: Record<string, string>;

let requestCounter = 0;
const logged = (requestId: string) => `"requestId":"${requestId}"`;

/** Which instance served a request, from the instances' request logs (the line is written when the response is done). */
async function servedBy(requestId: string): Promise<Instance> {
  let found: Instance | undefined;
  await expect
    .poll(() => (found = instances.find((instance) => instance.app.output().includes(logged(requestId)))), { timeout: 5_000, interval: 20 })
    .toBeDefined();
  return found!;
}

async function request(session: HttpSession, pathname: string, init: { method?: "GET" | "POST"; body?: Record<string, string> } = {}) {
  const requestId = `proxy-test-${++requestCounter}`;
  const response = await fetch(`${nginx.url}${pathname}`, {
    method: init.method ?? "GET",
    body: init.body ? new URLSearchParams(init.body) : undefined,
    headers: { Cookie: session.cookie, Origin: nginx.url, "X-Request-Id": requestId, "X-Forwarded-For": "203.0.113.7" },
    redirect: "manual",
  });
  const body = await response.text();
  return { response, body, instance: await servedBy(requestId), requestId };
}

/** GETs through nginx until the round robin hands the request to `wanted` (each miss lands on the other instance). */
async function requestOn(wanted: Instance, session: HttpSession, pathname: string) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const result = await request(session, pathname);
    if (result.instance === wanted) return result;
  }
  throw new Error(`nginx never sent ${pathname} to instance ${wanted.name}`);
}

async function startInstance(name: "A" | "B", port: number): Promise<Instance> {
  return { name, port, app: await startApp({ ...appEnv, PORT: String(port) }) };
}

describe.skipIf(!serverUrl)("two instances behind nginx (deploy/nginx/tsunagu.conf.template; needs E2E_DATABASE_URL)", () => {
  beforeAll(async () => {
    database = await createThrowawayDatabase(serverUrl, "tsunagu_e2e_proxy");
    const [portA, portB, nginxPort] = [await freePort(), await freePort(), await freePort()];
    // as docs/deploy.md § 2 has it behind one proxy (NODE_ENV=production would make cookies Secure on plain HTTP)
    appEnv = { DATABASE_URL: database.url, APP_ORIGIN: `http://127.0.0.1:${nginxPort}`, TRUST_PROXY: "1", LOG_LEVEL: "info" };
    // the first instance migrates and loads the demo data; the second finds them
    instances.push(await startInstance("A", portA));
    instances.push(await startInstance("B", portB));
    nginx = await startNginx(nginxPort, [portA, portB]);
  }, 480_000); // the demo data loaded by the first instance, then the second, on a shared machine

  afterAll(async () => {
    await nginx?.stop();
    for (const instance of instances) await instance.app.stop();
    await database?.drop();
  });

  it("is the configuration docs/deploy.md shows", () => {
    expect(readFileSync("docs/deploy.md", "utf8")).toContain(`\`\`\`nginx\n${readFileSync(template, "utf8")}\`\`\``);
  });

  it("logs in through nginx and keeps the session on both instances; client addresses come from nginx, not the client", async () => {
    const tottori = await HttpSession.logIn(nginx.url, "tottori-pref");
    const [a, b] = instances as [Instance, Instance];
    for (const instance of [a, b, a, b]) {
      const { response, body } = await requestOn(instance, tottori, "/prefectures/31?fy=2024");
      expect(response.status).toBe(200);
      expect(body).toContain("鳥取県 福祉保健課（デモ）");
    }
    // X-Forwarded-For sent by the client is kept in the chain, but with TRUST_PROXY=1 only nginx's own entry is believed
    const { requestId, instance } = await request(tottori, "/prefectures/31?fy=2024");
    const line = instance.app.output().split("\n").find((l) => l.includes(logged(requestId)))!;
    expect(JSON.parse(line)).toMatchObject({ clientAddress: "127.0.0.1", status: 200 });
    // logging out through one instance ends the session on the other
    const anywhere = await request(tottori, "/logout", { method: "POST", body: {} });
    expect(anywhere.response.status).toBe(302);
    const other = instances.find((i) => i !== anywhere.instance)!;
    const after = await requestOn(other, tottori, "/prefectures/31?fy=2024");
    expect(after.response.status).toBe(302);
    expect(after.response.headers.get("location")).toMatch(/^\/login\?/);
  });

  it("shows a commit made through one instance on the other at once, past that instance's render cache", async () => {
    const mhlw = await HttpSession.logIn(nginx.url, "mhlw");
    const page = "/municipalities/312011?fy=2024";
    const cell4321 = '<td class="num">4,321</td>';
    for (const instance of instances) {
      await requestOn(instance, mhlw, page);
      const cached = await requestOn(instance, mhlw, page);
      expect(cached.response.headers.get("x-render-cache")).toBe("hit");
      expect(cached.body).not.toContain(cell4321);
    }

    const city = await HttpSession.logIn(nginx.url, "tottori-city");
    const uploadId = await city.upload("monthly_support", monthlyCsv(["312011"], [2024], 4321), "鳥取市_2024.csv");
    // far from 鳥取市's history and in a long-closed fiscal year: committed with an explanation (ADR 018)
    const commit = await request(city, `/uploads/${uploadId}`, { method: "POST", body: { intent: "commit", explanation: "試験用の値（これまでの値から外れています）" } });
    expect(commit.response.status).toBe(302);

    const other = instances.find((i) => i !== commit.instance)!;
    const after = await requestOn(other, mhlw, page);
    expect(after.response.headers.get("x-render-cache")).toBe("miss");
    // 12 months × 6 figures of 4,321 (増収 is 0)
    const monthsTable = /<table class="data" id="months">[^]*?<\/table>/.exec(after.body)![0];
    expect(monthsTable.split(cell4321).length - 1).toBe(72);
  });

  it("loses no request while both instances are restarted one after the other under load", async () => {
    // each user on pages their role opens
    const pagesOf = {
      mhlw: ["/?fy=2024", "/prefectures", "/prefectures/13?fy=2024", "/municipalities/312011?fy=2024"],
      "tottori-pref": ["/prefectures/31?fy=2024", "/municipalities/312011?fy=2024", "/?fy=2024"],
      "tottori-city": ["/municipalities/312011?fy=2024", "/municipalities/312011?fy=2025"],
      "tokyo-pref": ["/prefectures/13?fy=2024", "/prefectures/13?fy=2025"],
    };
    const sessions = await Promise.all(
      Object.entries(pagesOf).map(async ([loginId, pages]) => ({ session: await HttpSession.logIn(nginx.url, loginId), pages })),
    );
    const failures: string[] = [];
    const stoppedOutputs: string[] = [];
    const statuses = new Map<string, number>();
    let running = true;
    let completed = 0;
    const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);

    // ten clients without pause: page views by four users, and one client logging in again and again (a POST each time)
    const worker = async (index: number) => {
      for (let i = 0; running; i++) {
        const { session, pages } = sessions[(index + i) % sessions.length]!;
        const login = index === 0 && i % 2 === 0;
        const pathname = login ? "/login" : pages[i % pages.length]!;
        const expected = login ? 302 : 200;
        try {
          const response = await fetch(`${nginx.url}${pathname}`, {
            method: login ? "POST" : "GET",
            body: login ? new URLSearchParams({ loginId: "tottori-city", password: "tsunagu-demo" }) : undefined,
            headers: login ? { Origin: nginx.url } : { Cookie: session.cookie },
            redirect: "manual",
          });
          await response.arrayBuffer();
          count(`${login ? "POST" : "GET"} ${response.status}`);
          if (response.status !== expected) failures.push(`${pathname}: ${response.status}`);
        } catch (error) {
          failures.push(`${pathname}: ${(error as Error).message} ${String((error as Error).cause ?? "")}`);
        }
        completed++;
      }
    };
    const load = Array.from({ length: 10 }, (_, index) => worker(index));
    const completedAfter = async (more: number) => {
      const target = completed + more;
      await expect.poll(() => completed, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(target);
    };
    /** Waits until nginx sends the load to a restarted instance again (its failure mark, fail_timeout, has passed). */
    const takenBack = async (instance: Instance) => {
      await expect.poll(() => instance.app.output().includes('"msg":"request"') && /"path":"\/(?!healthz)/.test(instance.app.output()), { timeout: 30_000, interval: 100 }).toBe(true);
    };

    try {
      await completedAfter(100);
      for (const index of [0, 1]) {
        const old = instances[index]!;
        expect(await old.app.stop()).toBe(0);
        stoppedOutputs.push(old.app.output());
        expect(old.app.output()).toContain('"msg":"stopped"');
        await completedAfter(50); // served by the other instance alone
        const restarted = await startInstance(old.name, old.port);
        instances[index] = restarted;
        expect((await fetch(`http://127.0.0.1:${restarted.port}/healthz`)).status).toBe(200);
        await takenBack(restarted);
      }
      await completedAfter(100);
    } finally {
      running = false;
      await Promise.all(load);
    }
    const accessLog = readFileSync(`${nginx.dir}/access.log`, "utf8");
    const diagnosis = [
      ...stoppedOutputs.concat(instances.map((instance) => instance.app.output())).flatMap((output) => output.split("\n").filter((line) => /"level":(50|60)/.test(line))),
      ...accessLog.split("\n").filter((line) => /^5/.test(line)),
      ...readFileSync(`${nginx.dir}/error.log`, "utf8").split("\n").filter((line) => line && !/\(111: Connection refused\)|upstream server temporarily disabled/.test(line)),
    ];
    expect(failures, diagnosis.join("\n")).toEqual([]);
    expect(statuses.get("POST 302")).toBeGreaterThan(10);
    expect(completed).toBeGreaterThan(400);
    // nginx retried requests that the stopped instance refused on the other one
    expect(accessLog).toMatch(/upstream=127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+ upstream_status=502, (200|302)/);
    console.log(`rolling restart under load: ${completed} requests, ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 360_000); // two instance starts under load on a shared 2-core machine
});
