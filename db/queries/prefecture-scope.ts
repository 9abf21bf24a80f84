import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { sqlIn } from "./fragments";
import { isImplementingBodyEver } from "./implementing-bodies";

/** Who writes a prefecture's records: the official, the prefecture, and where from (for the audit log). */
export type PrefectureActor = { userId: number; prefectureCode: string; clientAddress?: string | null };

/** A write aimed outside the acting prefecture (another prefecture's body or record). The message is shown to the user. */
export class PrefectureScopeError extends Error {}

/**
 * Throws unless every code is an implementing body of the prefecture (ever: records of a body merged
 * since stay writable for the dates it existed).
 */
export async function assertImplementingBodiesOf(db: Database, prefectureCode: string, codes: readonly string[], message: string): Promise<void> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from local_governments lg
        where ${sqlIn("lg.code", unique)} and lg.prefecture_code = ${prefectureCode} and ${isImplementingBodyEver("lg")}`,
  );
  if ((row?.n ?? 0) !== unique.length) throw new PrefectureScopeError(message);
}
