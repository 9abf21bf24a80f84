import type { Database } from "../../db";
import { isDemoDataset } from "../../db/queries/meta";
import { demoAccounts, demoPassword } from "../../seeds/demo-users";

/** The demo accounts are listed on the login page only while the demo dataset is loaded. */
export async function listDemoAccounts(db: Database) {
  if (!(await isDemoDataset(db))) return null;
  return { password: demoPassword, accounts: demoAccounts.map(({ loginId, displayName }) => ({ loginId, displayName })) };
}
