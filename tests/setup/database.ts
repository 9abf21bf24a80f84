import { openDatabase, type DatabaseHandle } from "../../db/client";
import { createThrowawayDatabase } from "../../db/throwaway";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a throwaway
 * database on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ driver: "pglite", dataDir: null });
    await handle.migrate();
    return handle;
  }
  const throwaway = await createThrowawayDatabase(serverUrl, "tsunagu_test");
  const handle = await openDatabase({ driver: "postgres", url: throwaway.url });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await throwaway.drop();
    },
  };
}
