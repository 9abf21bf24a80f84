import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { queryRows } from "../../db/client";
import { ensurePrefectures } from "../../db/queries/geography";
import { currentDataVersion } from "../../db/queries/data-version-memo";
import { auditLog, dataVersion, localGovernments, monthlySupportStatistics, populations, sessions, users } from "../../db/schema";
import { createTestDatabase } from "../setup/database";
import { month } from "../setup/monthly";

// The data version (ADR 013) goes up once per committed transaction that changed what pages show,
// becomes visible with that transaction's data, and ignores logins (sessions, audit log).

let handle: DatabaseHandle;
let userId: number;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const version = () => currentDataVersion(handle.db);
const marks = async () => Number((await queryRows<{ n: string | number }>(handle.db, sql`select count(*) as n from data_change_marks`))[0]!.n);

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values({ code: "312011", prefectureCode: "31", name: "鳥取市", kind: "core_city", hasWelfareOffice: true });
  const [user] = await handle.db
    .insert(users)
    .values({ loginId: "v-test", displayName: "テスト", role: "mhlw", passwordHash: "x" })
    .returning({ id: users.id });
  userId = user!.id;
});

afterAll(async () => {
  await handle.close();
});

describe("data version", () => {
  it("rises by one at the commit of a transaction that changed several tables, not before", async () => {
    const before = await version();
    const inside = await handle.db.transaction(async (tx) => {
      await tx.insert(populations).values({ localGovernmentCode: "312011", asOf: "2024-01-01", population: 180_000 });
      await tx.insert(monthlySupportStatistics).values([month("312011", 2024, 4, 10), month("312011", 2024, 5, 11)]);
      await tx.update(localGovernments).set({ name: "鳥取市" }).where(sql`code = '312011'`);
      const [row] = await tx.select({ version: dataVersion.version }).from(dataVersion);
      return row!.version;
    });
    expect(inside).toBe(before);
    expect(await version()).toBe(before + 1);
    expect(await marks()).toBe(0);
  });

  it("stays where it was when the transaction rolls back", async () => {
    const before = await version();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(monthlySupportStatistics).values(month("312011", 2024, 6, 12));
        throw new Error("abandoned");
      }),
    ).rejects.toThrow("abandoned");
    expect(await version()).toBe(before);
    expect(await marks()).toBe(0);
  });

  it("rises once for each statement run on its own (each its own transaction)", async () => {
    const before = await version();
    await handle.db.insert(monthlySupportStatistics).values(month("312011", 2024, 7, 13));
    await handle.db.delete(monthlySupportStatistics).where(sql`year = 2024 and month = 7`);
    expect(await version()).toBe(before + 2);
  });

  it("ignores logins: sessions and the audit log do not change what the aggregate pages show", async () => {
    const before = await version();
    await handle.db.insert(sessions).values({ id: "s-1", userId, expiresAt: sql`now() + interval '1 hour'` });
    await handle.db.insert(auditLog).values({ userId, action: "login", target: "v-test" });
    await handle.db.delete(sessions).where(sql`id = 's-1'`);
    expect(await version()).toBe(before);
  });

  // api_tokens too: every API request updates last_used_at, and no cached page shows tokens (ADR 028)
  it("watches every table except sessions, API tokens, the audit log, the staged rows of uploads and its own two", async () => {
    const unwatched = await queryRows<{ table_name: string }>(
      handle.db,
      sql`select t.table_name from information_schema.tables t
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
            and not exists (select 1 from pg_trigger g join pg_proc p on p.oid = g.tgfoid
                            where g.tgrelid = format('public.%I', t.table_name)::regclass and p.proname = 'note_data_change')
          order by 1`,
    );
    const names = unwatched.map((r) => r.table_name);
    expect(names.filter((n) => !n.startsWith("staged_"))).toEqual(["api_tokens", "audit_log", "data_change_marks", "data_version", "sessions"]);
    expect(names.filter((n) => n.startsWith("staged_")).length).toBeGreaterThan(0);
  });

  it.runIf(onPostgres)("counts two transactions that commit at the same time as two changes (PostgreSQL)", async () => {
    const url = (handle.target as { url: string }).url;
    const a = postgres(url, { max: 1, onnotice: () => {} });
    const b = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const before = await version();
      let releaseA!: () => void;
      const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
      let aWrote!: () => void;
      const aHasWritten = new Promise<void>((resolve) => (aWrote = resolve));
      const first = a.begin(async (tx) => {
        await tx`insert into populations (local_government_code, as_of, population) values ('312011', '2025-01-01', 179000)`;
        aWrote();
        await aMayCommit;
      });
      await aHasWritten;
      // b writes and commits while a is open: neither waits for the other
      await b.begin(async (tx) => {
        await tx`update local_governments set name = name where code = '312011'`;
      });
      expect(await version()).toBe(before + 1);
      releaseA();
      await first;
      expect(await version()).toBe(before + 2);
    } finally {
      await a.end();
      await b.end();
    }
  });
});
