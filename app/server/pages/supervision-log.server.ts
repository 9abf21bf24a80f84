import { z } from "zod";
import type { Database } from "../../../db";
import { listImplementingBodies } from "../../../db/queries/implementing-bodies";
import { recordsUpdatedAt } from "../../../db/queries/meta";
import {
  bodiesWithoutContact,
  countSupervisionContacts,
  getSupervisionContact,
  listSupervisionContacts,
  supervisionCoverage,
  supervisionFiscalYears,
} from "../../../db/queries/supervision";
import { supervisionFormLabels, supervisionForms, type SupervisionForm } from "~/domain/vocabulary";
import { csvLine } from "~/domain/csv/format";
import { fiscalYearEnd } from "~/domain/fiscal-year";
import { savedFlag, savedMessages } from "~/domain/forms/form-fields";
import { bodyCode, filterDate, fiscalYearParam, pageNumber, rowId } from "~/server/pages/query-params";
import { chooseFiscalYear, periodOf } from "./fiscal-year-policy";

export const supervisionQuery = z.object({
  fy: fiscalYearParam,
  body: bodyCode.optional().catch(undefined),
  form: z.enum(supervisionForms).optional().catch(undefined),
  from: filterDate,
  to: filterDate,
  months: z.coerce.number().int().min(1).max(36).default(6).catch(6),
  edit: rowId.optional().catch(undefined),
  confirm: rowId.optional().catch(undefined),
  page: pageNumber,
  saved: savedFlag,
});

/** The filtered log as CSV, every page of it: the download of the log is the log, not the page on screen. */
export async function supervisionLogCsv(db: Database, prefectureCode: string, query: z.infer<typeof supervisionQuery>): Promise<string> {
  const filter = { bodyCode: query.body, form: query.form, from: query.from, to: query.to };
  const total = await countSupervisionContacts(db, prefectureCode, filter);
  const rows = await listSupervisionContacts(db, prefectureCode, filter, { limit: Math.max(total, 1), offset: 0 });
  return (
    csvLine(["実施日", "自治体コード", "対象自治体", "形態", "内容", "対応者"]) +
    rows.map((c) => csvLine([c.contactedOn, c.code, c.name, supervisionFormLabels[c.form as SupervisionForm] ?? c.form, c.content, c.responder])).join("")
  );
}

/** The log's filter as the query of its CSV download. */
export function supervisionLogDownloadHref(prefectureCode: string, query: z.infer<typeof supervisionQuery>): string {
  const params = new URLSearchParams();
  for (const key of ["body", "form", "from", "to"] as const) if (query[key]) params.set(key, String(query[key]));
  return `/prefectures/${prefectureCode}/supervision/download${params.size > 0 ? `?${params}` : ""}`;
}

/** The log is long (years of contacts): it is paged, the filter staying in the URL. */
export const contactsPerPage = 50;

export async function loadSupervision(db: Database, prefectureCode: string, query: z.infer<typeof supervisionQuery>, today: string) {
  const choice = chooseFiscalYear({ kind: "records", yearsWithData: await supervisionFiscalYears(db) }, query.fy, today);
  const { fiscalYear, fiscalYears } = choice;
  const fyEnd = fiscalYearEnd(fiscalYear);
  const asOf = fyEnd < today ? fyEnd : today;
  const filter = { bodyCode: query.body, form: query.form, from: query.from, to: query.to };
  const total = await countSupervisionContacts(db, prefectureCode, filter);
  const pages = Math.max(1, Math.ceil(total / contactsPerPage));
  const page = Math.min(query.page, pages);
  const [contacts, coverage, without, bodies, dataDate, editing, confirming] = await Promise.all([
    listSupervisionContacts(db, prefectureCode, filter, { limit: contactsPerPage, offset: (page - 1) * contactsPerPage }),
    supervisionCoverage(db, prefectureCode, fiscalYear),
    bodiesWithoutContact(db, prefectureCode, fiscalYear, asOf, query.months),
    listImplementingBodies(db, fiscalYear, prefectureCode),
    recordsUpdatedAt(db, "supervision_contacts", prefectureCode),
    query.edit ? getSupervisionContact(db, prefectureCode, query.edit) : null,
    query.confirm ? getSupervisionContact(db, prefectureCode, query.confirm) : null,
  ]);
  return {
    fiscalYear,
    fiscalYears,
    period: periodOf(choice, today),
    asOf,
    contacts,
    paging: { page, pages, total, perPage: contactsPerPage },
    downloadHref: supervisionLogDownloadHref(prefectureCode, query),
    coverage,
    without,
    bodies,
    dataDate,
    query,
    editing,
    confirming,
    savedMessage: query.saved ? savedMessages[query.saved] : undefined,
  };
}
