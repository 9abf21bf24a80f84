import { sql } from "drizzle-orm";
import { monthlyMetrics, type MonthlyMetric } from "~/domain/metric-catalogue";
import { queryRows, type Database } from "../client";
import { monthlySupportStatistics } from "../schema";
import { columnName } from "./dataset-tables";

// Named queries of the prefecture's review of the monthly figures (ADR 022). The upload pipeline's
// part (what a commit or revert does to the states) is in uploads.ts; app/server/approval orders these.

export type MonthKey = { localGovernmentCode: string; year: number; month: number };

export type ReviewRow = { state: string; version: number; comment: string | null; updatedAt: string; updatedByName: string | null };

export async function getReview(db: Database, key: MonthKey): Promise<ReviewRow | null> {
  const [row] = await queryRows<ReviewRow>(
    db,
    sql`select v.state, v.version, v.comment, v.updated_at::text as "updatedAt", u.display_name as "updatedByName"
        from monthly_reviews v left join users u on u.id = v.updated_by
        where v.local_government_code = ${key.localGovernmentCode} and v.year = ${key.year} and v.month = ${key.month}`,
  );
  return row ?? null;
}

/**
 * Moves a month from one of `from` to `to` if its version is still `expectedVersion` (0: the month has
 * no review row yet). The version check in the UPDATE … WHERE makes concurrent decisions on one month
 * serialise: the second finds the version moved on and changes nothing. Returns the new version, or null.
 */
export async function transitionReview(
  tx: Database,
  key: MonthKey,
  change: { expectedVersion: number; from: readonly (string | null)[]; to: string; comment: string | null; userId: number },
): Promise<number | null> {
  const states = change.from.filter((s): s is string => s !== null);
  if (change.expectedVersion === 0) {
    if (!change.from.includes(null)) return null;
    const [inserted] = await queryRows<{ version: number }>(
      tx,
      sql`insert into monthly_reviews (local_government_code, year, month, state, comment, updated_by, upload_id, updated_at)
          select ${key.localGovernmentCode}, ${key.year}, ${key.month}, ${change.to}, ${change.comment}, ${change.userId}, t.upload_id, clock_timestamp()
          from monthly_support_statistics t
          where t.local_government_code = ${key.localGovernmentCode} and t.year = ${key.year} and t.month = ${key.month}
          on conflict (local_government_code, year, month) do nothing
          returning version`,
    );
    return inserted?.version ?? null;
  }
  if (states.length === 0) return null;
  const [updated] = await queryRows<{ version: number }>(
    tx,
    sql`update monthly_reviews set state = ${change.to}, version = version + 1, comment = ${change.comment},
               updated_by = ${change.userId}, updated_at = clock_timestamp()
        where local_government_code = ${key.localGovernmentCode} and year = ${key.year} and month = ${key.month}
          and version = ${change.expectedVersion} and state in (${sql.join(states.map((s) => sql`${s}`), sql`, `)})
        returning version`,
  );
  return updated?.version ?? null;
}

export async function recordReviewEvent(
  tx: Database,
  key: MonthKey,
  event: { action: string; fromState: string | null; toState: string | null; comment: string | null; userId: number | null; uploadId?: number | null },
): Promise<void> {
  await tx.execute(
    sql`insert into monthly_review_events (local_government_code, year, month, action, from_state, to_state, comment, upload_id, user_id, at)
        values (${key.localGovernmentCode}, ${key.year}, ${key.month}, ${event.action}, ${event.fromState}, ${event.toState}, ${event.comment}, ${event.uploadId ?? null}, ${event.userId}, clock_timestamp())`,
  );
}

/** A month's review history, oldest first: its event rows and the first event an upload's commit kept on the review row (ADR 039). */
export async function listReviewEvents(db: Database, key: MonthKey) {
  return queryRows<{ action: string; fromState: string | null; toState: string | null; comment: string | null; uploadId: number | null; at: string; userName: string | null }>(
    db,
    sql`select e.action, e.from_state as "fromState", e.to_state as "toState", e.comment, e.upload_id as "uploadId", e.at::text as at, u.display_name as "userName"
        from (
          select id, action, from_state, to_state, comment, upload_id, user_id, at from monthly_review_events
          where local_government_code = ${key.localGovernmentCode} and year = ${key.year} and month = ${key.month}
          union all
          select created_event_id, 'submit', null, created_state, null, created_upload_id, created_by, created_at from monthly_reviews
          where local_government_code = ${key.localGovernmentCode} and year = ${key.year} and month = ${key.month} and created_event_id is not null
        ) e left join users u on u.id = e.user_id
        order by e.id`,
  );
}

const metricColumns = sql.raw(monthlyMetrics.map((m) => `t.${columnName(monthlySupportStatistics[m])} as "${m}"`).join(", "));

/** A body's figures of one month (null: not submitted), with the upload that wrote them. */
export async function monthFigures(db: Database, key: MonthKey): Promise<(Record<MonthlyMetric, number> & { uploadId: number | null }) | null> {
  const [row] = await queryRows<Record<MonthlyMetric, number> & { uploadId: number | null }>(
    db,
    sql`select ${metricColumns}, t.upload_id as "uploadId" from monthly_support_statistics t
        where t.local_government_code = ${key.localGovernmentCode} and t.year = ${key.year} and t.month = ${key.month}`,
  );
  return row ?? null;
}

export type ReviewQueueRow = {
  localGovernmentCode: string;
  bodyName: string;
  year: number;
  month: number;
  state: string;
  comment: string | null;
  updatedAt: string;
  uploadId: number | null;
  fileName: string | null;
};

/** The prefecture's body-months awaiting its review (提出済（未確認）) or returned to the body (差戻し), oldest month first. */
export async function listReviewQueue(db: Database, prefectureCode: string): Promise<ReviewQueueRow[]> {
  return queryRows<ReviewQueueRow>(
    db,
    sql`select v.local_government_code as "localGovernmentCode", g.name as "bodyName", v.year::int as year, v.month::int as month, v.state,
               v.comment, v.updated_at::text as "updatedAt", v.upload_id as "uploadId", up.file_name as "fileName"
        from monthly_reviews v
        join local_governments g on g.code = v.local_government_code
        left join uploads up on up.id = v.upload_id
        where g.prefecture_code = ${prefectureCode} and v.state in ('submitted', 'returned')
        order by case v.state when 'submitted' then 0 else 1 end, v.year, v.month, v.local_government_code`,
  );
}

/** The review states of a body's months of a fiscal year (months without a row are absent). */
export async function reviewStatesOfBody(db: Database, bodyCode: string, fiscalYear: number) {
  return queryRows<{ year: number; month: number; state: string }>(
    db,
    sql`select year::int as year, month::int as month, state from monthly_reviews
        where local_government_code = ${bodyCode} and year * 12 + month between ${fiscalYear * 12 + 4} and ${fiscalYear * 12 + 15}`,
  );
}

/** A body's months returned by its prefecture, with the comment, newest month first. */
export async function returnedMonthsOf(db: Database, bodyCode: string) {
  return queryRows<{ year: number; month: number; comment: string | null; updatedAt: string }>(
    db,
    sql`select year::int as year, month::int as month, comment, updated_at::text as "updatedAt" from monthly_reviews
        where local_government_code = ${bodyCode} and state = 'returned' order by year desc, month desc`,
  );
}

/** Per body of a prefecture, how many months of the fiscal year are not yet confirmed (bodies with none are absent). */
export async function provisionalMonthsByBody(db: Database, prefectureCode: string, fiscalYear: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ code: string; months: number }>(
    db,
    sql`select v.local_government_code as code, count(*)::int as months
        from monthly_reviews v join local_governments g on g.code = v.local_government_code
        where g.prefecture_code = ${prefectureCode} and v.state in ('submitted', 'returned')
          and v.year * 12 + v.month between ${fiscalYear * 12 + 4} and ${fiscalYear * 12 + 15}
        group by v.local_government_code`,
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.months]));
}

/** Nationally, how many body-months of the fiscal year are not yet confirmed by their prefecture, and in how many prefectures. */
export async function provisionalMonthsNationally(db: Database, fiscalYear: number): Promise<{ months: number; prefectures: number }> {
  const [row] = await queryRows<{ months: number; prefectures: number }>(
    db,
    sql`select count(*)::int as months, count(distinct g.prefecture_code)::int as prefectures
        from monthly_reviews v join local_governments g on g.code = v.local_government_code
        where v.state in ('submitted', 'returned')
          and v.year * 12 + v.month between ${fiscalYear * 12 + 4} and ${fiscalYear * 12 + 15}`,
  );
  return row ?? { months: 0, prefectures: 0 };
}

/** How many of a prefecture's body-months await its check (提出済（未確認）) and how many it returned (差戻し). */
export async function reviewCountsOf(db: Database, prefectureCode: string): Promise<{ toConfirm: number; returned: number }> {
  const [row] = await queryRows<{ toConfirm: number; returned: number }>(
    db,
    sql`select count(*) filter (where v.state = 'submitted')::int as "toConfirm", count(*) filter (where v.state = 'returned')::int as returned
        from monthly_reviews v join local_governments g on g.code = v.local_government_code
        where g.prefecture_code = ${prefectureCode}`,
  );
  return row ?? { toConfirm: 0, returned: 0 };
}
