import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { supervisionContacts } from "../schema";
import { fiscalYearOfDateSql, withinFiscalYear } from "./fragments";
import { implementingBodiesOf } from "./implementing-bodies";
import { assertImplementingBodiesOf, PrefectureScopeError, type PrefectureActor } from "./prefecture-scope";
import type { SupervisionContactInput } from "~/domain/forms/supervision-schema";

export type ContactFilter = { bodyCode?: string; form?: string; from?: string; to?: string };

/** A save that would repeat a record already there (a double click, a second tab): refused with its message. */
export class DuplicateRecordError extends Error {}

/** Unique violations come from the driver (postgres) or PGlite, possibly wrapped by drizzle as the cause. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

type ContactRow = { id: number; contactedOn: string; code: string; name: string; form: string; content: string; responder: string };

function contactConditions(prefectureCode: string, filter: ContactFilter) {
  return sql`s.prefecture_code = ${prefectureCode}
          and ${filter.bodyCode ? sql`s.local_government_code = ${filter.bodyCode}` : sql`true`}
          and ${filter.form ? sql`s.form = ${filter.form}` : sql`true`}
          and ${filter.from ? sql`s.contacted_on >= ${filter.from}::date` : sql`true`}
          and ${filter.to ? sql`s.contacted_on <= ${filter.to}::date` : sql`true`}`;
}

/** One page of the prefecture's contacts, newest first. */
export async function listSupervisionContacts(db: Database, prefectureCode: string, filter: ContactFilter, page = { limit: 300, offset: 0 }) {
  return queryRows<ContactRow>(
    db,
    sql`select s.id, s.contacted_on::text as "contactedOn", s.local_government_code as code, lg.name, s.form, s.content, s.responder
        from supervision_contacts s join local_governments lg on lg.code = s.local_government_code
        where ${contactConditions(prefectureCode, filter)}
        order by s.contacted_on desc, s.id desc limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countSupervisionContacts(db: Database, prefectureCode: string, filter: ContactFilter): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from supervision_contacts s where ${contactConditions(prefectureCode, filter)}`);
  return row?.n ?? 0;
}

/** One of the prefecture's contacts (to edit, or to confirm its deletion), wherever it falls in the log. */
export async function getSupervisionContact(db: Database, prefectureCode: string, id: number): Promise<ContactRow | null> {
  const [row] = await queryRows<ContactRow>(
    db,
    sql`select s.id, s.contacted_on::text as "contactedOn", s.local_government_code as code, lg.name, s.form, s.content, s.responder
        from supervision_contacts s join local_governments lg on lg.code = s.local_government_code
        where s.prefecture_code = ${prefectureCode} and s.id = ${id}`,
  );
  return row ?? null;
}

/**
 * Coverage of a fiscal year: of the prefecture's implementing bodies (on 1 April), how many had at
 * least one contact in the year — overall, by form and by month. Contacts outside the year do not count.
 */
export async function supervisionCoverage(db: Database, prefectureCode: string, fiscalYear: number) {
  const [overall] = await queryRows<{ bodies: number; covered: number }>(
    db,
    sql`select count(*)::int as bodies,
               count(*) filter (where exists (select 1 from supervision_contacts s where s.local_government_code = b.code
                 and s.prefecture_code = ${prefectureCode} and ${withinFiscalYear("s.contacted_on", fiscalYear)}))::int as covered
        from ${implementingBodiesOf(fiscalYear)} b where b.prefecture_code = ${prefectureCode}`,
  );
  const byForm = await queryRows<{ form: string; covered: number }>(
    db,
    sql`select s.form, count(distinct s.local_government_code)::int as covered
        from supervision_contacts s join ${implementingBodiesOf(fiscalYear)} b on b.code = s.local_government_code
        where s.prefecture_code = ${prefectureCode} and b.prefecture_code = ${prefectureCode} and ${withinFiscalYear("s.contacted_on", fiscalYear)}
        group by s.form`,
  );
  const byMonth = await queryRows<{ month: string; covered: number; contacts: number }>(
    db,
    sql`select to_char(s.contacted_on, 'YYYY-MM') as month, count(distinct s.local_government_code)::int as covered, count(*)::int as contacts
        from supervision_contacts s join ${implementingBodiesOf(fiscalYear)} b on b.code = s.local_government_code
        where s.prefecture_code = ${prefectureCode} and b.prefecture_code = ${prefectureCode} and ${withinFiscalYear("s.contacted_on", fiscalYear)}
        group by 1 order by 1`,
  );
  return { bodies: overall?.bodies ?? 0, covered: overall?.covered ?? 0, byForm, byMonth };
}

/** Coverage of the fiscal year for every prefecture side by side, and for the nation (prefectureCode null). */
export async function supervisionCoverageByPrefecture(db: Database, fiscalYear: number) {
  return queryRows<{ prefectureCode: string | null; bodies: number; covered: number; contacts: number }>(
    db,
    sql`with contacted as (
          select local_government_code, prefecture_code, count(*)::int as n from supervision_contacts
          where ${withinFiscalYear("contacted_on", fiscalYear)}
          group by local_government_code, prefecture_code)
        select b.prefecture_code as "prefectureCode", count(*)::int as bodies, count(c.local_government_code)::int as covered, coalesce(sum(c.n), 0)::int as contacts
        from ${implementingBodiesOf(fiscalYear)} b
        left join contacted c on c.local_government_code = b.code and c.prefecture_code = b.prefecture_code
        group by grouping sets ((b.prefecture_code), ())
        order by b.prefecture_code nulls first`,
  );
}

/** Fiscal years with at least one contact anywhere, newest first. */
export async function supervisionFiscalYears(db: Database): Promise<number[]> {
  const rows = await queryRows<{ fiscal_year: number }>(
    db,
    sql`select distinct ${fiscalYearOfDateSql("contacted_on")} as fiscal_year from supervision_contacts order by 1 desc`,
  );
  return rows.map((r) => Number(r.fiscal_year));
}

/** Implementing bodies with no contact in the `months` months up to `asOf`, the longest without first. */
export async function bodiesWithoutContact(db: Database, prefectureCode: string, fiscalYear: number, asOf: string, months: number) {
  return queryRows<{ code: string; name: string; lastContact: string | null }>(
    db,
    sql`select b.code, b.name, (select max(s.contacted_on)::text from supervision_contacts s
                                where s.local_government_code = b.code and s.contacted_on <= ${asOf}::date) as "lastContact"
        from ${implementingBodiesOf(fiscalYear)} b
        where b.prefecture_code = ${prefectureCode}
          and not exists (select 1 from supervision_contacts s where s.local_government_code = b.code
                            and s.contacted_on > ${asOf}::date - make_interval(months => ${months}) and s.contacted_on <= ${asOf}::date)
        order by "lastContact" nulls first, b.code`,
  );
}

export const duplicateContact = "同じ自治体・実施日・形態・内容の記録がすでにあります";

/**
 * Inserts (no id) or updates a contact, inside the caller's transaction; returns its id and the values
 * written. Writes are scoped to the prefecture: the body must be one of its implementing bodies, the
 * record its own. The same body, date, form and content twice is a DuplicateRecordError (or, for two
 * saves at the same moment, a unique violation).
 */
export async function writeSupervisionContact(tx: Database, actor: PrefectureActor, input: SupervisionContactInput, id?: number) {
  await assertImplementingBodiesOf(tx, actor.prefectureCode, [input.localGovernmentCode], "対象自治体はこの都道府県の実施主体から選んでください");
  const [same] = await queryRows<{ id: number }>(
    tx,
    sql`select id from supervision_contacts where local_government_code = ${input.localGovernmentCode} and contacted_on = ${input.contactedOn}::date
          and form = ${input.form} and content = ${input.content} and id <> ${id ?? 0}`,
  );
  if (same) throw new DuplicateRecordError(duplicateContact);
  const values = { ...input, prefectureCode: actor.prefectureCode };
  let savedId: number;
  if (id === undefined) {
    const [row] = await tx.insert(supervisionContacts).values({ ...values, createdBy: actor.userId }).returning({ id: supervisionContacts.id });
    savedId = row!.id;
  } else {
    const [row] = await tx
      .update(supervisionContacts)
      .set({ ...values, updatedAt: sql`now()`, uploadId: null })
      .where(and(eq(supervisionContacts.id, id), eq(supervisionContacts.prefectureCode, actor.prefectureCode)))
      .returning({ id: supervisionContacts.id });
    if (!row) throw new PrefectureScopeError("この記録は見つからないか、この都道府県の記録ではありません");
    savedId = row.id;
  }
  return { id: savedId, values };
}

/** Deletes one of the prefecture's contacts; returns the row deleted. */
export async function deleteSupervisionContactRow(db: Database, prefectureCode: string, id: number) {
  const [row] = await db
    .delete(supervisionContacts)
    .where(and(eq(supervisionContacts.id, id), eq(supervisionContacts.prefectureCode, prefectureCode)))
    .returning();
  if (!row) throw new PrefectureScopeError("この記録は見つからないか、この都道府県の記録ではありません");
  return row;
}
