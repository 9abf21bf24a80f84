import type { Database } from "../../../db";
import { getBody } from "../../../db/queries/bodies";
import { findPrefectureByCode } from "~/domain/prefectures";
import type { SessionUser } from "../auth/session.server";

/** Whom a user's prints speak for: 「厚生労働省 担当者」, 「鳥取県 担当者」, 「鳥取市 担当者」 (the root loader's print stamp). */
export async function printScopeLabel(db: Database, user: Pick<SessionUser, "role" | "prefectureCode" | "localGovernmentCode">): Promise<string> {
  if (user.role === "mhlw") return "厚生労働省 担当者";
  if (user.role === "prefecture") return `${(user.prefectureCode && findPrefectureByCode(user.prefectureCode)?.name) || "都道府県"} 担当者`;
  const body = user.localGovernmentCode ? await getBody(db, user.localGovernmentCode) : null;
  return `${body?.name ?? "市区町村"} 担当者`;
}
