import { sql, type SQL } from "drizzle-orm";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { publicAssistanceTransferFields, surveyAnswers, type PublicAssistanceTransferField, type SurveyAnswer } from "~/domain/vocabulary";
import { snakeCaseOf } from "~/domain/datasets/helpers";
import type { SupportMeetingShare, SurveyDistribution, TransferSummary } from "~/domain/figures";
import { queryRows, type Database } from "../client";
import { fiscalYearStartSql, populationsOn } from "./fragments";
import { implementingBodiesOf, isImplementingBodyOn } from "./implementing-bodies";

// Cooperation with public assistance beyond the monthly 困窮→保護 referrals (issue 18, ADR 026):
// 保護→困窮 transfers, the annual cooperation survey and the 支援会議 statuses. Every share counts the
// implementing bodies of the fiscal year (ADR 003) that answered: a body without a row is not in n.

const scopeOf = (prefectureCode: string | null): SQL => (prefectureCode ? sql`b.prefecture_code = ${prefectureCode}` : sql`true`);
const col = (key: string) => sql.raw(snakeCaseOf(key));

type TransferCounts = Record<PublicAssistanceTransferField, number>;

/**
 * 保護→困窮 per prefecture and nationally for a fiscal year: the respondents (n), how many of them had
 * cases after 保護廃止, and the counts summed. Share = withCases ÷ respondents; the average among
 * bodies with cases = casesAfterDiscontinuation ÷ withCases.
 */
export async function publicAssistanceTransferSummary(db: Database, fiscalYear: number): Promise<TransferSummary[]> {
  return queryRows<TransferSummary>(
    db,
    sql`select b.prefecture_code as "prefectureCode",
               count(*)::int as respondents,
               count(*) filter (where t.cases_after_discontinuation > 0)::int as "withCases",
               ${sql.join(
                 publicAssistanceTransferFields.map((f) => sql`coalesce(sum(t.${col(f)}), 0)::int as ${sql.identifier(f)}`),
                 sql`, `,
               )},
               coalesce(sum(p.population), 0)::bigint::float8 as population
        from ${implementingBodiesOf(fiscalYear)} b
        join public_assistance_transfers t on t.local_government_code = b.code and t.fiscal_year = ${fiscalYear}
        left join ${populationsOn(fiscalYearStart(fiscalYear))} p on p.local_government_code = b.code
        group by grouping sets ((b.prefecture_code), ())
        order by b.prefecture_code nulls first`,
  );
}

export type BodyTransfers = TransferCounts & { code: string; name: string; kind: string; population: number | null };

/** The answering bodies of a prefecture with their 保護→困窮 counts and population on 1 April. */
export async function publicAssistanceTransfersByBody(db: Database, fiscalYear: number, prefectureCode: string): Promise<BodyTransfers[]> {
  return queryRows<BodyTransfers>(
    db,
    sql`select b.code, b.name, b.kind,
               ${sql.join(
                 publicAssistanceTransferFields.map((f) => sql`t.${col(f)}::int as ${sql.identifier(f)}`),
                 sql`, `,
               )},
               p.population::float8 as population
        from ${implementingBodiesOf(fiscalYear)} b
        join public_assistance_transfers t on t.local_government_code = b.code and t.fiscal_year = ${fiscalYear}
        left join ${populationsOn(fiscalYearStart(fiscalYear))} p on p.local_government_code = b.code
        where b.prefecture_code = ${prefectureCode}
        order by case when b.kind = 'prefecture' then 0 else 1 end, b.code`,
  );
}

/** A body's 保護→困窮 counts over the fiscal years it answered. */
export async function publicAssistanceTransferHistory(db: Database, code: string): Promise<(TransferCounts & { fiscalYear: number })[]> {
  return queryRows(
    db,
    sql`select fiscal_year::int as "fiscalYear",
               ${sql.join(
                 publicAssistanceTransferFields.map((f) => sql`${col(f)}::int as ${sql.identifier(f)}`),
                 sql`, `,
               )}
        from public_assistance_transfers where local_government_code = ${code} order by fiscal_year`,
  );
}

/** The cooperation survey for one scope (null: the nation): respondents (n) and how many chose each answer. */
export async function cooperationSurveyDistribution(db: Database, fiscalYear: number, prefectureCode: string | null): Promise<SurveyDistribution> {
  const [row] = await queryRows<SurveyDistribution>(
    db,
    sql`select count(*)::int as respondents,
               ${sql.join(
                 surveyAnswers.map((a) => sql`count(*) filter (where s.${col(a)})::int as ${sql.identifier(a)}`),
                 sql`, `,
               )}
        from ${implementingBodiesOf(fiscalYear)} b
        join cooperation_surveys s on s.local_government_code = b.code and s.fiscal_year = ${fiscalYear}
        where ${scopeOf(prefectureCode)}`,
  );
  return row!;
}

export type BodySurveyAnswers = { code: string; name: string; kind: string; answers: SurveyAnswer[] };

const chosenAnswers = sql`array_remove(array[${sql.join(
  surveyAnswers.map((a) => sql`case when s.${col(a)} then ${a} end`),
  sql`, `,
)}]::text[], null)`;

/** The answering bodies of a prefecture with the answers each chose. */
export async function cooperationSurveyBodies(db: Database, fiscalYear: number, prefectureCode: string): Promise<BodySurveyAnswers[]> {
  return queryRows<BodySurveyAnswers>(
    db,
    sql`select b.code, b.name, b.kind, ${chosenAnswers} as answers
        from ${implementingBodiesOf(fiscalYear)} b
        join cooperation_surveys s on s.local_government_code = b.code and s.fiscal_year = ${fiscalYear}
        where b.prefecture_code = ${prefectureCode}
        order by case when b.kind = 'prefecture' then 0 else 1 end, b.code`,
  );
}

/** A body's survey answers over the fiscal years it answered. */
export async function cooperationSurveyHistory(db: Database, code: string): Promise<{ fiscalYear: number; answers: SurveyAnswer[] }[]> {
  return queryRows(
    db,
    sql`select s.fiscal_year::int as "fiscalYear", ${chosenAnswers} as answers
        from cooperation_surveys s where s.local_government_code = ${code} order by s.fiscal_year`,
  );
}

/**
 * 支援会議 per fiscal year for one scope (null: the nation): the implementing bodies of each year, how
 * many answered and how many set one up. Share = established ÷ answered.
 */
export async function supportMeetingSharesByFiscalYear(db: Database, prefectureCode: string | null): Promise<SupportMeetingShare[]> {
  return queryRows<SupportMeetingShare>(
    db,
    sql`with years as (select distinct fiscal_year::int as fiscal_year from support_meeting_statuses)
        select y.fiscal_year as "fiscalYear",
               count(*)::int as bodies,
               count(m.local_government_code)::int as answered,
               count(*) filter (where m.established)::int as established
        from years y
        join lateral (
          select lg.code, lg.prefecture_code from local_governments lg
          where ${isImplementingBodyOn("lg", fiscalYearStartSql("y.fiscal_year"))}
        ) b on ${scopeOf(prefectureCode)}
        left join support_meeting_statuses m on m.local_government_code = b.code and m.fiscal_year = y.fiscal_year
        group by y.fiscal_year
        order by y.fiscal_year`,
  );
}

export type BodyWithoutSupportMeeting = {
  code: string;
  name: string;
  kind: string;
  /** false: no status row for the year (not answered), true: answered 無 */
  answered: boolean;
};

/**
 * The implementing bodies of a prefecture without a 支援会議 in a fiscal year: those that answered 無
 * and those without an answer. For the prefecture page and the prefecture's worklist (a prompt, not a fault).
 */
export async function bodiesWithoutSupportMeeting(db: Database, prefectureCode: string, fiscalYear: number): Promise<BodyWithoutSupportMeeting[]> {
  return queryRows<BodyWithoutSupportMeeting>(
    db,
    sql`select b.code, b.name, b.kind, (m.local_government_code is not null) as answered
        from ${implementingBodiesOf(fiscalYear)} b
        left join support_meeting_statuses m on m.local_government_code = b.code and m.fiscal_year = ${fiscalYear}
        where b.prefecture_code = ${prefectureCode} and m.established is not true
        order by case when b.kind = 'prefecture' then 0 else 1 end, b.code`,
  );
}

export type SupportMeetingStatus = { fiscalYear: number; established: boolean; jusouSupportMeeting: boolean | null; multiAgencyMeeting: boolean | null };

/** A body's 支援会議 statuses over the fiscal years it answered. */
export async function supportMeetingHistory(db: Database, code: string): Promise<SupportMeetingStatus[]> {
  return queryRows<SupportMeetingStatus>(
    db,
    sql`select fiscal_year::int as "fiscalYear", established, jusou_support_meeting as "jusouSupportMeeting", multi_agency_meeting as "multiAgencyMeeting"
        from support_meeting_statuses where local_government_code = ${code} order by fiscal_year`,
  );
}
