import { and, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatasetDefinition, DatasetId } from "~/domain/datasets/types";
import { copyCsvField, copyCsvInto, queryRows, refreshStatisticsIfEmbedded, type Database } from "../client";
import { localGovernments, uploadIssues, uploads, users, type UploadCounts } from "../schema";
import { columnName, datasetTables, tableName } from "./dataset-tables";

// Named queries of the upload pipeline; app/server/uploads orders them (and holds the transactions).
// Generic SQL over a dataset's target table: table and column names come from the drizzle tables
// bound in dataset-tables.ts, never from user input, so sql.raw is safe here.

type SqlType = "text" | "integer" | "smallint" | "boolean" | "date" | "numeric";

const cast: Record<SqlType, string> = {
  text: "",
  integer: "::integer",
  smallint: "::smallint",
  boolean: "::boolean",
  date: "::date",
  numeric: "::numeric",
};

type StoredColumn = { name: string; type: SqlType };

/** A dataset's target and staging tables by name, with its key and value columns. */
function tableOf(d: { id: DatasetId }): { name: string; staging: string; keyColumns: StoredColumn[]; valueColumns: StoredColumn[] } {
  const t = datasetTables[d.id];
  const stored = (c: (typeof t.keyColumns)[number]): StoredColumn => ({ name: columnName(c), type: c.getSQLType().replace(/\(.*$/, "") as SqlType });
  return { name: tableName(t.target), staging: tableName(t.staging), keyColumns: t.keyColumns.map(stored), valueColumns: t.valueColumns.map(stored) };
}

function keyMatch(d: DatasetDefinition, target: string, json: string): SQL {
  return sql.raw(tableOf(d).keyColumns.map((k) => `${target}.${k.name} = (${json}->>'${k.name}')${cast[k.type]}`).join(" and "));
}

function currentValues(d: DatasetDefinition, target: string): SQL {
  return sql.raw(`jsonb_build_object(${tableOf(d).valueColumns.map((v) => `'${v.name}', ${target}.${v.name}`).join(", ")})`);
}

/** Staged row r joined to the target row t on the dataset's key. */
function stagedJoin(d: Pick<DatasetDefinition, "id">): SQL {
  return sql.raw(tableOf(d).keyColumns.map((k) => `t.${k.name} = r.${k.name}`).join(" and "));
}

function stagedKey(d: DatasetDefinition): SQL {
  return sql.raw(`jsonb_build_object(${tableOf(d).keyColumns.map((k) => `'${k.name}', r.${k.name}`).join(", ")})`);
}

/** The staged row's values differ from the target row's (NULL-safe). */
function stagedDiffers(d: Pick<DatasetDefinition, "id">): SQL {
  const names = tableOf(d).valueColumns.map((v) => v.name);
  return sql.raw(`(${names.map((n) => `t.${n}`).join(", ")}) is distinct from (${names.map((n) => `r.${n}`).join(", ")})`);
}

const targetTable = (d: DatasetDefinition): SQL => sql.raw(tableOf(d).name);
const stagingTable = (d: DatasetDefinition): SQL => sql.raw(tableOf(d).staging);

export async function loadBodyRecords(db: Database) {
  return db
    .select({
      code: localGovernments.code,
      prefectureCode: localGovernments.prefectureCode,
      name: localGovernments.name,
      kana: localGovernments.kana,
      kind: localGovernments.kind,
      hasWelfareOffice: localGovernments.hasWelfareOffice,
      parentCode: localGovernments.parentCode,
      validFrom: localGovernments.validFrom,
      validTo: localGovernments.validTo,
      successorCode: localGovernments.successorCode,
    })
    .from(localGovernments);
}

/** A new upload, 「読み込み中」 until its file is staged. */
export async function createStagingUpload(db: Database, upload: { dataset: DatasetId; fileName: string; userId: number | null }): Promise<number> {
  const [row] = await db
    .insert(uploads)
    .values({ dataset: upload.dataset, fileName: upload.fileName.slice(0, 255), sizeBytes: 0, sha256: "", encoding: "", userId: upload.userId, status: "staging" })
    .returning({ id: uploads.id });
  return row!.id;
}

export type NewIssue = { severity: "error" | "warning"; line: number; column: string; value: string; reason: string };

export async function storeIssues(db: Database, uploadId: number, issues: readonly NewIssue[]): Promise<void> {
  if (issues.length === 0) return;
  // by COPY: a file full of problems brings up to 2,000 issues per batch, and building them into one insert cost more than writing them
  const lines = issues.map((i) => `${[uploadId, i.severity, i.line, i.column, i.value, i.reason].map(copyCsvField).join(",")}\n`);
  await copyCsvInto(db, "upload_issues", ["upload_id", "severity", "line", "column_name", "cell_value", "reason"], lines.join(""));
}

/** COPY lines (upload_id, line, part, then the key and value columns) into the dataset's staging table. */
export async function copyStagedRows(db: Database, d: DatasetDefinition, copyLines: string): Promise<void> {
  const t = tableOf(d);
  await copyCsvInto(db, t.staging, ["upload_id", "line", "part", ...t.keyColumns.map((k) => k.name), ...t.valueColumns.map((v) => v.name)], copyLines);
}

export async function deleteStagedRows(db: Database, uploadId: number, d: DatasetDefinition): Promise<void> {
  await db.execute(sql`delete from ${stagingTable(d)} where upload_id = ${uploadId}`);
}

type StagedFile = { sizeBytes: number; sha256: string; encoding: string };

/** The end of a staging still running (conditional: a cleanup or a discard may have given up on it meanwhile). */
export async function markRejected(db: Database, uploadId: number, file: StagedFile, counts: UploadCounts, message: string): Promise<void> {
  await db
    .update(uploads)
    .set({ status: "rejected", ...file, counts, message })
    .where(and(eq(uploads.id, uploadId), eq(uploads.status, "staging")));
}

export async function markPreviewed(db: Database, uploadId: number, file: StagedFile, counts: UploadCounts): Promise<boolean> {
  const previewed = await db
    .update(uploads)
    .set({ status: "previewed", ...file, counts })
    .where(and(eq(uploads.id, uploadId), eq(uploads.status, "staging")))
    .returning({ id: uploads.id });
  return previewed.length > 0;
}

export async function markStagingFailed(db: Database, uploadId: number, message: string): Promise<void> {
  await db.update(uploads).set({ status: "failed", message }).where(and(eq(uploads.id, uploadId), eq(uploads.status, "staging")));
}

export async function diffCounts(db: Database, uploadId: number, d: DatasetDefinition): Promise<Pick<UploadCounts, "new" | "changed" | "unchanged">> {
  const [row] = await queryRows<{ new: number; changed: number; unchanged: number }>(
    db,
    sql`select count(*) filter (where t.ctid is null)::int as new,
               count(*) filter (where t.ctid is not null and ${stagedDiffers(d)})::int as changed,
               count(*) filter (where t.ctid is not null and not ${stagedDiffers(d)})::int as unchanged
        from ${stagingTable(d)} r left join ${targetTable(d)} t on ${stagedJoin(d)}
        where r.upload_id = ${uploadId}`,
  );
  return row ?? { new: 0, changed: 0, unchanged: 0 };
}

export type StagedChange = {
  line: number;
  rowKey: Record<string, unknown>;
  rowValues: Record<string, unknown>;
  existing: Record<string, unknown> | null;
};

/** New and changed rows of a staged upload, for the preview (old → new). */
export async function listStagedChanges(db: Database, uploadId: number, d: DatasetDefinition, limit: number): Promise<StagedChange[]> {
  const rows = await queryRows<{ line: number; row_key: Record<string, unknown>; row_values: Record<string, unknown>; existing: Record<string, unknown> | null }>(
    db,
    sql`select r.line, ${stagedKey(d)} as row_key, ${currentValues(d, "r")} as row_values,
               case when t.ctid is null then null else ${currentValues(d, "t")} end as existing
        from ${stagingTable(d)} r left join ${targetTable(d)} t on ${stagedJoin(d)}
        where r.upload_id = ${uploadId} and (t.ctid is null or ${stagedDiffers(d)})
        order by r.line, r.part
        limit ${limit}`,
  );
  return rows.map((r) => ({ line: r.line, rowKey: r.row_key, rowValues: r.row_values, existing: r.existing }));
}

/** The value columns of a dataset's table, in their order (the preview lists changes in it). */
export function valueColumnNames(d: DatasetDefinition): string[] {
  return tableOf(d).valueColumns.map((v) => v.name);
}

/** Moves a previewed upload to 'committing' (its own transaction, so a crash leaves it findable); null if it was not previewed. */
export async function claimForCommit(db: Database, uploadId: number): Promise<{ counts: UploadCounts | null } | null> {
  const claimed = await db
    .update(uploads)
    .set({ status: "committing" })
    .where(and(eq(uploads.id, uploadId), eq(uploads.status, "previewed")))
    .returning({ counts: uploads.counts });
  return claimed[0] ?? null;
}

export async function releaseCommitClaim(db: Database, uploadId: number): Promise<void> {
  await db.update(uploads).set({ status: "previewed" }).where(eq(uploads.id, uploadId));
}

/** Serialises work on one upload (commit, start-up sweep) for the transaction. */
export async function lockUpload(tx: Database, uploadId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(2, ${uploadId})`);
}

/** Serialises commits and reverts of one dataset table for the transaction. */
export async function lockDatasetTable(tx: Database, d: DatasetDefinition): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${tableOf(d).name}))`);
}

export async function countStagedRows(db: Database, uploadId: number, d: DatasetDefinition): Promise<number> {
  const [present] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${stagingTable(d)} where upload_id = ${uploadId}`);
  return present?.n ?? 0;
}

/**
 * Rows that already exist and change keep their previous values (with their previous upload_id) in
 * upload_changes. Rows the upload adds need no copy: they carry upload_id, which is how a revert
 * finds and removes them.
 */
export async function recordReplacedRows(tx: Database, uploadId: number, d: DatasetDefinition): Promise<void> {
  await tx.execute(sql`
    insert into upload_changes (upload_id, table_name, row_key, previous_values, new_values)
    select ${uploadId}, ${tableOf(d).name}, ${stagedKey(d)},
           ${currentValues(d, "t")} || jsonb_build_object('__upload_id', t.upload_id),
           ${currentValues(d, "r")}
    from ${stagingTable(d)} r join ${targetTable(d)} t on ${stagedJoin(d)}
    where r.upload_id = ${uploadId} and ${stagedDiffers(d)}`);
}

/**
 * Writes the staged rows, stamping every written row with the upload's id; unchanged rows are left alone.
 * An update of the stored rows that change, then an insert of the rows not stored yet — not one insert …
 * on conflict, whose speculative insertion cost ~60% more per new row of a national file (ADR 040). The
 * commit holds the dataset's lock (lockDatasetTable), so no row of these keys appears between the two.
 */
export async function applyStagedRows(tx: Database, uploadId: number, d: DatasetDefinition): Promise<{ inserted: number; updated: number }> {
  const t = tableOf(d);
  const keys = t.keyColumns.map((k) => k.name);
  const valueNames = t.valueColumns.map((v) => v.name);
  const insertColumns = sql.raw([...keys, ...valueNames, "upload_id"].join(", "));
  const selectColumns = sql.raw([...keys, ...valueNames].map((c) => `r.${c}`).join(", "));
  const updates = sql.raw(valueNames.map((v) => `${v} = r.${v}`).join(", "));
  const [updated] = await queryRows<{ n: number }>(
    tx,
    sql`with updated as (
          update ${targetTable(d)} t set ${updates}, upload_id = ${uploadId}
          from ${stagingTable(d)} r
          where r.upload_id = ${uploadId} and ${stagedJoin(d)} and ${stagedDiffers(d)}
          returning 1)
        select count(*)::int as n from updated`,
  );
  const [inserted] = await queryRows<{ n: number }>(
    tx,
    sql`with inserted as (
          insert into ${targetTable(d)} (${insertColumns})
          select ${selectColumns}, ${uploadId} from ${stagingTable(d)} r
          where r.upload_id = ${uploadId} and not exists (select 1 from ${targetTable(d)} t where ${stagedJoin(d)})
          returning 1)
        select count(*)::int as n from inserted`,
  );
  return { inserted: inserted?.n ?? 0, updated: updated?.n ?? 0 };
}

/** The moment a commit's transaction records as its time (with microseconds, as text): the upload's committed_at and its months' submission time. */
export async function commitClock(tx: Database): Promise<string> {
  const [row] = await queryRows<{ at: string }>(tx, sql`select clock_timestamp()::text as at`);
  return row!.at;
}

export async function markCommitted(tx: Database, uploadId: number, counts: UploadCounts, explanation: string | null, committedAt: string): Promise<void> {
  await tx
    .update(uploads)
    .set({ status: "committed", counts, explanation, committedAt: sql`${committedAt}::timestamptz` })
    .where(eq(uploads.id, uploadId));
}

export async function markFailed(db: Database, uploadId: number, message: string): Promise<void> {
  await db.update(uploads).set({ status: "failed", message }).where(eq(uploads.id, uploadId));
}

/** Tables whose planner statistics a large change of the dataset's table makes stale (with the totals its triggers keep). */
const derivedTables: Record<string, readonly string[]> = {
  monthly_support_statistics: ["fiscal_year_body_totals", "monthly_prefecture_totals"],
  populations: ["fiscal_year_body_totals"],
};

/** On PGlite (no autovacuum), a commit or revert of many rows refreshes the statistics of what it changed. */
export async function refreshStatisticsAfter(db: Database, d: DatasetDefinition, changedRows: number): Promise<void> {
  if (changedRows < 500) return;
  const name = tableOf(d).name;
  await refreshStatisticsIfEmbedded(db, [name, ...(derivedTables[name] ?? [])]);
}

export type RevertConflict = { uploadId: number; fileName: string; committedAt: string | null; rows: number };

/** The upload's status and counts, its row locked for the transaction. */
export async function lockUploadRow(tx: Database, uploadId: number) {
  const [upload] = await tx.select({ status: uploads.status, counts: uploads.counts }).from(uploads).where(eq(uploads.id, uploadId)).for("update");
  return upload ?? null;
}

/** Later committed uploads that changed this upload's rows (they recorded them with __upload_id = this upload). */
export async function listLaterChangesOf(tx: Database, uploadId: number, d: DatasetDefinition): Promise<RevertConflict[]> {
  const conflicts = await queryRows<{ upload_id: number; file_name: string; committed_at: string | null; rows: number }>(
    tx,
    sql`select later.id as upload_id, later.file_name, later.committed_at::text as committed_at, count(*)::int as rows
        from upload_changes lc
        join uploads later on later.id = lc.upload_id and later.status = 'committed'
        where lc.table_name = ${tableOf(d).name} and lc.upload_id > ${uploadId} and (lc.previous_values->>'__upload_id')::integer = ${uploadId}
        group by later.id, later.file_name, later.committed_at order by later.id`,
  );
  return conflicts.map((c) => ({ uploadId: c.upload_id, fileName: c.file_name, committedAt: c.committed_at, rows: c.rows }));
}

/** Replaced rows edited since (by a form, say): they no longer hold this upload's values. */
export async function countEditedReplacedRows(tx: Database, uploadId: number, d: DatasetDefinition): Promise<number> {
  const [edited] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from upload_changes c left join ${targetTable(d)} t on ${keyMatch(d, "t", "c.row_key")}
        where c.upload_id = ${uploadId} and (t.upload_id is distinct from ${uploadId} or ${currentValues(d, "t")} is distinct from c.new_values)`,
  );
  return edited?.n ?? 0;
}

/** Rows the upload added that still carry its id. */
export async function countInsertedRowsLeft(tx: Database, uploadId: number, d: DatasetDefinition): Promise<number> {
  const [stillInserted] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${targetTable(d)} t where t.upload_id = ${uploadId}
        and not exists (select 1 from upload_changes c where c.upload_id = ${uploadId} and ${keyMatch(d, "t", "c.row_key")})`,
  );
  return stillInserted?.n ?? 0;
}

/** Puts back the values (and upload ids) the upload replaced; returns how many rows it had replaced. */
export async function restoreReplacedRows(tx: Database, uploadId: number, d: DatasetDefinition): Promise<number> {
  const restore = sql.raw(
    [
      ...tableOf(d).valueColumns.map((v) => `${v.name} = (c.previous_values->>'${v.name}')${cast[v.type]}`),
      "upload_id = (c.previous_values->>'__upload_id')::integer",
    ].join(", "),
  );
  await tx.execute(sql`update ${targetTable(d)} t set ${restore} from upload_changes c
                       where c.upload_id = ${uploadId} and ${keyMatch(d, "t", "c.row_key")}`);
  const [changed] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from upload_changes where upload_id = ${uploadId}`);
  return changed?.n ?? 0;
}

/** Deletes the rows still carrying the upload's id (after the restore: the rows it added). */
export async function deleteRowsOfUpload(tx: Database, uploadId: number, d: DatasetDefinition): Promise<number> {
  const [deleted] = await queryRows<{ n: number }>(
    tx,
    sql`with removed as (delete from ${targetTable(d)} t where t.upload_id = ${uploadId} returning 1) select count(*)::int as n from removed`,
  );
  return deleted?.n ?? 0;
}

export async function markReverted(tx: Database, uploadId: number, userId: number | null): Promise<void> {
  await tx.update(uploads).set({ status: "reverted", revertedAt: sql`now()`, revertedBy: userId }).where(eq(uploads.id, uploadId));
}

export async function listCommittingUploadIds(db: Database): Promise<number[]> {
  const stuck = await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.status, "committing"));
  return stuck.map((u) => u.id);
}

/**
 * Fails an upload still 'committing' once its commit lock is free: a running commit holds the lock
 * (another instance's, or the orphaned backend of a killed process, which rolls back once its
 * statement ends). Waits at most a minute; false if still locked or no longer committing.
 */
export async function failIfStillCommitting(db: Database, uploadId: number, message: string): Promise<boolean> {
  return db
    .transaction(async (tx) => {
      await tx.execute(sql`set local lock_timeout = '60s'`);
      await lockUpload(tx, uploadId);
      const updated = await tx
        .update(uploads)
        .set({ status: "failed", message })
        .where(and(eq(uploads.id, uploadId), eq(uploads.status, "committing")))
        .returning({ id: uploads.id });
      return updated.length > 0;
    })
    .catch(() => false); // still locked after a minute: left to the commit holding it
}

const revertedByUsers = alias(users, "reverted_by_users");

export async function getUpload(db: Database, uploadId: number) {
  const [row] = await db
    .select({
      id: uploads.id,
      dataset: uploads.dataset,
      fileName: uploads.fileName,
      sizeBytes: uploads.sizeBytes,
      sha256: uploads.sha256,
      encoding: uploads.encoding,
      status: uploads.status,
      counts: uploads.counts,
      message: uploads.message,
      explanation: uploads.explanation,
      createdAt: uploads.createdAt,
      committedAt: uploads.committedAt,
      revertedAt: uploads.revertedAt,
      revertedByName: revertedByUsers.displayName,
      userId: uploads.userId,
      userName: users.displayName,
      userPrefectureCode: users.prefectureCode,
      userLocalGovernmentCode: users.localGovernmentCode,
    })
    .from(uploads)
    .leftJoin(users, eq(users.id, uploads.userId))
    .leftJoin(revertedByUsers, eq(revertedByUsers.id, uploads.revertedBy))
    .where(eq(uploads.id, uploadId));
  return row ?? null;
}

export async function listIssues(db: Database, uploadId: number, severity: "error" | "warning", limit: number) {
  return db
    .select({ line: uploadIssues.line, column: uploadIssues.columnName, value: uploadIssues.cellValue, reason: uploadIssues.reason })
    .from(uploadIssues)
    .where(and(eq(uploadIssues.uploadId, uploadId), eq(uploadIssues.severity, severity)))
    .orderBy(uploadIssues.line, uploadIssues.id)
    .limit(limit);
}

/** An earlier upload of the very same file (same SHA-256) for the same dataset. */
export async function findEarlierSameFile(db: Database, upload: { id: number; dataset: string; sha256: string }) {
  const [row] = await db
    .select({ id: uploads.id, status: uploads.status, createdAt: uploads.createdAt, fileName: uploads.fileName })
    .from(uploads)
    .where(and(eq(uploads.dataset, upload.dataset), eq(uploads.sha256, upload.sha256), sql`${uploads.id} < ${upload.id}`, inArray(uploads.status, ["committed", "previewed", "reverted"])))
    .orderBy(desc(uploads.id))
    .limit(1);
  return row ?? null;
}


/** Statuses the history leaves out unless asked: nothing of them reached the data. */
export const hiddenUploadStatuses = ["failed", "discarded"] as const;

/** Upload history: MHLW sees all; a prefecture its users' and its municipalities' uploads; a municipality user its own body's. */
export async function listUploads(
  db: Database,
  scope: { role: string; prefectureCode: string | null; localGovernmentCode: string | null },
  options: { includeHidden?: boolean; limit?: number } = {},
) {
  const where =
    scope.role === "mhlw"
      ? sql`true`
      : scope.role === "prefecture"
        ? sql`${users.prefectureCode} = ${scope.prefectureCode}`
        : sql`${users.localGovernmentCode} = ${scope.localGovernmentCode}`;
  const [rows, [hidden]] = await Promise.all([
    db
      .select({
        id: uploads.id,
        dataset: uploads.dataset,
        fileName: uploads.fileName,
        sizeBytes: uploads.sizeBytes,
        encoding: uploads.encoding,
        status: uploads.status,
        counts: uploads.counts,
        createdAt: uploads.createdAt,
        committedAt: uploads.committedAt,
        explanation: uploads.explanation,
        userName: users.displayName,
      })
      .from(uploads)
      .leftJoin(users, eq(users.id, uploads.userId))
      .where(options.includeHidden ? where : and(where, notInArray(uploads.status, [...hiddenUploadStatuses])))
      .orderBy(desc(uploads.id))
      .limit(options.limit ?? 100),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(uploads)
      .leftJoin(users, eq(users.id, uploads.userId))
      .where(and(where, inArray(uploads.status, [...hiddenUploadStatuses]))),
  ]);
  return { rows, hiddenCount: hidden?.n ?? 0 };
}

/** Changes an upload made (committed or reverted), previous → new, for its history page. */
export async function listCommittedChanges(db: Database, uploadId: number, limit: number) {
  const rows = await queryRows<{ row_key: Record<string, unknown>; previous_values: Record<string, unknown> | null; new_values: Record<string, unknown> }>(
    db,
    sql`select row_key, previous_values, new_values from upload_changes where upload_id = ${uploadId} order by id limit ${limit}`,
  );
  return rows.map((r) => ({ rowKey: r.row_key, previous: r.previous_values, next: r.new_values }));
}

/** Rows a committed upload added that still carry its id (history keeps only the rows it replaced). */
export async function listInsertedRows(db: Database, uploadId: number, d: DatasetDefinition, limit: number) {
  const key = sql.raw(`jsonb_build_object(${tableOf(d).keyColumns.map((k) => `'${k.name}', t.${k.name}`).join(", ")})`);
  const rows = await queryRows<{ row_key: Record<string, unknown>; row_values: Record<string, unknown> }>(
    db,
    sql`select ${key} as row_key, ${currentValues(d, "t")} as row_values from ${targetTable(d)} t
        where t.upload_id = ${uploadId}
          and not exists (select 1 from upload_changes c where c.upload_id = ${uploadId} and ${keyMatch(d, "t", "c.row_key")})
        order by ${sql.raw(tableOf(d).keyColumns.map((k) => `t.${k.name}`).join(", "))}
        limit ${limit}`,
  );
  return rows.map((r) => ({ rowKey: r.row_key, next: r.row_values }));
}

/** The bodies and fiscal years of the rows carrying an upload's id: where its result can be seen. */
export async function uploadResultScope(db: Database, uploadId: number, d: DatasetDefinition): Promise<{ bodyCodes: string[]; fiscalYears: number[] }> {
  const bodyCode = datasetTables[d.id].export.bodyCode;
  const body = bodyCode ? sql.raw(`array_agg(distinct t.${columnName(bodyCode)})`) : sql`array[]::text[]`;
  const t = tableOf(d);
  const hasFiscalYear = t.keyColumns.some((k) => k.name === "fiscal_year") || t.valueColumns.some((v) => v.name === "fiscal_year");
  const years = hasFiscalYear ? sql`array_agg(distinct t.fiscal_year)` : sql`array[]::integer[]`;
  const [row] = await queryRows<{ body_codes: string[] | null; fiscal_years: number[] | null }>(
    db,
    sql`select ${body} as body_codes, ${years} as fiscal_years from ${targetTable(d)} t where t.upload_id = ${uploadId}`,
  );
  return { bodyCodes: (row?.body_codes ?? []).filter(Boolean), fiscalYears: (row?.fiscal_years ?? []).filter((y) => y !== null).map(Number) };
}

/** A previewed upload, or one stuck 「読み込み中」, becomes discarded; false if it was neither. */
export async function markDiscarded(tx: Database, uploadId: number): Promise<boolean> {
  const updated = await tx
    .update(uploads)
    .set({ status: "discarded" })
    .where(and(eq(uploads.id, uploadId), inArray(uploads.status, ["previewed", "staging"])))
    .returning({ id: uploads.id });
  return updated.length > 0;
}

/** Fails uploads 「読み込み中」 for longer than the given minutes; returns how many. */
export async function failStagingOlderThan(db: Database, minutes: number, message: string): Promise<number> {
  const stale = await db
    .update(uploads)
    .set({ status: "failed", message })
    .where(and(eq(uploads.status, "staging"), sql`${uploads.createdAt} < now() - make_interval(mins => ${minutes})`))
    .returning({ id: uploads.id });
  return stale.length;
}

/** Staged rows of uploads no longer staging, previewed or committing. */
export async function deleteOrphanedStagedRows(db: Database, d: DatasetDefinition): Promise<void> {
  await db.execute(
    sql`delete from ${stagingTable(d)} r
        where not exists (select 1 from uploads u where u.id = r.upload_id and u.status in ('staging', 'previewed', 'committing'))`,
  );
}

/** Deletes the row of an upload never shown to anyone (with its issues, by cascade). */
export async function deleteUnconfirmedUploadRow(tx: Database, uploadId: number): Promise<void> {
  await tx.delete(uploads).where(and(eq(uploads.id, uploadId), inArray(uploads.status, ["staging", "previewed", "rejected"])));
}

export async function bodyNames(db: Database, codes: string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await db
    .select({ code: localGovernments.code, name: localGovernments.name })
    .from(localGovernments)
    .where(inArray(localGovernments.code, [...new Set(codes)]));
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

/**
 * Staged rows that change a stored row of a fiscal year up to `lastFiscalYear` (one per line, the
 * first `limit`), with how many there are; none for a dataset whose table has no fiscal year.
 */
export async function listStagedChangesOfFiscalYears(
  db: Database,
  uploadId: number,
  d: DatasetDefinition,
  lastFiscalYear: number,
  limit: number,
): Promise<{ lines: { line: number; fiscalYear: number }[]; total: number }> {
  const t = tableOf(d);
  if (![...t.keyColumns, ...t.valueColumns].some((c) => c.name === "fiscal_year")) return { lines: [], total: 0 };
  const rows = await queryRows<{ line: number; fiscal_year: number; total: number }>(
    db,
    sql`select r.line, min(r.fiscal_year)::int as fiscal_year, count(*) over ()::int as total
        from ${stagingTable(d)} r join ${targetTable(d)} t on ${stagedJoin(d)}
        where r.upload_id = ${uploadId} and r.fiscal_year <= ${lastFiscalYear} and ${stagedDiffers(d)}
        group by r.line order by r.line limit ${limit}`,
  );
  return { lines: rows.map((r) => ({ line: r.line, fiscalYear: r.fiscal_year })), total: rows[0]?.total ?? 0 };
}

/**
 * The bodies' fiscal years in a staged monthly upload where the total of column `part` exceeds that
 * of `whole`, counting the staged months and the months already stored that the file does not
 * replace; read in one query per file. `line` is the file's last line of that body and year.
 */
export async function stagedFiscalYearTotalsExceeding(
  db: Database,
  uploadId: number,
  part: string,
  whole: string,
): Promise<{ line: number; localGovernmentCode: string; fiscalYear: number; part: number; whole: number }[]> {
  const d = { id: "monthly_support" } as const;
  const [p, w] = [sql.raw(part), sql.raw(whole)];
  const rows = await queryRows<{ line: number; local_government_code: string; fiscal_year: number; part: number; whole: number }>(
    db,
    sql`with staged as (
          select local_government_code, fiscal_year, year, month, ${p} as part, ${w} as whole, line
          from ${sql.raw(tableOf(d).staging)} where upload_id = ${uploadId}
        ), months as (
          select local_government_code, fiscal_year, part, whole, line from staged
          union all
          select t.local_government_code, t.fiscal_year, t.${p}, t.${w}, null
          from ${sql.raw(tableOf(d).name)} t
          where (t.local_government_code, t.fiscal_year) in (select local_government_code, fiscal_year from staged)
            and not exists (select 1 from staged s where s.local_government_code = t.local_government_code and s.year = t.year and s.month = t.month)
        )
        select max(line)::int as line, local_government_code, fiscal_year::int as fiscal_year, sum(part)::int as part, sum(whole)::int as whole
        from months group by local_government_code, fiscal_year
        having sum(part) > sum(whole)
        order by 1`,
  );
  return rows.map((r) => ({ line: r.line, localGovernmentCode: r.local_government_code, fiscalYear: r.fiscal_year, part: r.part, whole: r.whole }));
}

/**
 * The explanations behind a body's stored months of a fiscal year: for each month whose values were
 * last set by an upload committed with an explanation (ADR 018), that upload and its text.
 */
export async function monthlyExplanationsOf(db: Database, bodyCode: string, fiscalYear: number) {
  return queryRows<{ year: number; month: number; uploadId: number; explanation: string }>(
    db,
    sql`select m.year::int as year, m.month::int as month, u.id as "uploadId", u.explanation
        from monthly_support_statistics m join uploads u on u.id = m.upload_id
        where m.local_government_code = ${bodyCode} and m.fiscal_year = ${fiscalYear} and u.explanation is not null
        order by m.year, m.month`,
  );
}

// Review states of the monthly figures (ADR 022): what a staged monthly upload does to them.

const monthly = { id: "monthly_support" } as const satisfies { id: DatasetId };
const monthlyStaging = () => sql.raw(tableOf(monthly).staging);
const monthlyTarget = () => sql.raw(tableOf(monthly).name);
const sameMonth = (a: string, b: string) =>
  sql.raw(`${a}.local_government_code = ${b}.local_government_code and ${a}.year = ${b}.year and ${a}.month = ${b}.month`);

/** Locks the review rows of the body-months a staged monthly upload holds, for the commit's transaction. */
export async function lockReviewsOfStaged(tx: Database, uploadId: number): Promise<void> {
  await tx.execute(
    sql`select 1 from monthly_reviews v
        where (v.local_government_code, v.year, v.month) in (select local_government_code, year, month from ${monthlyStaging()} where upload_id = ${uploadId})
        order by v.local_government_code, v.year, v.month
        for update`,
  );
}

/** Staged monthly rows that would change a month its prefecture confirmed: one per line (the first `limit`), with how many lines. */
export async function listStagedChangesOfConfirmedMonths(
  db: Database,
  uploadId: number,
  limit: number,
): Promise<{ lines: { line: number; localGovernmentCode: string; year: number; month: number }[]; total: number }> {
  const rows = await queryRows<{ line: number; local_government_code: string; year: number; month: number; total: number }>(
    db,
    sql`select r.line, r.local_government_code, r.year::int as year, r.month::int as month, count(*) over ()::int as total
        from ${monthlyStaging()} r
        join monthly_reviews v on ${sameMonth("v", "r")} and v.state = 'confirmed'
        left join ${monthlyTarget()} t on ${stagedJoin(monthly)}
        where r.upload_id = ${uploadId} and (t.ctid is null or ${stagedDiffers(monthly)})
        order by r.line limit ${limit}`,
  );
  return { lines: rows.map((r) => ({ line: r.line, localGovernmentCode: r.local_government_code, year: r.year, month: r.month })), total: rows[0]?.total ?? 0 };
}

/**
 * Before the staged rows are applied: the body-months the upload writes (new or changed rows, and for a
 * municipality's resubmission also the returned months it sends unchanged) take `state`, with an event
 * each (on the new review row for a month that had none, ADR 039); the months it sets that had no submission yet were submitted at `submittedAt` (ADR 021), the
 * upload's committed_at. Returns how many months took the state.
 */
export async function recordSubmittedMonths(
  tx: Database,
  uploadId: number,
  options: { state: "submitted" | "confirmed"; userId: number | null; resubmitsReturned: boolean; submittedAt: string },
): Promise<number> {
  const [row] = await queryRows<{ months: number }>(
    tx,
    // no distinct: a staged monthly upload holds each body-month once (a second line is an error at preview)
    sql`with touched as (
          select r.local_government_code, r.year, r.month, v.state as from_state, (t.ctid is null or ${stagedDiffers(monthly)}) as sets_figures
          from ${monthlyStaging()} r
          left join ${monthlyTarget()} t on ${stagedJoin(monthly)}
          left join monthly_reviews v on ${sameMonth("v", "r")}
          where r.upload_id = ${uploadId}
            and (t.ctid is null or ${stagedDiffers(monthly)} or (${options.resubmitsReturned} and v.state = 'returned'))
        ), inserted as (
          -- months without a review row get one (not by on conflict: speculative insertion doubles the cost
          -- of a national file; a prefecture's first decision on one of these months at this very moment
          -- makes the commit fail whole with a unique violation, which commitUpload reports as a retry)
          -- its first event ('submit' from no state) stays on the row with the id it takes now (ADR 039)
          insert into monthly_reviews (local_government_code, year, month, state, upload_id, updated_by, updated_at,
                                       created_event_id, created_state, created_upload_id, created_by, created_at)
          select local_government_code, year, month, ${options.state}, ${uploadId}, ${options.userId}, clock_timestamp(),
                 nextval('monthly_review_events_id_seq'::regclass), ${options.state}, ${uploadId}, ${options.userId}, now()
          from touched
          where from_state is null
          returning 1
        ), updated as (
          update monthly_reviews v
            set state = ${options.state}, version = v.version + 1, comment = null,
                upload_id = ${uploadId}, updated_by = ${options.userId}, updated_at = clock_timestamp()
          from touched
          where touched.from_state is not null and ${sameMonth("v", "touched")}
          returning 1
        ), events as (
          insert into monthly_review_events (local_government_code, year, month, action, from_state, to_state, upload_id, user_id)
          select local_government_code, year, month, 'submit', from_state, ${options.state}, ${uploadId}, ${options.userId} from touched
          where from_state is not null
          returning 1
        ), submissions as (
          -- here rather than after the rows are applied: the months are already at hand (a second pass over the
          -- staged and monthly rows cost as much as writing them); not on conflict, as above: only commits
          -- and reverts write this table, and they hold the dataset's lock (lockDatasetTable)
          insert into monthly_submissions (local_government_code, year, month, upload_id, submitted_at)
          select local_government_code, year, month, ${uploadId}, ${options.submittedAt}::timestamptz from touched
          where sets_figures and not exists (select 1 from monthly_submissions x where ${sameMonth("x", "touched")})
          returning 1
        )
        -- events and submissions run too: a data-modifying WITH is executed whether or not the query reads it
        select ((select count(*) from inserted) + (select count(*) from updated))::int as months`,
  );
  return row?.months ?? 0;
}

/** The months whose review state an upload set, with their state, locked for a revert's transaction. */
export async function lockReviewsOfUpload(tx: Database, uploadId: number): Promise<{ localGovernmentCode: string; year: number; month: number; state: string }[]> {
  const rows = await queryRows<{ local_government_code: string; year: number; month: number; state: string }>(
    tx,
    sql`select local_government_code, year::int as year, month::int as month, state from monthly_reviews
        where upload_id = ${uploadId} order by local_government_code, year, month for update`,
  );
  return rows.map((r) => ({ localGovernmentCode: r.local_government_code, year: r.year, month: r.month, state: r.state }));
}

/**
 * After a revert restored and removed the upload's rows: its months whose figures are back to an
 * earlier upload's are 提出済（未確認） again (someone has to look at them), months left without figures
 * lose their review row (its first event, if kept on it, written out first); an event each.
 */
export async function revertReviewsOfUpload(tx: Database, uploadId: number, userId: number | null): Promise<number> {
  const [row] = await queryRows<{ months: number }>(
    tx,
    sql`with touched as (
          select v.local_government_code, v.year, v.month, v.state, t.upload_id as data_upload_id, t.ctid is not null as has_data,
                 v.created_event_id, v.created_state, v.created_upload_id, v.created_by, v.created_at
          from monthly_reviews v left join ${monthlyTarget()} t on ${sameMonth("t", "v")}
          where v.upload_id = ${uploadId}
        ), reset as (
          update monthly_reviews v set state = 'submitted', version = v.version + 1, comment = null,
                 upload_id = touched.data_upload_id, updated_by = ${userId}, updated_at = clock_timestamp()
          from touched where ${sameMonth("v", "touched")} and touched.has_data
          returning 1
        ), removed as (
          delete from monthly_reviews v using touched where ${sameMonth("v", "touched")} and not touched.has_data
          returning 1
        ), creations as (
          -- a removed row's first event, kept on it (ADR 039), goes to the events with its own id: the history stays whole
          insert into monthly_review_events (id, local_government_code, year, month, action, from_state, to_state, upload_id, user_id, at)
          select created_event_id, local_government_code, year, month, 'submit', null, created_state, created_upload_id, created_by, created_at
          from touched where not has_data and created_event_id is not null
          returning 1
        ), events as (
          insert into monthly_review_events (local_government_code, year, month, action, from_state, to_state, upload_id, user_id)
          select local_government_code, year, month, 'revert', state, case when has_data then 'submitted' end, ${uploadId}, ${userId} from touched
          returning 1
        )
        -- creations and events run too: a data-modifying WITH is executed whether or not the query reads it
        select (select count(*) from reset)::int + (select count(*) from removed)::int as months`,
  );
  return row?.months ?? 0;
}
