import { sql } from "drizzle-orm";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { queryRows, type Database } from "../client";
import { logPopulationSql, nearestInPopulationOrder, peerGroupSize, peerKindSql, populationsOn } from "./fragments";
import { implementingBodiesOf } from "./implementing-bodies";

export async function getBody(db: Database, code: string) {
  const [row] = await queryRows<{
    code: string;
    name: string;
    kind: string;
    prefectureCode: string;
    prefectureName: string;
    hasWelfareOffice: boolean;
    validTo: string | null;
    population: number | null;
    populationAsOf: string | null;
  }>(
    db,
    sql`select lg.code, lg.name, lg.kind, lg.prefecture_code as "prefectureCode", p.name as "prefectureName", lg.has_welfare_office as "hasWelfareOffice",
               lg.valid_to::text as "validTo", pop.population, pop.as_of::text as "populationAsOf"
        from local_governments lg join prefectures p on p.code = lg.prefecture_code
        left join lateral (select population, as_of from populations where local_government_code = lg.code order by as_of desc limit 1) pop on true
        where lg.code = ${code}`,
  );
  return row ?? null;
}

/**
 * Implementing bodies of similar population (nearest on a log scale, ties by code), nearest first, in
 * three groups: `inPrefecture` and `nationally` (prefectures' 郡部 left out), and `sameKind`, the peer
 * group of the comparisons (ADR 024): bodies of the same kind (peerKindSql) nationally, prefectures'
 * 郡部 included. One query for the three. The upload's peer check applies the same rule in memory to a
 * batch of bodies (nearestInPopulation, ADR 018).
 */
export async function peerBodies(db: Database, code: string, fiscalYear: number, prefectureCode: string, limit = peerGroupSize) {
  const rows = await queryRows<{ grp: "inPrefecture" | "nationally" | "sameKind"; code: string }>(
    db,
    sql`with pop as ${populationsOn(fiscalYearStart(fiscalYear))},
        me as (select ${logPopulationSql(sql`pop.population`)} as log_population, lg.kind from pop join local_governments lg on lg.code = pop.local_government_code
               where pop.local_government_code = ${code} and pop.population > 0),
        candidates as (
          select b.code, b.kind, b.prefecture_code, ${peerKindSql("b.kind")} = ${peerKindSql("me.kind")} as same_kind,
                 ${logPopulationSql(sql`pop.population`)} as log_population, me.log_population as own_log_population
          from ${implementingBodiesOf(fiscalYear)} b join pop on pop.local_government_code = b.code, me
          where b.code <> ${code} and pop.population > 0)
        select grp, code from (
          select g.grp, c.code,
                 row_number() over (partition by g.grp order by ${nearestInPopulationOrder(sql`c.log_population`, sql`c.own_log_population`, sql`c.code`)}) as rank
          from candidates c
          join (values ('inPrefecture'), ('nationally'), ('sameKind')) g(grp)
            on case g.grp when 'inPrefecture' then c.kind <> 'prefecture' and c.prefecture_code = ${prefectureCode}
                          when 'nationally' then c.kind <> 'prefecture'
                          else c.same_kind end) ranked
        where rank <= ${limit}
        order by grp, rank`,
  );
  const group = (grp: (typeof rows)[number]["grp"]) => rows.filter((r) => r.grp === grp).map((r) => r.code);
  return { inPrefecture: group("inPrefecture"), nationally: group("nationally"), sameKind: group("sameKind") };
}

export async function staffTrainingOf(db: Database, code: string, fiscalYear: number) {
  return queryRows<{ role: string; assigned: number; nationalTrainingCompleted: number; prefectureTrainingCompleted: number; certified: number }>(
    db,
    sql`select role, assigned, national_training_completed as "nationalTrainingCompleted", prefecture_training_completed as "prefectureTrainingCompleted", certified
        from staff_training
        where local_government_code = ${code} and fiscal_year = ${fiscalYear}`,
  );
}

export async function supervisionContactsOf(db: Database, code: string, limit = 20) {
  return queryRows<{ contactedOn: string; form: string; content: string; responder: string; prefectureName: string }>(
    db,
    sql`select s.contacted_on::text as "contactedOn", s.form, s.content, s.responder, p.name as "prefectureName"
        from supervision_contacts s join prefectures p on p.code = s.prefecture_code
        where s.local_government_code = ${code} order by s.contacted_on desc limit ${limit}`,
  );
}
