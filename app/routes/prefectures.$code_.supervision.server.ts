import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { bodiesWithoutContact, listSupervisionContacts, supervisionCoverage } from "../../db/queries/supervision";
import { implementingBodiesOf } from "../../db/queries/implementing-bodies";
import { queryRows, sql } from "../../db/client";
import { supervisionForms } from "~/lib/domain";
import { fiscalYearOfDate } from "~/lib/fiscal-year";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const supervisionQuery = z.object({
  fy: z.coerce.number().int().min(2015).max(2100).optional().catch(undefined),
  body: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  form: z.enum(supervisionForms).optional().catch(undefined),
  from: date.optional().catch(undefined),
  to: date.optional().catch(undefined),
  months: z.coerce.number().int().min(1).max(36).default(6).catch(6),
  edit: z.coerce.number().int().optional().catch(undefined),
});

export async function loadSupervision(db: Database, prefectureCode: string, query: z.infer<typeof supervisionQuery>, today: string) {
  const prefecture = (await listPrefectures(db)).find((p) => p.code === prefectureCode);
  if (!prefecture) return null;
  const fiscalYear = query.fy ?? fiscalYearOfDate(today);
  const fyEnd = `${fiscalYear + 1}-03-31`;
  const asOf = fyEnd < today ? fyEnd : today;
  const [contacts, coverage, without, bodies] = await Promise.all([
    listSupervisionContacts(db, prefectureCode, { bodyCode: query.body, form: query.form, from: query.from, to: query.to }),
    supervisionCoverage(db, prefectureCode, fiscalYear),
    bodiesWithoutContact(db, prefectureCode, fiscalYear, asOf, query.months),
    queryRows<{ code: string; name: string; kind: string }>(
      db,
      sql`select code, name, kind from ${implementingBodiesOf(fiscalYear)} b where b.prefecture_code = ${prefectureCode}
          order by case when kind = 'prefecture' then 0 else 1 end, code`,
    ),
  ]);
  return { prefecture, fiscalYear, asOf, contacts, coverage, without, bodies, query };
}
