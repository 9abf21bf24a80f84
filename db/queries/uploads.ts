import { and, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DatasetDefinition, SqlType } from "~/domain/datasets/types";
import { queryRows, refreshStatisticsIfEmbedded, type Database } from "../client";
import { localGovernments, uploadIssues, uploads, users, type UploadCounts } from "../schema";

// Generic SQL over a dataset's target table. Table and column names come from the dataset
// definitions in code, never from user input, so sql.raw is safe here.

const cast: Record<SqlType, string> = {
  text: "",
  integer: "::integer",
  smallint: "::smallint",
  boolean: "::boolean",
  date: "::date",
  numeric: "::numeric",
};

function keyMatch(d: DatasetDefinition, target: string, json: string): SQL {
  return sql.raw(d.table.keyColumns.map((k) => `${target}.${k.name} = (${json}->>'${k.name}')${cast[k.type]}`).join(" and "));
}

function currentValues(d: DatasetDefinition, target: string): SQL {
  return sql.raw(`jsonb_build_object(${d.table.valueColumns.map((v) => `'${v.name}', ${target}.${v.name}`).join(", ")})`);
}

export function stagingTableOf(d: DatasetDefinition): string {
  return `staged_${d.table.name}`;
}

/** Staged row r joined to the target row t on the dataset's key. */
function stagedJoin(d: DatasetDefinition): SQL {
  return sql.raw(d.table.keyColumns.map((k) => `t.${k.name} = r.${k.name}`).join(" and "));
}

function stagedKey(d: DatasetDefinition): SQL {
  return sql.raw(`jsonb_build_object(${d.table.keyColumns.map((k) => `'${k.name}', r.${k.name}`).join(", ")})`);
}

/** The staged row's values differ from the target row's (NULL-safe). */
function stagedDiffers(d: DatasetDefinition): SQL {
  const names = d.table.valueColumns.map((v) => v.name);
  return sql.raw(`(${names.map((n) => `t.${n}`).join(", ")}) is distinct from (${names.map((n) => `r.${n}`).join(", ")})`);
}

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

export async function diffCounts(db: Database, uploadId: number, d: DatasetDefinition): Promise<Pick<UploadCounts, "new" | "changed" | "unchanged">> {
  const [row] = await queryRows<{ new: number; changed: number; unchanged: number }>(
    db,
    sql`select count(*) filter (where t.ctid is null)::int as new,
               count(*) filter (where t.ctid is not null and ${stagedDiffers(d)})::int as changed,
               count(*) filter (where t.ctid is not null and not ${stagedDiffers(d)})::int as unchanged
        from ${sql.raw(stagingTableOf(d))} r left join ${sql.raw(d.table.name)} t on ${stagedJoin(d)}
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
        from ${sql.raw(stagingTableOf(d))} r left join ${sql.raw(d.table.name)} t on ${stagedJoin(d)}
        where r.upload_id = ${uploadId} and (t.ctid is null or ${stagedDiffers(d)})
        order by r.line, r.part
        limit ${limit}`,
  );
  return rows.map((r) => ({ line: r.line, rowKey: r.row_key, rowValues: r.row_values, existing: r.existing }));
}

export class UploadStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadStateError";
  }
}

/**
 * Applies a previewed upload in one transaction: every changed row's previous values are kept in
 * upload_changes, then the rows are upserted. Commits to the same table are serialised.
 */
export async function commitUpload(
  db: Database,
  uploadId: number,
  d: DatasetDefinition,
  userId: number | null,
  /** called once the upload is claimed and its transaction starts (for the log) */
  onApplying?: (rows: number) => void,
): Promise<UploadCounts> {
  const claimed = await db
    .update(uploads)
    .set({ status: "committing" })
    .where(and(eq(uploads.id, uploadId), eq(uploads.status, "previewed")))
    .returning({ counts: uploads.counts });
  if (claimed.length === 0) throw new UploadStateError("このアップロードは確定できる状態ではありません（確定済み・取消済み・エラーあり、または処理中です）");
  if ((claimed[0]!.counts?.errorRows ?? 0) > 0) {
    await db.update(uploads).set({ status: "previewed" }).where(eq(uploads.id, uploadId));
    throw new UploadStateError("エラーのある行があるため確定できません。修正したファイルをアップロードし直してください");
  }
  onApplying?.(claimed[0]!.counts?.rows ?? 0);
  const table = sql.raw(d.table.name);
  const keys = d.table.keyColumns.map((k) => k.name);
  const valueNames = d.table.valueColumns.map((v) => v.name);
  const insertColumns = sql.raw([...keys, ...valueNames, "upload_id"].join(", "));
  const selectColumns = sql.raw([...keys, ...valueNames].map((c) => `r.${c}`).join(", "));
  const staging = sql.raw(stagingTableOf(d));
  const updates = sql.raw([...valueNames.map((v) => `${v} = excluded.${v}`), "upload_id = excluded.upload_id"].join(", "));
  const changedCondition = sql.raw(`(${valueNames.map((v) => `${d.table.name}.${v}`).join(", ")}) is distinct from (${valueNames.map((v) => `excluded.${v}`).join(", ")})`);
  let committed: UploadCounts;
  try {
    committed = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(2, ${uploadId})`);
      await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${d.table.name}))`);
      // Rows that already exist and change keep their previous values. Rows the upload adds need no
      // copy: they carry upload_id, which is how a revert finds and removes them.
      const rows = claimed[0]!.counts!;
      const [present] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from ${staging} where upload_id = ${uploadId}`);
      if ((present?.n ?? 0) !== rows.new + rows.changed + rows.unchanged) {
        throw new UploadStateError("確認時のデータが見つかりません。ファイルをもう一度アップロードしてください");
      }
      await tx.execute(sql`
        insert into upload_changes (upload_id, table_name, row_key, previous_values, new_values)
        select ${uploadId}, ${d.table.name}, ${stagedKey(d)},
               ${currentValues(d, "t")} || jsonb_build_object('__upload_id', t.upload_id),
               ${currentValues(d, "r")}
        from ${staging} r join ${table} t on ${stagedJoin(d)}
        where r.upload_id = ${uploadId} and ${stagedDiffers(d)}`);
      const [applied] = await queryRows<{ inserted: number; updated: number }>(
        tx,
        sql`with applied as (
              insert into ${table} (${insertColumns})
              select ${selectColumns}, ${uploadId} from ${staging} r where r.upload_id = ${uploadId}
              on conflict (${sql.raw(keys.join(", "))}) do update set ${updates} where ${changedCondition}
              returning (xmax = 0) as inserted)
            select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from applied`,
      );
      const staged = rows.new + rows.changed + rows.unchanged;
      const counts: UploadCounts = {
        ...rows,
        new: applied?.inserted ?? 0,
        changed: applied?.updated ?? 0,
        unchanged: staged - (applied?.inserted ?? 0) - (applied?.updated ?? 0),
      };
      await tx.execute(sql`delete from ${staging} where upload_id = ${uploadId}`);
      await tx
        .update(uploads)
        .set({ status: "committed", counts, committedAt: sql`clock_timestamp()` })
        .where(eq(uploads.id, uploadId));
      await tx.execute(
        sql`insert into audit_log (user_id, action, target, detail) values (${userId}, 'upload.commit', ${String(uploadId)}, ${JSON.stringify({ dataset: d.id, ...counts })}::jsonb)`,
      );
      return counts;
    });
  } catch (error) {
    await db
      .update(uploads)
      .set({ status: "failed", message: "確定処理でエラーが発生したため、何も反映していません" })
      .where(eq(uploads.id, uploadId));
    throw error;
  }
  await refreshStatisticsAfter(db, d, committed.new + committed.changed);
  return committed;
}

/** Tables whose planner statistics a large change of the dataset's table makes stale (with the totals its triggers keep). */
const derivedTables: Record<string, readonly string[]> = {
  monthly_support_statistics: ["fiscal_year_body_totals", "monthly_prefecture_totals"],
  populations: ["fiscal_year_body_totals"],
};

/** On PGlite (no autovacuum), a commit or revert of many rows refreshes the statistics of what it changed. */
async function refreshStatisticsAfter(db: Database, d: DatasetDefinition, changedRows: number): Promise<void> {
  if (changedRows < 500) return;
  await refreshStatisticsIfEmbedded(db, [d.table.name, ...(derivedTables[d.table.name] ?? [])]);
}

export type RevertConflict = { uploadId: number; fileName: string; committedAt: string | null; rows: number };

/**
 * Restores the values an upload replaced. Refused when a later upload changed the same rows, or
 * when the rows were edited after it: reverting would silently undo someone else's change.
 */
export async function revertUpload(
  db: Database,
  uploadId: number,
  d: DatasetDefinition,
  userId: number,
): Promise<{ reverted: number } | { conflicts: RevertConflict[]; editedRows: number }> {
  const result = await db.transaction(async (tx): Promise<{ reverted: number } | { conflicts: RevertConflict[]; editedRows: number }> => {
    await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${d.table.name}))`);
    const [upload] = await tx.select({ status: uploads.status }).from(uploads).where(eq(uploads.id, uploadId)).for("update");
    if (upload?.status !== "committed") throw new UploadStateError("確定済みのアップロードだけ取り消せます");
    // A later upload that changed this upload's rows recorded them with __upload_id = this upload.
    const conflicts = await queryRows<{ upload_id: number; file_name: string; committed_at: string | null; rows: number }>(
      tx,
      sql`select later.id as upload_id, later.file_name, later.committed_at::text as committed_at, count(*)::int as rows
          from upload_changes lc
          join uploads later on later.id = lc.upload_id and later.status = 'committed'
          where lc.table_name = ${d.table.name} and lc.upload_id > ${uploadId} and (lc.previous_values->>'__upload_id')::integer = ${uploadId}
          group by later.id, later.file_name, later.committed_at order by later.id`,
    );
    // Rows edited since (by a form, say) no longer hold this upload's values.
    const [edited] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from upload_changes c left join ${sql.raw(d.table.name)} t on ${keyMatch(d, "t", "c.row_key")}
          where c.upload_id = ${uploadId} and (t.upload_id is distinct from ${uploadId} or ${currentValues(d, "t")} is distinct from c.new_values)`,
    );
    const [counts] = await tx.select({ counts: uploads.counts }).from(uploads).where(eq(uploads.id, uploadId));
    const [stillInserted] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${sql.raw(d.table.name)} t where t.upload_id = ${uploadId}
          and not exists (select 1 from upload_changes c where c.upload_id = ${uploadId} and ${keyMatch(d, "t", "c.row_key")})`,
    );
    const insertedGone = (counts?.counts?.new ?? 0) - (stillInserted?.n ?? 0);
    const editedRows = (edited?.n ?? 0) + Math.max(0, insertedGone - conflicts.reduce((sum, c) => sum + c.rows, 0));
    if (conflicts.length > 0 || editedRows > 0) {
      return {
        conflicts: conflicts.map((c) => ({ uploadId: c.upload_id, fileName: c.file_name, committedAt: c.committed_at, rows: c.rows })),
        editedRows,
      };
    }
    const table = sql.raw(d.table.name);
    const restore = sql.raw(
      [
        ...d.table.valueColumns.map((v) => `${v.name} = (c.previous_values->>'${v.name}')${cast[v.type]}`),
        "upload_id = (c.previous_values->>'__upload_id')::integer",
      ].join(", "),
    );
    await tx.execute(sql`update ${table} t set ${restore} from upload_changes c
                         where c.upload_id = ${uploadId} and ${keyMatch(d, "t", "c.row_key")}`);
    const [changed] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from upload_changes where upload_id = ${uploadId}`);
    const [deleted] = await queryRows<{ n: number }>(
      tx,
      sql`with removed as (delete from ${table} t where t.upload_id = ${uploadId} returning 1) select count(*)::int as n from removed`,
    );
    const count = { n: (changed?.n ?? 0) + (deleted?.n ?? 0) };
    await tx.update(uploads).set({ status: "reverted", revertedAt: sql`now()`, revertedBy: userId }).where(eq(uploads.id, uploadId));
    await tx.execute(
      sql`insert into audit_log (user_id, action, target, detail) values (${userId}, 'upload.revert', ${String(uploadId)}, ${JSON.stringify({ dataset: d.id, rows: count?.n ?? 0 })}::jsonb)`,
    );
    return { reverted: count.n };
  });
  if ("reverted" in result) await refreshStatisticsAfter(db, d, result.reverted);
  return result;
}

/** After a crash, uploads left 'committing' by a dead process are failed (their transaction rolled back). */
export async function failInterruptedCommits(db: Database): Promise<number> {
  const stuck = await db.select({ id: uploads.id }).from(uploads).where(eq(uploads.status, "committing"));
  let failed = 0;
  for (const { id } of stuck) {
    // A running commit holds the lock: another instance's, or the orphaned PostgreSQL backend of a
    // killed process, which rolls back once its statement ends. Wait for it (at most a minute), then
    // fail the upload only if it is still 'committing'.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '60s'`);
        await tx.execute(sql`select pg_advisory_xact_lock(2, ${id})`);
        const updated = await tx
          .update(uploads)
          .set({ status: "failed", message: "確定処理の途中で停止したため、何も反映していません" })
          .where(and(eq(uploads.id, id), eq(uploads.status, "committing")))
          .returning({ id: uploads.id });
        failed += updated.length;
      })
      .catch(() => {}); // still locked after a minute: left to the commit holding it
  }
  return failed;
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

/** Discards a previewed upload, or one stuck 「読み込み中」 (its stream died; a live one notices and stops). */
/** Rows a committed upload added that still carry its id (history keeps only the rows it replaced). */
export async function listInsertedRows(db: Database, uploadId: number, d: DatasetDefinition, limit: number) {
  const key = sql.raw(`jsonb_build_object(${d.table.keyColumns.map((k) => `'${k.name}', t.${k.name}`).join(", ")})`);
  const rows = await queryRows<{ row_key: Record<string, unknown>; row_values: Record<string, unknown> }>(
    db,
    sql`select ${key} as row_key, ${currentValues(d, "t")} as row_values from ${sql.raw(d.table.name)} t
        where t.upload_id = ${uploadId}
          and not exists (select 1 from upload_changes c where c.upload_id = ${uploadId} and ${keyMatch(d, "t", "c.row_key")})
        order by ${sql.raw(d.table.keyColumns.map((k) => `t.${k.name}`).join(", "))}
        limit ${limit}`,
  );
  return rows.map((r) => ({ rowKey: r.row_key, next: r.row_values }));
}

/** The bodies and fiscal years of the rows carrying an upload's id: where its result can be seen. */
export async function uploadResultScope(db: Database, uploadId: number, d: DatasetDefinition): Promise<{ bodyCodes: string[]; fiscalYears: number[] }> {
  const body = d.exportScope.bodyCode ? sql.raw(`array_agg(distinct ${d.exportScope.bodyCode})`) : sql`array[]::text[]`;
  const hasFiscalYear = d.table.keyColumns.some((k) => k.name === "fiscal_year") || d.table.valueColumns.some((v) => v.name === "fiscal_year");
  const years = hasFiscalYear ? sql`array_agg(distinct t.fiscal_year)` : sql`array[]::integer[]`;
  const [row] = await queryRows<{ body_codes: string[] | null; fiscal_years: number[] | null }>(
    db,
    sql`select ${body} as body_codes, ${years} as fiscal_years from ${sql.raw(d.table.name)} t where t.upload_id = ${uploadId}`,
  );
  return { bodyCodes: (row?.body_codes ?? []).filter(Boolean), fiscalYears: (row?.fiscal_years ?? []).filter((y) => y !== null).map(Number) };
}

export async function discardUpload(db: Database, uploadId: number, d: DatasetDefinition): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(uploads)
      .set({ status: "discarded" })
      .where(and(eq(uploads.id, uploadId), inArray(uploads.status, ["previewed", "staging"])))
      .returning({ id: uploads.id });
    if (updated.length === 0) return false;
    await tx.execute(sql`delete from ${sql.raw(stagingTableOf(d))} where upload_id = ${uploadId}`);
    return true;
  });
}

export const stoppedStagingMessage = "読み込みが途中で止まったため、取り込んでいません。もう一度アップロードしてください";

/**
 * Fails uploads left 「読み込み中」 for longer than any staging takes (a killed process, a lost
 * client) and deletes their staged rows. Instances sharing one database cannot tell each other's live
 * uploads from dead ones, so only age decides; staged rows of uploads no longer staging or previewed
 * are removed too.
 */
export async function failStaleStaging(db: Database, definitions: readonly DatasetDefinition[], olderThanMinutes: number): Promise<number> {
  const stale = await db
    .update(uploads)
    .set({ status: "failed", message: stoppedStagingMessage })
    .where(and(eq(uploads.status, "staging"), sql`${uploads.createdAt} < now() - make_interval(mins => ${olderThanMinutes})`))
    .returning({ id: uploads.id });
  for (const d of definitions) {
    await db.execute(
      sql`delete from ${sql.raw(stagingTableOf(d))} r
          where not exists (select 1 from uploads u where u.id = r.upload_id and u.status in ('staging', 'previewed', 'committing'))`,
    );
  }
  return stale.length;
}

/** Removes an upload that was staged but never shown to anyone (its request failed afterwards): row, issues and staged rows. */
export async function deleteUnconfirmedUpload(db: Database, uploadId: number, d: DatasetDefinition): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from ${sql.raw(stagingTableOf(d))} where upload_id = ${uploadId}`);
    await tx.delete(uploads).where(and(eq(uploads.id, uploadId), inArray(uploads.status, ["staging", "previewed", "rejected"])));
  });
}

export async function bodyNames(db: Database, codes: string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await db
    .select({ code: localGovernments.code, name: localGovernments.name })
    .from(localGovernments)
    .where(inArray(localGovernments.code, [...new Set(codes)]));
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}
