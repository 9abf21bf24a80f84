// Opens a PGlite directory from a second process (used by the lock test).
import { openDatabase } from "../../db/client";

try {
  const handle = await openDatabase({ driver: "pglite", dataDir: process.argv[2]! });
  await handle.close();
  console.log("opened");
} catch (error) {
  console.log((error as Error).message);
  process.exit(3);
}
