import type { Database } from "../../db";
import { importMasterList } from "../../db/queries/geography";
import { readDemoFile } from "../../seeds/demo";
import { createDemoUsers } from "../../seeds/demo-users";

/** The demo sample of local governments and the demo users, without generated statistics. */
export async function loadSampleBodiesAndUsers(db: Database): Promise<void> {
  const { entries } = readDemoFile();
  await importMasterList(db, entries.map((e) => ({ ...e, population: null })), { asOf: "1900-01-01" });
  await createDemoUsers(db);
}
