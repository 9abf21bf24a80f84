import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { createThrowawayDatabase } from "../../db/throwaway";

export type RunningApp = { url: string; process: ChildProcess; output: () => string; stop: () => Promise<number | null> };

async function freePort(): Promise<number> {
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

/** Starts the production build (npm run build first) the way `npm start` serves it. */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  if (!existsSync("build/server/index.js")) throw new Error("build/ is missing: run `npm run build` before the browser tests");
  const port = await freePort();
  // vitest sets NODE_ENV=test; the app runs as `npm start` runs it, without NODE_ENV
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  const childEnv = { ...inherited, PORT: String(port), SESSION_SECRET: "e2e-session-secret-0123456789abcdef", ...env } as unknown as NodeJS.ProcessEnv;
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
