import { sql } from "drizzle-orm";
import { fiscalYearStart } from "~/domain/fiscal-year";
import { queryRows, type Database } from "../client";
import { nearestInPopulation } from "~/domain/outliers";
import { memoByDataVersion } from "./data-version-memo";
import { peerGroupSize, peerKindSql, populationsOn } from "./fragments";
import { isImplementingBodyOn } from "./implementing-bodies";

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
 * Every local government with a population in force at the fiscal year's start (population > 0): the
 * candidates of the peer rule, with whether each is an implementing body that year. Read once per data
 * version and fiscal year (ADR 038): the same ~1,900 rows for every body's page.
 */
const peerCandidatesOf = memoByDataVersion((db: Database, fiscalYear: number) =>
  queryRows<{ code: string; kind: string; peerKind: string; prefectureCode: string; population: number; implementing: boolean }>(
    db,
    sql`select lg.code, lg.kind, ${peerKindSql("lg.kind")} as "peerKind", lg.prefecture_code as "prefectureCode", pop.population,
               ${isImplementingBodyOn("lg", fiscalYearStart(fiscalYear))} as implementing
        from ${populationsOn(fiscalYearStart(fiscalYear))} pop join local_governments lg on lg.code = pop.local_government_code
        where pop.population > 0`,
  ),
  { frozen: true },
);

/**
 * Implementing bodies of similar population (nearest on a log scale, ties by code: nearestInPopulation,
 * the rule the upload's peer check applies, ADR 018), nearest first, in three groups: `inPrefecture` and
 * `nationally` (prefectures' 郡部 left out), and `sameKind`, the peer group of the comparisons (ADR 024):
 * bodies of the same kind (peerKindSql) nationally, prefectures' 郡部 included. No peers for a body
 * without a population.
 */
export async function peerBodies(db: Database, code: string, fiscalYear: number, prefectureCode: string, limit = peerGroupSize) {
  const candidates = await peerCandidatesOf(db, fiscalYear);
  const own = candidates.find((c) => c.code === code);
  if (!own) return { inPrefecture: [], nationally: [], sameKind: [] };
  const nearest = (include: (c: (typeof candidates)[number]) => boolean) =>
    nearestInPopulation(own.population, candidates, limit, (c) => c.implementing && c.code !== code && include(c)).map((c) => c.code);
  return {
    inPrefecture: nearest((c) => c.kind !== "prefecture" && c.prefectureCode === prefectureCode),
    nationally: nearest((c) => c.kind !== "prefecture"),
    sameKind: nearest((c) => c.peerKind === own.peerKind),
  };
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
