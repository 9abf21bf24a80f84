// npm run backup:check — proves the backup procedure of docs/deploy.md end to end on a PostgreSQL
// server: a database with the demo dataset and some user activity is dumped with `pg_dump -Fc`,
// restored with `pg_restore` into an empty database, and every table is compared row for row. The
// restored database must then work as the app's: migrations are a no-op and the triggers that keep
// the fiscal-year totals still fire. Exits non-zero on any difference. CI runs it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows, type Database } from "../db/client";
import { monthlySupportStatistics } from "../db/schema";
import { createThrowawayDatabase } from "../db/throwaway";
import { byMetric, monthlyMetrics } from "../app/domain/metric-catalogue";
import { seedDemo } from "../seeds/demo";
import { writeAudit } from "../app/server/audit/write.server";

const serverUrl = process.env.BACKUP_CHECK_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** Every table of the app (and drizzle's migration journal) with a digest of its rows in a fixed order. */
async function fingerprint(db: Database): Promise<Map<string, { rows: number; digest: string }>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname in ('public', 'drizzle') order by 1`,
  );
  const result = new Map<string, { rows: number; digest: string }>();
  for (const { name } of tables) {
    const [row] = await queryRows<{ rows: number; digest: string | null }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as digest from ${sql.raw(name)} t`,
    );
    result.set(name, { rows: row!.rows, digest: row!.digest ?? "" });
  }
  return result;
}

const work = mkdtempSync(path.join(tmpdir(), "tsunagu-backup-"));
const source = await createThrowawayDatabase(serverUrl, "tsunagu_backup_src");
const target = await createThrowawayDatabase(serverUrl, "tsunagu_backup_dst");
let failed = false;
try {
  const primary = await openDatabase({ driver: "postgres", url: source.url });
  await primary.migrate();
  let started = performance.now();
  const seeded = await seedDemo(primary.db);
  await writeAudit(primary.db, { userId: null, clientAddress: null, action: "login.failed", target: "backup-check", detail: { note: "日本語の行" } });
  console.log(`source: demo dataset (${seeded.bodies} bodies, ${seeded.monthlyRows.toLocaleString("en-US")} monthly rows) in ${seconds(started)}`);
  const before = await fingerprint(primary.db);
  await primary.close();

  const dump = path.join(work, "tsunagu.dump");
  started = performance.now();
  execFileSync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${dump}`, `--dbname=${source.url}`], { stdio: "inherit" });
  console.log(`pg_dump: ${(statSync(dump).size / 1024 / 1024).toFixed(1)} MB in ${seconds(started)}`);
  started = performance.now();
  execFileSync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${target.url}`, dump], { stdio: "inherit" });
  console.log(`pg_restore: ${seconds(started)}`);

  const restored = await openDatabase({ driver: "postgres", url: target.url });
  try {
    const after = await fingerprint(restored.db);
    for (const [name, expected] of before) {
      const actual = after.get(name);
      const same = actual?.rows === expected.rows && actual.digest === expected.digest;
      if (!same) failed = true;
      console.log(`${same ? "ok  " : "DIFF"} ${name}: ${expected.rows} rows${same ? "" : ` → ${actual ? `${actual.rows} rows, other content` : "missing"}`}`);
    }
    for (const name of after.keys()) {
      if (before.has(name)) continue;
      failed = true;
      console.log(`DIFF ${name}: only in the restore`);
    }

    await restored.migrate();
    const [{ n: migrations } = { n: 0 }] = await queryRows<{ n: number }>(restored.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    if (migrations !== before.get("drizzle.__drizzle_migrations")?.rows) {
      failed = true;
      console.log("DIFF migrations ran again on the restored database");
    }

    // The restored triggers keep the fiscal-year totals: add one month and read it back.
    const [body] = await queryRows<{ code: string; fy: number; n: number }>(
      restored.db,
      sql`select local_government_code as code, fiscal_year as fy, new_consultations::int as n from fiscal_year_body_totals order by 1, 2 limit 1`,
    );
    const [free] = await queryRows<{ year: number; month: number }>(
      restored.db,
      sql`select y as year, m as month from generate_series(1990, 2000) y, generate_series(4, 12) m
          where not exists (select 1 from monthly_support_statistics s where s.local_government_code = ${body!.code} and s.year = y and s.month = m)
          limit 1`,
    );
    await restored.db.insert(monthlySupportStatistics).values({
      localGovernmentCode: body!.code,
      year: free!.year,
      month: free!.month,
      fiscalYear: free!.year,
      ...byMetric(monthlyMetrics, (m) => (m === "newConsultations" ? 7 : 0)),
    });
    const [totals] = await queryRows<{ n: number }>(
      restored.db,
      sql`select new_consultations::int as n from fiscal_year_body_totals where local_government_code = ${body!.code} and fiscal_year = ${free!.year}`,
    );
    const triggersWork = totals?.n === 7;
    if (!triggersWork) failed = true;
    console.log(`${triggersWork ? "ok  " : "DIFF"} triggers on the restored database (a new month of ${body!.code} shows in fiscal_year_body_totals)`);
  } finally {
    await restored.close();
  }
} finally {
  await source.drop();
  await target.drop();
  rmSync(work, { recursive: true, force: true });
}
console.log(failed ? "\nbackup check FAILED" : "\nbackup check passed: the restore equals the source and works as the app's database");
process.exit(failed ? 1 : 0);
