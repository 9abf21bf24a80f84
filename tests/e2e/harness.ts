import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createThrowawayDatabase } from "../../db/throwaway";

export type RunningApp = { url: string; process: ChildProcess; output: () => string; stop: () => Promise<number | null> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * A fresh database for one app under test: a PGlite directory by default, or a throwaway database
 * on the PostgreSQL server named by E2E_DATABASE_URL (so CI runs the same browser tests on both).
 */
export async function createAppDatabase(): Promise<{ env: Record<string, string>; remove: () => Promise<void> }> {
  const serverUrl = process.env.E2E_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-e2e-"));
    return { env: { PGLITE_DIR: path.join(dir, "pglite") }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const throwaway = await createThrowawayDatabase(serverUrl, "tsunagu_e2e");
  return { env: { DATABASE_URL: throwaway.url }, remove: throwaway.drop };
}

/** Starts the production build (npm run build first) the way `npm start` serves it, on env.PORT or a free port. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  if (!existsSync("build/server/index.js")) throw new Error("build/ is missing: run `npm run build` before the browser tests");
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // vitest sets NODE_ENV=test (and VITEST*); the app runs as `npm start` runs it, without them
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_ENV" && !name.startsWith("VITEST")));
  // today is 2 December 2026 for every app under test (pageToday), whatever day the tests run; a test may set another
  const childEnv = { ...inherited, PORT: String(port), SESSION_SECRET: "e2e-session-secret-0123456789abcdef", TSUNAGU_TODAY: "2026-12-02", ...env } as unknown as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 180_000);
    const check = setInterval(() => {
      if (output.includes(`http://localhost:${port}`)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
      if (child.exitCode !== null) {
        clearInterval(check);
        clearTimeout(timer);
        reject(new Error(`server exited:\n${output}`));
      }
    }, 200);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's chromium (apt-get install chromium)`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function logIn(page: Page, baseUrl: string, loginId: string, password = "tsunagu-demo"): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await waitForHydration(page);
  await page.getByLabel("ログインID").fill(loginId);
  await page.getByLabel("パスワード").fill(password);
  await page.getByRole("button", { name: "ログイン" }).click();
}

/** Collects page errors and console errors (hydration mismatches among them) so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * The usual browser-test setup: a fresh database, the app started on it and a browser; torn down
 * after the file. Read the fields inside tests (they are set in beforeAll).
 */
export function setUpAppUnderTest(hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }) {
  const context = {} as { app: RunningApp; browser: Browser; database: Awaited<ReturnType<typeof createAppDatabase>> };
  hooks.beforeAll(async () => {
    context.database = await createAppDatabase();
    context.app = await startApp(context.database.env);
    context.browser = await launchBrowser();
  });
  hooks.afterAll(async () => {
    await context.browser?.close();
    await context.app?.stop();
    await context.database?.remove();
  });
  return context;
}

/** Waits until React has hydrated the page (root sets data-hydrated), so input is not reset by hydration. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
}

/** A logged-in HTTP client, for tests that drive the server without a browser (it sends Origin like a browser does). */
export class HttpSession {
  private constructor(
    readonly baseUrl: string,
    public cookie: string,
  ) {}

  static async logIn(baseUrl: string, loginId: string, password = "tsunagu-demo"): Promise<HttpSession> {
    const response = await fetch(`${baseUrl}/login`, {
      method: "POST",
      body: new URLSearchParams({ loginId, password }),
      headers: { Origin: baseUrl },
      redirect: "manual",
    });
    if (response.status !== 302) throw new Error(`login of ${loginId} answered ${response.status}`);
    return new HttpSession(baseUrl, response.headers.get("set-cookie")!.split(";")[0]!);
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { Cookie: this.cookie }, redirect: "manual" });
  }

  /** POSTs a form (URLSearchParams) or a multipart body (FormData); a new session cookie, if any, is kept. */
  async post(path: string, body: Record<string, string> | FormData): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      body: body instanceof FormData ? body : new URLSearchParams(body),
      headers: { Cookie: this.cookie, Origin: this.baseUrl },
      redirect: "manual",
    });
    const renewed = response.headers.get("set-cookie");
    if (renewed?.startsWith("__session=") && !/Max-Age=0/.test(renewed)) this.cookie = renewed.split(";")[0]!;
    return response;
  }

  /** Uploads a CSV for a dataset; returns the new upload's id (the preview it redirects to). */
  async upload(dataset: string, csv: string | Uint8Array<ArrayBuffer>, fileName = "upload.csv"): Promise<number> {
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), fileName);
    const response = await this.post(`/uploads/new/${dataset}`, form);
    const location = response.headers.get("location");
    if (response.status !== 302 || !location) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    return Number(location.split("/").pop());
  }
}

export const monthlyHeader = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";

/** A monthly-support CSV: every body × every month of the fiscal years, each cell the same value. */
export function monthlyCsv(bodyCodes: readonly string[], fiscalYears: readonly number[], value: number): string {
  const lines = [monthlyHeader];
  for (const code of bodyCodes)
    for (const fy of fiscalYears)
      for (let i = 0; i < 12; i++) {
        const month = ((i + 3) % 12) + 1;
        const year = month >= 4 ? fy : fy + 1;
        lines.push(`${code},${year}-${String(month).padStart(2, "0")},${value},${value},${value},${value},0,${value},${value}`);
      }
  return `${lines.join("\r\n")}\r\n`;
}
