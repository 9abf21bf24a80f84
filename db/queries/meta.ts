import { eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { appMeta } from "../schema";

export async function isDemoDataset(db: Database): Promise<boolean> {
  const [row] = await db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, "demo_dataset"));
  return row?.value === "true";
}

/** When a dataset last changed: its latest committed upload, else when the demo dataset was loaded. */
export async function datasetUpdatedAt(db: Database, dataset: string): Promise<string | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(
    db,
    sql`select greatest(
          (select max(committed_at) from uploads where dataset = ${dataset} and status = 'committed'),
          (select updated_at from app_meta where key = 'demo_dataset')
        ) as at`,
  );
  const at = row?.at ?? null;
  return at === null ? null : new Date(at).toISOString();
}

/** When a prefecture's records of its own work last changed (added or edited), or anyone's when prefectureCode is null. */
export async function recordsUpdatedAt(db: Database, table: "supervision_contacts" | "training_sessions" | "prefecture_support_activities", prefectureCode: string | null): Promise<string | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(
    db,
    sql`select max(updated_at) as at from ${sql.identifier(table)} where ${prefectureCode ? sql`prefecture_code = ${prefectureCode}` : sql`true`}`,
  );
  return row?.at ? new Date(row.at).toISOString() : null;
}

/** The latest of several data dates (ISO strings; missing ones ignored). */
export function latestDataDate(...dates: (string | null)[]): string | null {
  return dates.reduce<string | null>((latest, d) => (d !== null && (latest === null || d > latest) ? d : latest), null);
}
