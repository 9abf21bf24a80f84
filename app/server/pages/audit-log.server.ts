import { z } from "zod";
import type { Database } from "../../../db";
import { auditBodyNames, listAuditEntries, newestAuditId } from "../../../db/queries/audit";
import { auditCategories, auditCategoryIds, isAuditAction } from "~/server/audit/labels";
import { auditBodyCodes, auditEntryText, describeAuditEntry, type DescribedAuditEntry } from "~/server/audit/entry";
import { requireAdministratorPage } from "~/server/auth/page-guards.server";
import { csvLine } from "~/server/csv/write";
import { filterDate, parseQuery } from "~/server/pages/query-params";
import type { DateStyle } from "~/domain/format";

const query = z.object({
  category: z.enum(auditCategoryIds as [string, ...string[]]).optional().catch(undefined),
  action: z
    .string()
    .refine(isAuditAction)
    .optional()
    .catch(undefined),
  loginId: z.string().trim().max(64).optional().catch(undefined),
  from: filterDate,
  to: filterDate,
});
export type AuditQuery = z.infer<typeof query>;

/** The reader of the log (MHLW everything, a prefecture what its officials and its municipalities' accounts did) and the filters of the request. */
export async function auditRequest(request: Request) {
  const { user, scope } = await requireAdministratorPage(request, "操作履歴を見る権限がありません");
  // the page and its CSV write dates in the reader's 西暦／和暦
  return { user, query: parseQuery(query, request), scope: { ...scope, dateStyle: user.dateStyle } };
}

export async function describedAuditEntries(
  db: Database,
  scope: { prefectureCode: string | null; dateStyle?: DateStyle },
  q: AuditQuery,
  limit: number,
  offset = 0,
  untilId?: number,
): Promise<DescribedAuditEntry[]> {
  const rows = await listAuditEntries(
    db,
    scope,
    {
      prefixes: q.category ? auditCategories[q.category as keyof typeof auditCategories].prefixes : undefined,
      action: q.action,
      loginId: q.loginId || undefined,
      from: q.from,
      to: q.to,
      untilId,
    },
    limit,
    offset,
  );
  const bodies = await auditBodyNames(db, auditBodyCodes(rows));
  return rows.map((r) => describeAuditEntry(r, { bodies, dateStyle: scope.dateStyle }));
}

export const auditCsvHeader = csvLine(["日時（日本時間）", "利用者", "ログインID", "操作", "内容", "接続元"]);

export function auditCsvLine(e: DescribedAuditEntry): string {
  return csvLine([e.time, e.userName, e.loginId ?? "", e.actionLabel, auditEntryText(e.sentence), e.client]);
}

/**
 * The CSV text of the filtered log, header first, a page of entries at a time; entries written while
 * it is read (new ones come first) are left out, so no page repeats a row of the one before.
 */
export async function* auditCsvChunks(db: Database, scope: { prefectureCode: string | null; dateStyle?: DateStyle }, q: AuditQuery, pageSize = 2000): AsyncGenerator<string> {
  const untilId = await newestAuditId(db);
  yield auditCsvHeader;
  for (let offset = 0; ; offset += pageSize) {
    const entries = await describedAuditEntries(db, scope, q, pageSize, offset, untilId);
    if (entries.length > 0) yield entries.map(auditCsvLine).join("");
    if (entries.length < pageSize) return;
  }
}
