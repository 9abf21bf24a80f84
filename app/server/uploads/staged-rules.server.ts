import type { Database } from "../../../db";
import { listStagedChangesOfConfirmedMonths, listStagedChangesOfFiscalYears, stagedFiscalYearTotalsExceeding } from "../../../db/queries/uploads";
import { confirmedMonthMessage } from "../../domain/review-states";
import type { DatasetDefinition } from "../../domain/datasets";
import {
  closedFiscalYearMessage,
  fiscalYearRuleColumns,
  fiscalYearRuleMessage,
  fiscalYearRules,
  lastLongClosedFiscalYear,
  periodRules,
  type PeriodContext,
} from "../../domain/validation-rules";
import type { StoredIssue } from "./validate-stream";

const storedLimit = 1000;

/**
 * The rules that need the stored data, asked once the file is staged (one query each per file, never
 * per row): changes to fiscal years closed long ago, and the fiscal-year totals of the monthly figures
 * with the body's months already stored. All are warnings; `count` is how many there are in all,
 * `closedFiscalYearChanges` how many of them need an explanation to be committed, `issues` the first of them to keep.
 */
export async function checkStagedRules(
  db: Database,
  uploadId: number,
  definition: DatasetDefinition,
  context: PeriodContext,
): Promise<{ issues: StoredIssue[]; count: number; closedFiscalYearChanges: number }> {
  const issues: StoredIssue[] = [];
  let count = 0;
  let closedFiscalYearChanges = 0;
  if ((periodRules.closedFiscalYear.datasets as readonly string[]).includes(definition.id)) {
    const closed = await listStagedChangesOfFiscalYears(db, uploadId, definition, lastLongClosedFiscalYear(context), storedLimit);
    count += closed.total;
    closedFiscalYearChanges = closed.total;
    for (const { line, fiscalYear } of closed.lines) {
      issues.push({ line, column: "年度", value: String(fiscalYear), reason: closedFiscalYearMessage(fiscalYear, context.closedFiscalYearMonths), severity: "warning" });
    }
  }
  for (const rule of fiscalYearRules) {
    if (rule.dataset !== definition.id) continue;
    const { part, whole } = fiscalYearRuleColumns(rule);
    const exceeding = await stagedFiscalYearTotalsExceeding(db, uploadId, part, whole);
    count += exceeding.length;
    const header = definition.columns.find((c) => c.key === rule.part)!.header;
    for (const e of exceeding.slice(0, storedLimit)) {
      issues.push({ line: e.line, column: header, value: `${e.localGovernmentCode} ${e.fiscalYear}年度`, reason: fiscalYearRuleMessage(rule, e.fiscalYear, e.part, e.whole), severity: rule.severity });
    }
  }
  return { issues, count, closedFiscalYearChanges };
}

/**
 * A municipality's staged monthly rows that would change a month its prefecture confirmed (ADR 022):
 * an error per row naming the month, so the preview cannot be confirmed. `count` is how many rows.
 */
export async function checkConfirmedMonths(db: Database, uploadId: number): Promise<{ issues: StoredIssue[]; count: number }> {
  const locked = await listStagedChangesOfConfirmedMonths(db, uploadId, storedLimit);
  const issues = locked.lines.map(
    ({ line, year, month }): StoredIssue => ({ line, column: "年月", value: `${year}-${String(month).padStart(2, "0")}`, reason: confirmedMonthMessage([{ year, month }]), severity: "error" }),
  );
  return { issues, count: locked.total };
}
