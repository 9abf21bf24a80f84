import { sql, type SQL } from "drizzle-orm";
import { fiscalYearStart } from "~/lib/fiscal-year";

/**
 * The implementing bodies (福祉事務所設置自治体, prefectures included) of a fiscal year, as a SQL
 * subquery with columns code, prefecture_code, kind, name.
 *
 * A body counts in a fiscal year if it exists on 1 April of that year, the reference date of
 * MHLW's surveys: a merger during the year therefore counts each real body once (the old ones
 * that year, the successor from the next). Wards of designated cities are never implementing bodies.
 */
export function implementingBodiesOf(fiscalYear: number): SQL {
  const referenceDate = fiscalYearStart(fiscalYear);
  return sql`(
    select lg.code, lg.prefecture_code, lg.kind, lg.name
    from local_governments lg
    where lg.has_welfare_office
      and lg.kind <> 'ward'
      and lg.valid_from <= ${referenceDate}::date
      and (lg.valid_to is null or lg.valid_to > ${referenceDate}::date)
  )`;
}
