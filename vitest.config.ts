import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "seeds/**/*.test.ts", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/server-drawn-charts.ts"],
    // the pages' and uploads' "today" (pageToday): tests never depend on the day they run; a test that needs another date sets its own
    env: { SESSION_SECRET: "test-session-secret-0123456789abcdef", TSUNAGU_TODAY: "2026-12-02" },
  },
});
