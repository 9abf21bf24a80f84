import { sql } from "drizzle-orm";
import { queryRows, type Database } from "../client";
import { sqlIn, sqlTextArray } from "./fragments";
import { isImplementingBodyEver } from "./implementing-bodies";

// Users' named lists of implementing bodies (ADR 025). Scope is checked by the caller (access.ts).

export type BodyListMember = { code: string; name: string; kind: string; prefectureCode: string; prefectureName: string };
export type BodyList = { id: number; ownerId: number; ownerName: string; name: string; updatedAt: string; members: BodyListMember[] };

const memberColumns = sql`lg.code, lg.name, lg.kind, lg.prefecture_code as "prefectureCode", p.name as "prefectureName"`;

/** The lists a user owns, with how many bodies each holds, by name. */
export async function bodyListsOfOwner(db: Database, ownerId: number) {
  return queryRows<{ id: number; name: string; members: number; updatedAt: string }>(
    db,
    sql`select l.id, l.name, count(m.local_government_code)::int as members, l.updated_at::text as "updatedAt"
        from body_lists l left join body_list_members m on m.list_id = l.id
        where l.owner_id = ${ownerId} group by l.id order by l.name, l.id`,
  );
}

/** Whether the user has saved any list (the render cache keeps the pages showing them per user, ADR 031). */
export async function ownsBodyLists(db: Database, ownerId: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(db, sql`select 1 as one from body_lists where owner_id = ${ownerId} limit 1`);
  return rows.length > 0;
}

/** One list with its members (prefecture order, then code); null when there is none. */
export async function getBodyList(db: Database, id: number): Promise<BodyList | null> {
  const [list] = await queryRows<Omit<BodyList, "members">>(
    db,
    sql`select l.id, l.owner_id as "ownerId", u.display_name as "ownerName", l.name, l.updated_at::text as "updatedAt"
        from body_lists l join users u on u.id = l.owner_id where l.id = ${id}`,
  );
  if (!list) return null;
  const members = await queryRows<BodyListMember>(
    db,
    sql`select ${memberColumns} from body_list_members m
        join local_governments lg on lg.code = m.local_government_code join prefectures p on p.code = lg.prefecture_code
        where m.list_id = ${id} order by lg.prefecture_code, case when lg.kind = 'prefecture' then 0 else 1 end, lg.code`,
  );
  return { ...list, members };
}

/** The bodies of the given codes that are (or were) implementing bodies: what a list may hold. */
export async function implementingBodiesByCode(db: Database, codes: readonly string[]): Promise<BodyListMember[]> {
  if (codes.length === 0) return [];
  return queryRows<BodyListMember>(
    db,
    sql`select ${memberColumns} from local_governments lg join prefectures p on p.code = lg.prefecture_code
        where ${sqlIn("lg.code", codes)} and ${isImplementingBodyEver("lg")}`,
  );
}

export async function insertBodyList(tx: Database, ownerId: number, name: string, codes: readonly string[]): Promise<number> {
  const [row] = await queryRows<{ id: number }>(tx, sql`insert into body_lists (owner_id, name) values (${ownerId}, ${name}) returning id`);
  await replaceMembers(tx, row!.id, codes);
  return row!.id;
}

export async function updateBodyList(tx: Database, id: number, name: string, codes: readonly string[]): Promise<void> {
  await tx.execute(sql`update body_lists set name = ${name}, updated_at = now() where id = ${id}`);
  await replaceMembers(tx, id, codes);
}

async function replaceMembers(tx: Database, id: number, codes: readonly string[]): Promise<void> {
  await tx.execute(sql`delete from body_list_members where list_id = ${id}`);
  if (codes.length > 0) {
    await tx.execute(
      sql`insert into body_list_members (list_id, local_government_code)
          select ${id}, code from unnest(${sqlTextArray(codes)}) as code`,
    );
  }
}

export async function deleteBodyList(tx: Database, id: number): Promise<void> {
  await tx.execute(sql`delete from body_lists where id = ${id}`);
}
