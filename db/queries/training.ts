import { and, eq, sql, type SQL } from "drizzle-orm";
import { certificateRoles } from "~/domain/vocabulary";
import type { TrainingSessionInput } from "~/domain/forms/training-session-schema";
import { fiscalYearOfDate } from "~/domain/fiscal-year";
import type { CertificateCoverage } from "~/domain/figures";
import { queryRows, type Database } from "../client";
import { trainingSessionParticipants, trainingSessions } from "../schema";
import { sqlIn } from "./fragments";
import { implementingBodiesOf } from "./implementing-bodies";
import { assertImplementingBodiesOf, PrefectureScopeError, type PrefectureActor } from "./prefecture-scope";
import { DuplicateRecordError } from "./supervision";

// How the training figures are computed (docs/decisions/009-prefecture-work-figures.md): the 後期 figure
// of a body and role is the larger of what the body reported and the participants the prefecture recorded
// at its 後期研修 sessions of the year, and no figure exceeds the staff assigned.

/** Participants recorded at 後期研修 sessions of a fiscal year, per body and role. */
function latterTermParticipants(fiscalYear: number): SQL {
  return sql`(
    select p.local_government_code, p.role, sum(p.participants)::int as participants
    from training_session_participants p join training_sessions s on s.id = p.session_id
    where s.kind = 'latter_term' and s.fiscal_year = ${fiscalYear}
    group by p.local_government_code, p.role)`;
}

/** staff_training of a fiscal year with every stage capped at the staff assigned, and the 後期 figure fed by the sessions. */
function staffStages(fiscalYear: number): SQL {
  return sql`(
    select st.local_government_code, st.role, st.assigned,
           least(st.national_training_completed, st.assigned) as national,
           least(greatest(st.prefecture_training_completed, coalesce(r.participants, 0)), st.assigned) as latter_term,
           least(st.certified, st.assigned) as certified
    from staff_training st
    left join ${latterTermParticipants(fiscalYear)} r on r.local_government_code = st.local_government_code and r.role = st.role
    where st.fiscal_year = ${fiscalYear})`;
}

export type StageCounts = { assigned: number; national: number; latterTerm: number; certified: number };

/** Staff by role × stage over the implementing bodies of a prefecture (or the nation) in a fiscal year. */
export async function trainingByRole(db: Database, fiscalYear: number, prefectureCode: string | null) {
  return queryRows<{ role: string; bodies: number; assigned: number; national: number; latterTerm: number; certified: number }>(
    db,
    sql`select s.role, count(distinct s.local_government_code)::int as bodies, sum(s.assigned)::int as assigned, sum(s.national)::int as national,
               sum(s.latter_term)::int as "latterTerm", sum(s.certified)::int as certified
        from ${staffStages(fiscalYear)} s join ${implementingBodiesOf(fiscalYear)} b on b.code = s.local_government_code
        where ${prefectureCode ? sql`b.prefecture_code = ${prefectureCode}` : sql`true`}
        group by s.role`,
  );
}

/**
 * Every implementing body of the prefecture with the 修了証 of the three roles that need one (主任相談支援員,
 * 相談支援員, 就労支援員): those lacking certificates first (most missing first), then those that have not
 * reported, then the rest.
 */
export async function trainingByBody(db: Database, fiscalYear: number, prefectureCode: string) {
  const perRole = (role: string) => sql.raw(
    `coalesce(sum(s.assigned) filter (where s.role = '${role}'), 0)::int as ${role}_assigned,
     coalesce(sum(s.certified) filter (where s.role = '${role}'), 0)::int as ${role}_certified`,
  );
  type Row = { code: string; name: string; kind: string; reported: boolean; recorded: number; assigned: number; national: number; latter_term: number; certified: number; certificate_assigned: number; certificate_certified: number; missing_certificates: number } & Record<`${string}_assigned` | `${string}_certified`, number>;
  const rows = await queryRows<Row>(
    db,
    sql`select b.code, b.name, b.kind, count(s.role) > 0 as reported,
               ${sql.join(certificateRoles.map(perRole), sql`, `)},
               coalesce(sum(s.assigned), 0)::int as assigned, coalesce(sum(s.national), 0)::int as national,
               coalesce(sum(s.latter_term), 0)::int as latter_term, coalesce(sum(s.certified), 0)::int as certified,
               coalesce(sum(s.assigned) filter (where ${sqlIn("s.role", certificateRoles)}), 0)::int as certificate_assigned,
               coalesce(sum(s.certified) filter (where ${sqlIn("s.role", certificateRoles)}), 0)::int as certificate_certified,
               coalesce(sum(s.assigned - s.certified) filter (where ${sqlIn("s.role", certificateRoles)}), 0)::int as missing_certificates,
               (select coalesce(sum(r.participants), 0)::int from ${latterTermParticipants(fiscalYear)} r where r.local_government_code = b.code) as recorded
        from ${implementingBodiesOf(fiscalYear)} b
        left join ${staffStages(fiscalYear)} s on s.local_government_code = b.code
        where b.prefecture_code = ${prefectureCode}
        group by b.code, b.name, b.kind
        order by missing_certificates desc, (count(s.role) > 0), case when b.kind = 'prefecture' then 0 else 1 end, b.code`,
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    reported: r.reported,
    assigned: r.assigned,
    national: r.national,
    latterTerm: r.latter_term,
    certified: r.certified,
    missingCertificates: r.missing_certificates,
    /** the three roles that need the 修了証 */
    certificates: { assigned: r.certificate_assigned, certified: r.certificate_certified },
    recordedLatterTerm: r.recorded,
    roles: Object.fromEntries(certificateRoles.map((role) => [role, { assigned: r[`${role}_assigned`]!, certified: r[`${role}_certified`]! }])),
  }));
}

/** 修了証 coverage of the three roles per prefecture and nationally (prefectureCode null), with the 後期研修 held. */
export async function certificateCoverageByPrefecture(db: Database, fiscalYear: number) {
  return queryRows<CertificateCoverage>(
    db,
    sql`with per_body as (
          select b.code, b.prefecture_code, count(s.role) > 0 as reported,
                 coalesce(sum(s.assigned), 0) as assigned, coalesce(sum(s.national), 0) as national,
                 coalesce(sum(s.latter_term), 0) as latter_term, coalesce(sum(s.certified), 0) as certified
          from ${implementingBodiesOf(fiscalYear)} b
          left join ${staffStages(fiscalYear)} s on s.local_government_code = b.code and ${sqlIn("s.role", certificateRoles)}
          group by b.code, b.prefecture_code),
        sessions as (
          select prefecture_code, count(*)::int as n from training_sessions
          where kind = 'latter_term' and fiscal_year = ${fiscalYear} group by prefecture_code)
        select pb.prefecture_code as "prefectureCode", count(*)::int as bodies, count(*) filter (where pb.reported)::int as reported,
               count(*) filter (where pb.reported and pb.assigned > 0 and pb.certified = pb.assigned)::int as complete,
               sum(pb.assigned)::int as assigned, sum(pb.national)::int as national, sum(pb.latter_term)::int as "latterTerm",
               sum(pb.certified)::int as certified,
               case when grouping(pb.prefecture_code) = 1 then (select coalesce(sum(n), 0)::int from sessions)
                    else coalesce(max(se.n), 0) end as "latterTermSessions"
        from per_body pb left join sessions se on se.prefecture_code = pb.prefecture_code
        group by grouping sets ((pb.prefecture_code), ())
        order by pb.prefecture_code nulls first`,
  );
}

/** Fiscal years with staff figures or sessions, newest first. */
export async function trainingFiscalYears(db: Database): Promise<number[]> {
  const rows = await queryRows<{ fiscal_year: number }>(
    db,
    sql`select fiscal_year from staff_training union select fiscal_year from training_sessions order by 1 desc`,
  );
  return rows.map((r) => Number(r.fiscal_year));
}

/** A prefecture's sessions of a fiscal year with their participants per body. */
export async function listTrainingSessions(db: Database, prefectureCode: string, fiscalYear: number) {
  const rows = await queryRows<{
    id: number;
    held_on: string;
    title: string;
    kind: string;
    hours: string | number;
    participants: number;
    by_body: { code: string; name: string; role: string; participants: number }[] | string | null;
  }>(
    db,
    sql`select s.id, s.held_on::text as held_on, s.title, s.kind, s.hours,
               coalesce((select sum(p.participants) from training_session_participants p where p.session_id = s.id), 0)::int as participants,
               (select json_agg(json_build_object('code', p.local_government_code, 'name', lg.name, 'role', p.role, 'participants', p.participants)
                                order by p.local_government_code, p.role)
                from training_session_participants p join local_governments lg on lg.code = p.local_government_code
                where p.session_id = s.id) as by_body
        from training_sessions s
        where s.prefecture_code = ${prefectureCode} and s.fiscal_year = ${fiscalYear}
        order by s.held_on desc, s.id desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    title: r.title,
    kind: r.kind,
    hours: Number(r.hours),
    participants: r.participants,
    byBody: (typeof r.by_body === "string" ? JSON.parse(r.by_body) : (r.by_body ?? [])) as { code: string; name: string; role: string; participants: number }[],
  }));
}


/**
 * Records (or replaces) a session and its participants, inside the caller's transaction; returns its id
 * and the values written. Every participant must be one of the prefecture's implementing bodies. The
 * same date, title and kind twice in a prefecture is a DuplicateRecordError.
 */
export async function writeTrainingSession(tx: Database, actor: PrefectureActor, input: TrainingSessionInput, id?: number) {
  await assertImplementingBodiesOf(
    tx,
    actor.prefectureCode,
    input.participants.map((p) => p.localGovernmentCode),
    "参加者はこの都道府県の実施主体から入力してください",
  );
  const values = {
    prefectureCode: actor.prefectureCode,
    heldOn: input.heldOn,
    fiscalYear: fiscalYearOfDate(input.heldOn),
    title: input.title,
    kind: input.kind,
    hours: input.hours,
  };
  // serialises two saves of the same prefecture (a double click) so the check below sees the first
  await tx.execute(sql`select pg_advisory_xact_lock(3, hashtext(${actor.prefectureCode}))`);
  if (id !== undefined && !(await isOwnTrainingSession(tx, actor.prefectureCode, id))) throw new PrefectureScopeError("この研修は見つからないか、この都道府県の研修ではありません");
  const [same] = await queryRows<{ id: number }>(
    tx,
    sql`select id from training_sessions where prefecture_code = ${actor.prefectureCode} and held_on = ${input.heldOn}::date
          and title = ${input.title} and kind = ${input.kind} and id <> ${id ?? 0}`,
  );
  if (same) throw new DuplicateRecordError("同じ開催日・研修名・種別の研修がすでに記録されています");
  let savedId: number;
  if (id === undefined) {
    const [row] = await tx.insert(trainingSessions).values({ ...values, createdBy: actor.userId }).returning({ id: trainingSessions.id });
    savedId = row!.id;
  } else {
    const [row] = await tx
      .update(trainingSessions)
      .set({ ...values, updatedAt: sql`now()` })
      .where(and(eq(trainingSessions.id, id), eq(trainingSessions.prefectureCode, actor.prefectureCode)))
      .returning({ id: trainingSessions.id });
    if (!row) throw new PrefectureScopeError("この研修は見つからないか、この都道府県の研修ではありません");
    savedId = row.id;
    await tx.delete(trainingSessionParticipants).where(eq(trainingSessionParticipants.sessionId, savedId));
  }
  if (input.participants.length > 0) {
    await tx.insert(trainingSessionParticipants).values(input.participants.map((p) => ({ ...p, sessionId: savedId })));
  }
  return { id: savedId, values };
}

/** Whether the session exists and is the prefecture's own (before asking to confirm its deletion). */
export async function isOwnTrainingSession(db: Database, prefectureCode: string, id: number): Promise<boolean> {
  const [row] = await queryRows<{ id: number }>(db, sql`select id from training_sessions where id = ${id} and prefecture_code = ${prefectureCode}`);
  return row !== undefined;
}

/** Deletes one of the prefecture's sessions, inside the caller's transaction; returns the row and its participants. */
export async function deleteTrainingSessionRows(tx: Database, prefectureCode: string, id: number) {
  const participants = await tx.select().from(trainingSessionParticipants).where(eq(trainingSessionParticipants.sessionId, id));
  const [row] = await tx
    .delete(trainingSessions)
    .where(and(eq(trainingSessions.id, id), eq(trainingSessions.prefectureCode, prefectureCode)))
    .returning();
  if (!row) throw new PrefectureScopeError("この研修は見つからないか、この都道府県の研修ではありません");
  return { row, participants };
}
