import { z, type ZodType, type ZodTypeDef } from "zod";
import { datasetIds } from "~/domain/datasets";

/** The query string of a request as an object (a repeated parameter keeps its last value). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** The query of a page parsed by its schema, whose fields fall back so that a stray value never fails the page. */
export function parseQuery<T>(schema: ZodType<T, ZodTypeDef, unknown>, request: Request): T {
  return schema.parse(queryOf(request));
}

/**
 * Numbers and dates from URLs and forms, bounded to what the database can hold: a larger id or an
 * impossible date would make the query itself fail (a 500) instead of finding nothing.
 */
export const maxRowId = 2_147_483_647;

/** A serial id (PostgreSQL integer). */
export const rowId = z.coerce.number().int().positive().max(maxRowId);

/** A page number of a paged list; pages past the end are clamped by the page itself. */
export const pageNumber = z.coerce.number().int().min(1).max(maxRowId).default(1).catch(1);

/**
 * ?fy= of every page: a fiscal year from the law's first (2015) to 2100, anything else no year at all.
 * Which years a page shows is the fiscal-year policy's (fiscal-year-policy.ts).
 */
export const fiscalYearParam = z.coerce.number().int().min(2015).max(2100).optional().catch(undefined);

/** A fiscal year filtering a dataset's rows (?fy= of /datasets/:dataset and its download): what the columns can hold. */
export const datasetFiscalYear = z.coerce.number().int().min(2000).max(2100);

/** A prefecture code (01–47) and a six-digit local government code, as in URLs. */
export const prefectureCode = z.string().regex(/^\d{2}$/);
export const bodyCode = z.string().regex(/^\d{6}$/);
export const prefectureParams = z.object({ code: prefectureCode });
export const municipalityParams = z.object({ code: bodyCode });

/** A dataset in the URL (/datasets/:dataset). */
export const datasetParams = z.object({ dataset: z.enum(datasetIds) });

/** A month (2024-04), e.g. ?month= of the submissions page. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** ?from=2020-04&to=2022-03 — the month range of a trend, kept in the URL so links can be shared. */
export const monthRangeParams = z.object({
  from: yearMonth.optional().catch(undefined),
  to: yearMonth.optional().catch(undefined),
});

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  if (y < 1900) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function impossibleDateMessage(value: string): string {
  return `期間の日付「${value}」は存在しません。カレンダーにある日付を指定してください。`;
}

/**
 * A date of a page filter (?from=, ?to=): empty or not shaped like a date is no filter, as before;
 * shaped like one but not on the calendar (2024-02-30) refuses the page with 400 and says which date,
 * since quietly dropping it would show a list the reader did not ask for. The Response is thrown from
 * the transform because zod passes exceptions through, even through .catch().
 */
export const filterDate = z
  .string()
  .optional()
  .catch(undefined)
  .transform((value) => {
    const v = value?.trim();
    if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
    if (!isCalendarDate(v)) throw new Response(impossibleDateMessage(v), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    return v;
  });

/** `?list=` of the pages that take a named list of bodies as their comparator (ADR 025). */
export const comparatorQuery = z.object({ list: rowId.optional().catch(undefined) });
