import { hashPassword } from "../app/server/auth/password.server";
import type { UserRole } from "../app/domain/vocabulary";
import type { Database } from "../db/client";
import { users } from "../db/schema";

export const demoPassword = "tsunagu-demo";

/** Listed on the login page while the demo dataset is loaded, and only then. */
export const demoAccounts: {
  loginId: string;
  displayName: string;
  role: UserRole;
  prefectureCode: string | null;
  localGovernmentCode: string | null;
}[] = [
  { loginId: "mhlw", displayName: "厚生労働省 地域福祉課（デモ）", role: "mhlw", prefectureCode: null, localGovernmentCode: null },
  { loginId: "tottori-pref", displayName: "鳥取県 福祉保健課（デモ）", role: "prefecture", prefectureCode: "31", localGovernmentCode: null },
  { loginId: "tokyo-pref", displayName: "東京都 生活福祉部（デモ）", role: "prefecture", prefectureCode: "13", localGovernmentCode: null },
  { loginId: "tottori-city", displayName: "鳥取市 福祉部（デモ）", role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" },
];

export async function createDemoUsers(db: Database): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  await db
    .insert(users)
    .values(demoAccounts.map((a) => ({ ...a, passwordHash })))
    .onConflictDoNothing();
}
