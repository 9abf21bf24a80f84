import { afterAll, beforeAll } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { loadSampleBodiesAndUsers } from "./bodies";
import { createTestDatabase } from "./database";
import { demoSessionCookies } from "./login";

/**
 * The database of a route test file: fresh, with every local government and the demo accounts,
 * installed for the loaders and actions, and the session cookies of the given demo logins
 * (filled in place before the tests run, so `const { cookies } = routeTestDatabase(…)` works).
 */
export function routeTestDatabase(loginIds: readonly string[]): { handle: DatabaseHandle; cookies: Record<string, string> } {
  const context = { handle: undefined as unknown as DatabaseHandle, cookies: {} as Record<string, string> };
  beforeAll(async () => {
    context.handle = await createTestDatabase();
    installDatabaseHandle(context.handle);
    await loadSampleBodiesAndUsers(context.handle.db);
    Object.assign(context.cookies, await demoSessionCookies([...loginIds]));
  });
  afterAll(async () => {
    await context.handle.close();
  });
  return context;
}
