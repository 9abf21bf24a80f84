import type { Database } from "../../../db/client";
import { builtInMasterEntries, builtInMasterSource } from "~/server/master/national-master.server";
import { writeAudit } from "~/server/audit/write.server";
import { hasMasterList, importMasterList, type MasterImportResult } from "../../../db/queries/geography";

/**
 * An empty database gets every prefecture, municipality and ward of the built-in list (valid since
 * always); a database that has any municipality is left as it is: later official lists are applied
 * with `npm run import:master`. Returns what was loaded, or null.
 */
export async function loadBuiltInMasterIfEmpty(db: Database): Promise<MasterImportResult | null> {
  if (await hasMasterList(db)) return null;
  return db.transaction(async (tx) => {
    const result = await importMasterList(tx, builtInMasterEntries(), { asOf: "1900-01-01" });
    await writeAudit(tx, { userId: null, clientAddress: null, action: "master.import", target: builtInMasterSource, detail: result });
    return result;
  });
}
