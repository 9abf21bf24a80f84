import { eq, sql } from "drizzle-orm";
import { prefectureDefinitions } from "~/domain/prefectures";
import { prefectureBodyCode } from "~/domain/local-government-code";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { queryRows, type Database } from "../client";
import { existsOn, populationsOn } from "./fragments";
import { isImplementingBodyEver } from "./implementing-bodies";
import { memoByDataVersion } from "./data-version-memo";
import { localGovernments, populations, prefectures } from "../schema";
import type { MasterListEntry } from "~/domain/master-list";

/** The 47 prefectures and their rows as implementing bodies; safe to run on every start. */
export async function ensurePrefectures(db: Database): Promise<void> {
  await db
    .insert(prefectures)
    .values(prefectureDefinitions.map(({ code, name, kana, regionalBlock }) => ({ code, name, kana, regionalBlock })))
    .onConflictDoNothing();
  await db
    .insert(localGovernments)
    .values(
      prefectureDefinitions.map((d) => ({
        code: prefectureBodyCode(d.code),
        prefectureCode: d.code,
        name: d.name,
        kana: d.kana,
        kind: "prefecture",
        hasWelfareOffice: true,
      })),
    )
    .onConflictDoNothing();
}

export type MasterImportResult = {
  inserted: number;
  updated: number;
  closed: number;
  reopened: number;
  unchanged: number;
  populations: number;
  byKind: Record<string, number>;
};

type Existing = typeof localGovernments.$inferSelect;

/**
 * Loads the official list idempotently in one transaction: new codes are added, changed ones
 * updated, and codes that disappeared are closed (valid_to) rather than deleted, because
 * statistics keep referring to them after a merger.
 */
export async function importMasterList(
  db: Database,
  entries: MasterListEntry[],
  options: { asOf: string },
): Promise<MasterImportResult> {
  return db.transaction(async (tx) => {
    await ensurePrefectures(tx);
    const existingRows = await tx.select().from(localGovernments);
    const existing = new Map(existingRows.map((r) => [r.code, r]));
    const hadMunicipalities = existingRows.some((r) => r.kind !== "prefecture");
    const result: MasterImportResult = { inserted: 0, updated: 0, closed: 0, reopened: 0, unchanged: 0, populations: 0, byKind: {} };

    const cityCodeByName = new Map<string, string>();
    for (const r of existingRows) cityCodeByName.set(`${r.prefectureCode}:${r.name}`, r.code);
    for (const e of entries) cityCodeByName.set(`${e.prefectureCode}:${e.name}`, e.code);

    const inserts: (typeof localGovernments.$inferInsert)[] = [];
    for (const entry of entries) {
      result.byKind[entry.kind] = (result.byKind[entry.kind] ?? 0) + 1;
      const current = existing.get(entry.code);
      const desired = {
        prefectureCode: entry.prefectureCode,
        name: entry.name,
        kana: entry.kana || current?.kana || "",
        kind: entry.kind,
        hasWelfareOffice: entry.hasWelfareOffice ?? current?.hasWelfareOffice ?? false,
        parentCode: entry.parentName ? (cityCodeByName.get(`${entry.prefectureCode}:${entry.parentName}`) ?? null) : null,
        administered: entry.administered,
      };
      if (!current) {
        inserts.push({ code: entry.code, ...desired, ...(hadMunicipalities ? { validFrom: options.asOf } : {}) });
        result.inserted++;
        continue;
      }
      const changed = (Object.keys(desired) as (keyof typeof desired)[]).some((k) => desired[k] !== current[k as keyof Existing]);
      const reopen = current.validTo !== null;
      if (changed || reopen) {
        await tx
          .update(localGovernments)
          .set({ ...desired, ...(reopen ? { validTo: null, successorCode: null } : {}) })
          .where(eq(localGovernments.code, entry.code));
        if (reopen) result.reopened++;
        else result.updated++;
      } else result.unchanged++;
    }
    for (let i = 0; i < inserts.length; i += 500) await tx.insert(localGovernments).values(inserts.slice(i, i + 500));

    // Wards are listed separately in some official files; only close them if this file lists wards at all.
    const listed = new Set(entries.map((e) => e.code));
    // Likewise the unadministered villages, which open-data lists leave out.
    const fileHasWards = entries.some((e) => e.kind === "ward");
    const fileHasUnadministered = entries.some((e) => !e.administered);
    for (const row of existingRows) {
      if (row.kind === "prefecture" || row.validTo !== null || listed.has(row.code)) continue;
      if (row.kind === "ward" && !fileHasWards) continue;
      if (!row.administered && !fileHasUnadministered) continue;
      await tx.update(localGovernments).set({ validTo: options.asOf }).where(eq(localGovernments.code, row.code));
      result.closed++;
    }

    const populationRows = entries
      .filter((e) => e.population !== null)
      .map((e) => ({ localGovernmentCode: e.code, asOf: options.asOf, population: e.population! }));
    for (let i = 0; i < populationRows.length; i += 500) {
      await tx
        .insert(populations)
        .values(populationRows.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [populations.localGovernmentCode, populations.asOf],
          set: { population: sql`excluded.population` },
        });
    }
    result.populations = populationRows.length;
    return result;
  });
}

/** Whether any municipality or ward is registered (prefectures are always there). */
export async function hasMasterList(db: Database): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (select 1 from local_governments where kind <> 'prefecture') as found`,
  );
  return rows[0]?.found === true;
}

// the 47 prefectures, on most pages: kept per data version (the prefectures table raises it)
export const listPrefectures = memoByDataVersion((db: Database) =>
  db
    .select({ code: prefectures.code, name: prefectures.name, regionalBlock: prefectures.regionalBlock })
    .from(prefectures)
    .orderBy(prefectures.code),
);

export type PrefectureSummary = {
  code: string;
  name: string;
  regionalBlock: string;
  implementingBodies: number;
  municipalities: number;
  population: number | null;
};

/** Each prefecture with its implementing bodies (itself included) and current municipalities at a reference date. */
export async function prefectureSummaries(db: Database, fiscalYear: number): Promise<PrefectureSummary[]> {
  const referenceDate = fiscalYearStart(fiscalYear);
  const rows = await queryRows<{
    code: string;
    name: string;
    regional_block: string;
    implementing_bodies: number;
    municipalities: number;
    population: string | null;
  }>(
    db,
    sql`
      with bodies as (
        select lg.* from local_governments lg
        where ${existsOn("lg", referenceDate)}
      ),
      latest_population as ${populationsOn(referenceDate)}
      select p.code, p.name, p.regional_block,
             count(b.code) filter (where ${isImplementingBodyEver("b")})::int as implementing_bodies,
             count(b.code) filter (where b.kind not in ('prefecture', 'ward') and b.administered)::int as municipalities,
             sum(lp.population) filter (where ${isImplementingBodyEver("b")}) as population
      from prefectures p
      left join bodies b on b.prefecture_code = p.code
      left join latest_population lp on lp.local_government_code = b.code
      group by p.code, p.name, p.regional_block
      order by p.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    regionalBlock: r.regional_block,
    implementingBodies: r.implementing_bodies,
    municipalities: r.municipalities,
    population: r.population === null ? null : Number(r.population),
  }));
}
