import { sql } from "drizzle-orm";
import type { YearMonth } from "~/domain/reporting";
import { effortObligationPrograms, worklistRuleIds, type WorklistFact, type WorklistMark, type WorklistRuleId, type WorklistSettings } from "~/domain/worklist";
import { certificateRoles } from "~/domain/vocabulary";
import type { OptionalProgram } from "~/domain/vocabulary";
import { queryRows, type Database } from "../client";
import { sqlIn } from "./fragments";
import { implementingBodiesOf } from "./implementing-bodies";
import { missingBodyMonths } from "./reporting";
import { bodiesWithoutContact } from "./supervision";
import { bodiesWithoutSupportMeeting } from "./cooperation";
import { bodyAndPeerTotalsOf, statisticsFiscalYears } from "./support-statistics";
import { targetValuesOf } from "./prefecture-work";
import { comparedFigureKeys, comparedFigures } from "~/domain/compared-figures";

// The facts of the prefecture's worklist (要フォロー, ADR 025): one source per rule of
// app/domain/worklist.ts, each a query of the prefecture's implementing bodies.

export type WorklistScope = {
  prefectureCode: string;
  /** Japan date */
  today: string;
  /** the current fiscal year (of today) */
  fiscalYear: number;
  /** the months of the fiscal year whose deadline has passed, and the schedule's due day */
  dueMonths: readonly YearMonth[];
  dueDay: number;
  settings: WorklistSettings;
};

type Source<R extends WorklistRuleId> = (db: Database, scope: WorklistScope) => Promise<WorklistFact<R>[]>;

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

/** The latest fiscal year up to the current one in which the prefecture's bodies have rows of a table. */
async function latestYearOf(db: Database, table: "optional_program_statuses" | "staff_training" | "support_meeting_statuses", scope: WorklistScope): Promise<number | null> {
  const [row] = await queryRows<{ fy: number | null }>(
    db,
    sql`select max(t.fiscal_year)::int as fy from ${sql.identifier(table)} t join local_governments g on g.code = t.local_government_code
        where g.prefecture_code = ${scope.prefectureCode} and t.fiscal_year <= ${scope.fiscalYear}`,
  );
  return row?.fy ?? null;
}

export const worklistSources: { [R in WorklistRuleId]: Source<R> } = {
  /** months returned to the body (差戻し) and not submitted again */
  returned_report: async (db, scope) => {
    const rows = await queryRows<{ code: string; name: string; months: string[]; comment: string | null }>(
      db,
      sql`select v.local_government_code as code, g.name,
                 array_agg(v.year::text || '-' || lpad(v.month::text, 2, '0') order by v.year, v.month) as months,
                 (array_agg(v.comment order by v.year desc, v.month desc))[1] as comment
          from monthly_reviews v join local_governments g on g.code = v.local_government_code
          where g.prefecture_code = ${scope.prefectureCode} and v.state = 'returned'
          group by v.local_government_code, g.name`,
    );
    return rows.map((r) => ({ rule: "returned_report", code: r.code, name: r.name, facts: { months: r.months, comment: r.comment } }));
  },
  /** the months of the fiscal year past their deadline without figures */
  late_report: async (db, scope) => {
    const missing = await missingBodyMonths(db, scope.prefectureCode, scope.dueMonths, scope.dueDay);
    const byBody = new Map<string, WorklistFact<"late_report">>();
    for (const m of missing) {
      const fact = byBody.get(m.code) ?? { rule: "late_report" as const, code: m.code, name: m.name, facts: { months: [] } };
      fact.facts.months.push(monthKey(m.year, m.month));
      byBody.set(m.code, fact);
    }
    return [...byBody.values()];
  },
  /** uploads of the prefecture's bodies previewed with flagged values (ADR 018) and not committed: they await an explanation */
  flag_waiting: async (db, scope) => {
    const rows = await queryRows<{ code: string; name: string; uploadId: number; fileName: string; flagged: number }>(
      db,
      sql`select g.code, g.name, up.id as "uploadId", up.file_name as "fileName", (up.counts ->> 'flagged')::int as flagged
          from uploads up join users u on u.id = up.user_id join local_governments g on g.code = u.local_government_code
          where g.prefecture_code = ${scope.prefectureCode} and up.status = 'previewed' and coalesce((up.counts ->> 'flagged')::int, 0) > 0`,
    );
    return rows.map((r) => ({ rule: "flag_waiting", code: r.code, name: r.name, facts: { uploadId: r.uploadId, fileName: r.fileName, flagged: r.flagged } }));
  },
  /** 就労準備・家計改善 recorded as not implemented in the latest year with statuses (the current one once answered) */
  program_not_implemented: async (db, scope) => {
    const year = await latestYearOf(db, "optional_program_statuses", scope);
    if (year === null) return [];
    const rows = await queryRows<{ code: string; name: string; program: OptionalProgram }>(
      db,
      sql`select b.code, b.name, o.program
          from ${implementingBodiesOf(year)} b join optional_program_statuses o on o.local_government_code = b.code and o.fiscal_year = ${year}
          where b.prefecture_code = ${scope.prefectureCode} and not o.implemented and ${sqlIn("o.program", effortObligationPrograms)}`,
    );
    return rows.map((r) => ({ rule: "program_not_implemented", code: r.code, name: r.name, facts: { program: r.program, fiscalYear: year } }));
  },
  /** no supervision contact in the last N months (the setting) up to today */
  no_supervision: async (db, scope) => {
    const months = scope.settings.supervisionGapMonths;
    const rows = await bodiesWithoutContact(db, scope.prefectureCode, scope.fiscalYear, scope.today, months);
    return rows.map((r) => ({ rule: "no_supervision", code: r.code, name: r.name, facts: { lastContact: r.lastContact, months } }));
  },
  /** fewer 修了証 than staff assigned in the three roles that need one, in the latest year with staff figures */
  certificate_gap: async (db, scope) => {
    const year = await latestYearOf(db, "staff_training", scope);
    if (year === null) return [];
    const rows = await queryRows<{ code: string; name: string; assigned: number; certified: number }>(
      db,
      sql`select b.code, b.name, sum(t.assigned)::int as assigned, sum(least(t.certified, t.assigned))::int as certified
          from ${implementingBodiesOf(year)} b join staff_training t on t.local_government_code = b.code and t.fiscal_year = ${year}
          where b.prefecture_code = ${scope.prefectureCode} and ${sqlIn("t.role", certificateRoles)}
          group by b.code, b.name
          having sum(least(t.certified, t.assigned)) < sum(t.assigned)`,
    );
    return rows.map((r) => ({ rule: "certificate_gap", code: r.code, name: r.name, facts: { fiscalYear: year, assigned: r.assigned, certified: r.certified } }));
  },
  /**
   * bodies whose figure is significantly below the 目安値 or worse than their peer group (ADR 024's
   * labels at 95%), in the latest fiscal year with monthly figures up to the current one
   */
  significantly_worse: async (db, scope) => {
    const year = Math.max(...(await statisticsFiscalYears(db)).filter((fy) => fy <= scope.fiscalYear));
    if (!Number.isFinite(year)) return [];
    const [rows, targets] = await Promise.all([bodyAndPeerTotalsOf(db, scope.prefectureCode, year), targetValuesOf(db, year)]);
    const facts: WorklistFact<"significantly_worse">[] = [];
    for (const r of rows) {
      if (!r.own || r.own.submittedMonths === 0) continue;
      const compared = comparedFigures(r.own, { peers: r.peers }, targets);
      for (const metric of comparedFigureKeys) {
        const figure = compared[metric];
        if (figure.value === null || !figure.ci95) continue;
        for (const comparator of ["target", "peers"] as const) {
          const benchmark = figure.benchmarks[comparator];
          if (figure.labels[comparator] !== "worse" || benchmark === null || benchmark === undefined) continue;
          facts.push({ rule: "significantly_worse", code: r.code, name: r.name, facts: { fiscalYear: year, metric, comparator, value: figure.value, lower: figure.ci95.lower, upper: figure.ci95.upper, benchmark } });
        }
      }
    }
    return facts;
  },
  /** bodies that answered, in the latest year with answers, that they have no 支援会議 (unanswered bodies are the submissions pages' business) */
  no_support_meeting: async (db, scope) => {
    const year = await latestYearOf(db, "support_meeting_statuses", scope);
    if (year === null) return [];
    const rows = await bodiesWithoutSupportMeeting(db, scope.prefectureCode, year);
    return rows.filter((r) => r.answered).map((r) => ({ rule: "no_support_meeting", code: r.code, name: r.name, facts: { fiscalYear: year } }));
  },
};

/** Every rule's facts for a prefecture, the sources run together. */
export async function worklistFactsOf(db: Database, scope: WorklistScope): Promise<WorklistFact[]> {
  const all = await Promise.all(worklistRuleIds.map((rule) => (worklistSources[rule] as Source<typeof rule>)(db, scope)));
  return all.flat() as WorklistFact[];
}

const markColumns = sql`r.rule, r.local_government_code as code, r.subject, r.cause, r.fiscal_year::int as "fiscalYear", r.why, r.note,
  r.resolved_at::text as "resolvedAt", u.display_name as "resolvedBy"`;

/** The 対応済 marks of a prefecture in a fiscal year, oldest first (a later mark of the same item and cause wins). */
export async function worklistMarksOf(db: Database, prefectureCode: string, fiscalYear: number): Promise<WorklistMark[]> {
  return queryRows<WorklistMark>(
    db,
    sql`select ${markColumns} from worklist_resolutions r left join users u on u.id = r.resolved_by
        where r.prefecture_code = ${prefectureCode} and r.fiscal_year = ${fiscalYear} order by r.resolved_at, r.id`,
  );
}

/** A body's 対応済 marks of every year, newest first: its history on the municipality page. */
export async function worklistMarksOfBody(db: Database, bodyCode: string): Promise<WorklistMark[]> {
  return queryRows<WorklistMark>(
    db,
    sql`select ${markColumns} from worklist_resolutions r left join users u on u.id = r.resolved_by
        where r.local_government_code = ${bodyCode} order by r.resolved_at desc, r.id desc`,
  );
}

/** Records a mark; false when the same item was already marked for the same cause in the year. */
export async function insertWorklistMark(
  tx: Database,
  mark: { prefectureCode: string; code: string; rule: string; subject: string; fiscalYear: number; cause: string; why: string; note: string; userId: number },
): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`insert into worklist_resolutions (prefecture_code, local_government_code, rule, subject, fiscal_year, cause, why, note, resolved_by)
        values (${mark.prefectureCode}, ${mark.code}, ${mark.rule}, ${mark.subject}, ${mark.fiscalYear}, ${mark.cause}, ${mark.why}, ${mark.note}, ${mark.userId})
        on conflict do nothing returning id`,
  );
  return rows.length > 0;
}
