import { eq, sql, type SQL } from "drizzle-orm";
import { defaultSchedule, fiscalYearOf, type AnnualReportingDataset, type ReportingSchedule, type YearMonth } from "~/domain/reporting";
import { queryRows, type Database } from "../client";
import { reminders, reportingSchedules } from "../schema";
import { implementingBodiesOf, isImplementingBodyOn } from "./implementing-bodies";
import { municipalitiesOf } from "./jusou";
import { japanDateSql, monthlyDeadlineSql, sqlIn } from "./fragments";

/** The schedule of a fiscal year: its row, else the defaults. */
export async function getReportingSchedule(db: Database, fiscalYear: number): Promise<ReportingSchedule> {
  const [row] = await db
    .select({ monthlyDueDay: reportingSchedules.monthlyDueDay, annualDueDate: reportingSchedules.annualDueDate })
    .from(reportingSchedules)
    .where(eq(reportingSchedules.fiscalYear, fiscalYear));
  return row ? { fiscalYear, monthlyDueDay: row.monthlyDueDay, annualDueDate: row.annualDueDate, isDefault: false } : defaultSchedule(fiscalYear);
}

export async function saveReportingSchedule(tx: Database, s: { fiscalYear: number; monthlyDueDay: number; annualDueDate: string; userId: number }): Promise<void> {
  await tx
    .insert(reportingSchedules)
    .values({ fiscalYear: s.fiscalYear, monthlyDueDay: s.monthlyDueDay, annualDueDate: s.annualDueDate, updatedBy: s.userId })
    .onConflictDoUpdate({
      target: reportingSchedules.fiscalYear,
      set: { monthlyDueDay: s.monthlyDueDay, annualDueDate: s.annualDueDate, updatedBy: s.userId, updatedAt: sql`now()` },
    });
}

/** At revert: the submissions the upload made are undone with it. */
export async function forgetMonthlySubmissions(tx: Database, uploadId: number): Promise<void> {
  await tx.execute(sql`delete from monthly_submissions where upload_id = ${uploadId}`);
}

function monthsValues(months: readonly YearMonth[]): SQL {
  return sql`(values ${sql.join(
    months.map((m) => sql`(${m.year}::int, ${m.month}::int)`),
    sql`, `,
  )})`;
}

/**
 * Every expected body-month: each implementing body existing on the first day of each month (a body
 * merged mid-year is expected only for its months), with its deadline, whether figures exist, and the
 * Japan date of its first submission (null: not recorded). Columns code, prefecture_code, name, kind,
 * year, month, deadline, submitted, submitted_on.
 */
function expectedBodyMonths(months: readonly YearMonth[], dueDay: number, prefectureCode: string | null): SQL {
  // bounds the figures read to the months' fiscal years (an index) instead of hashing the whole table
  const fiscalYears = [...new Set(months.map(fiscalYearOf))];
  const years = [...new Set(months.map((m) => m.year))];
  return sql`(
    select lg.code, lg.prefecture_code, lg.name, lg.kind, m.year, m.month, ${monthlyDeadlineSql("m.year", "m.month", dueDay)} as deadline,
           s.local_government_code is not null as submitted, ${japanDateSql("sub.submitted_at")} as submitted_on
    from ${monthsValues(months)} as m(year, month)
    join local_governments lg on ${isImplementingBodyOn("lg", sql`make_date(m.year, m.month, 1)`)}
    left join monthly_support_statistics s on s.local_government_code = lg.code and s.year = m.year and s.month = m.month and ${sqlIn("s.fiscal_year", fiscalYears)}
    left join monthly_submissions sub on sub.local_government_code = lg.code and sub.year = m.year and sub.month = m.month and ${sqlIn("sub.year", years)}
    where ${prefectureCode === null ? sql`true` : sql`lg.prefecture_code = ${prefectureCode}`}
  )`;
}

/** Submitted by the deadline (the deadline day included); figures without a recorded time count as on time (ADR 021). */
const onTime = sql`submitted and (submitted_on is null or submitted_on <= deadline)`;

export type BodyMonthCell = {
  code: string;
  name: string;
  kind: string;
  year: number;
  month: number;
  deadline: string;
  submitted: boolean;
  /** Japan date of the first submission; null when not submitted or not recorded */
  submittedOn: string | null;
};

/** The body × month cells of a prefecture over the given months, the prefecture (its 郡部) first. */
export async function bodyMonthCells(db: Database, prefectureCode: string, months: readonly YearMonth[], dueDay: number): Promise<BodyMonthCell[]> {
  if (months.length === 0) return [];
  const rows = await queryRows<BodyMonthCell>(
    db,
    sql`select code, name, kind, year, month, deadline::text as deadline, submitted, submitted_on::text as "submittedOn"
        from ${expectedBodyMonths(months, dueDay, prefectureCode)} b
        order by case when kind = 'prefecture' then 0 else 1 end, code, year, month`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year), month: Number(r.month) }));
}

export type RateCounts = { expected: number; submitted: number; onTime: number };

function rateCounts(row: { expected: number | string; submitted: number | string; on_time: number | string }): RateCounts {
  return { expected: Number(row.expected), submitted: Number(row.submitted), onTime: Number(row.on_time) };
}

/**
 * Reporting and on-time counts over the given months (DHIS2: expected = bodies × months; reporting
 * rate = submitted ÷ expected; on-time rate = submitted by the deadline ÷ expected), per prefecture
 * and for the nation (prefectureCode null).
 */
export async function reportingCountsByPrefecture(db: Database, months: readonly YearMonth[], dueDay: number): Promise<{ prefectureCode: string | null; counts: RateCounts }[]> {
  if (months.length === 0) return [];
  const rows = await queryRows<{ prefecture_code: string | null; expected: number; submitted: number; on_time: number }>(
    db,
    sql`select prefecture_code, count(*)::int as expected, count(*) filter (where submitted)::int as submitted, count(*) filter (where ${onTime})::int as on_time
        from ${expectedBodyMonths(months, dueDay, null)} b
        group by grouping sets ((prefecture_code), ())
        order by prefecture_code nulls first`,
  );
  return rows.map((r) => ({ prefectureCode: r.prefecture_code, counts: rateCounts(r) }));
}

/** The same counts for one prefecture's bodies, per body and for the prefecture (code null). */
export async function reportingCountsByBody(db: Database, prefectureCode: string, months: readonly YearMonth[], dueDay: number): Promise<{ code: string | null; counts: RateCounts }[]> {
  if (months.length === 0) return [];
  const rows = await queryRows<{ code: string | null; expected: number; submitted: number; on_time: number }>(
    db,
    sql`select code, count(*)::int as expected, count(*) filter (where submitted)::int as submitted, count(*) filter (where ${onTime})::int as on_time
        from ${expectedBodyMonths(months, dueDay, prefectureCode)} b
        group by grouping sets ((code), ())
        order by code nulls first`,
  );
  return rows.map((r) => ({ code: r.code, counts: rateCounts(r) }));
}

/** The body-months of a prefecture without figures among the given (overdue) months. */
export async function missingBodyMonths(db: Database, prefectureCode: string, months: readonly YearMonth[], dueDay: number) {
  if (months.length === 0) return [];
  const rows = await queryRows<{ code: string; name: string; year: number; month: number }>(
    db,
    sql`select code, name, year, month from ${expectedBodyMonths(months, dueDay, prefectureCode)} b
        where not submitted order by code, year, month`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year), month: Number(r.month) }));
}

/** The active users of bodies (their staff), with their e-mail address when they gave one. */
export async function usersOfBodies(db: Database, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return queryRows<{ id: number; localGovernmentCode: string; displayName: string; email: string | null; dateStyle: string }>(
    db,
    sql`select id, local_government_code as "localGovernmentCode", display_name as "displayName", email, date_style as "dateStyle"
        from users where active and role = 'municipality' and ${sqlIn("local_government_code", codes)} order by id`,
  );
}

/** Inserts the reminders not yet sent today; returns those inserted (a second send the same day inserts none). */
export async function insertReminders(
  tx: Database,
  items: readonly { localGovernmentCode: string; year: number; month: number }[],
  sentOn: string,
  sentBy: number,
): Promise<{ id: number; localGovernmentCode: string; year: number; month: number }[]> {
  if (items.length === 0) return [];
  return tx
    .insert(reminders)
    .values(items.map((i) => ({ ...i, sentOn, sentBy })))
    .onConflictDoNothing({ target: [reminders.localGovernmentCode, reminders.year, reminders.month, reminders.sentOn] })
    .returning({ id: reminders.id, localGovernmentCode: reminders.localGovernmentCode, year: reminders.year, month: reminders.month });
}

export async function recordReminderDelivery(db: Database, ids: readonly number[], delivered: string[], failed: { address: string; reason: string }[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`update reminders set email_delivered = ${JSON.stringify(delivered)}::jsonb, email_failed = ${JSON.stringify(failed)}::jsonb where ${sqlIn("id", ids)}`,
  );
}

/** Reminders a body received for months that still have no figures, newest first. */
export async function openRemindersOf(db: Database, code: string) {
  const rows = await queryRows<{ year: number; month: number; sentAt: string; senderName: string | null }>(
    db,
    sql`select r.year, r.month, max(r.sent_at)::text as "sentAt", max(u.display_name) as "senderName"
        from reminders r left join users u on u.id = r.sent_by
        where r.local_government_code = ${code}
          and not exists (select 1 from monthly_support_statistics s where s.local_government_code = r.local_government_code and s.year = r.year and s.month = r.month)
        group by r.year, r.month order by r.year desc, r.month desc`,
  );
  return rows.map((r) => ({ ...r, year: Number(r.year), month: Number(r.month) }));
}

/** Whether a body has figures for a month, and the Japan date of their first submission when it was recorded. */
export async function monthlyFiguresOf(db: Database, code: string, m: YearMonth): Promise<{ submitted: boolean; submittedOn: string | null }> {
  const [row] = await queryRows<{ submitted: boolean; submittedOn: string | null }>(
    db,
    sql`select exists (select 1 from monthly_support_statistics s where s.local_government_code = ${code} and s.year = ${m.year} and s.month = ${m.month}) as submitted,
               (select to_char(submitted_at at time zone 'Asia/Tokyo', 'YYYY-MM-DD') from monthly_submissions
                 where local_government_code = ${code} and year = ${m.year} and month = ${m.month}) as "submittedOn"`,
  );
  return row ?? { submitted: false, submittedOn: null };
}

/**
 * The annual datasets of a prefecture's fiscal year: per dataset, each body expected to report it and
 * whether it has. 重層 is expected of every municipality existing on 1 April (docs/domain.md, its
 * denominator); 任意事業 and 支援員配置・研修 of the implementing bodies of the fiscal year.
 */
export async function annualSubmissionsOf(db: Database, prefectureCode: string, fiscalYear: number) {
  return queryRows<{ dataset: AnnualReportingDataset; code: string; name: string; submitted: boolean }>(
    db,
    sql`select 'optional_programs' as dataset, b.code, b.name,
               exists (select 1 from optional_program_statuses t where t.local_government_code = b.code and t.fiscal_year = ${fiscalYear}) as submitted
        from ${implementingBodiesOf(fiscalYear)} b where b.prefecture_code = ${prefectureCode}
        union all
        select 'staff_training', b.code, b.name,
               exists (select 1 from staff_training t where t.local_government_code = b.code and t.fiscal_year = ${fiscalYear})
        from ${implementingBodiesOf(fiscalYear)} b where b.prefecture_code = ${prefectureCode}
        union all
        select 'jusou', m.code, m.name,
               exists (select 1 from jusou_statuses t where t.local_government_code = m.code and t.fiscal_year = ${fiscalYear})
        from ${municipalitiesOf(fiscalYear)} m where m.prefecture_code = ${prefectureCode}
        order by 1, 2`,
  );
}
