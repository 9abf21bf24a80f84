import type { Database } from "../../db";
import { loadBuiltInMasterIfEmpty } from "../../app/server/master/built-in-master";
import { createDemoUsers } from "../../seeds/demo-users";

/** Every local government of the built-in master list and the demo users, without generated statistics. */
export async function loadSampleBodiesAndUsers(db: Database): Promise<void> {
  await loadBuiltInMasterIfEmpty(db);
  await createDemoUsers(db);
}
