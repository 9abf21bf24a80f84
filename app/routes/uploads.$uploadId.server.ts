import type { Database } from "../../db";
import {
  bodyNames,
  findEarlierSameFile,
  getUpload,
  listCommittedChanges,
  listInsertedRows,
  listIssues,
  listStagedChanges,
  uploadResultScope,
  valueColumnNames,
} from "../../db/queries/uploads";
import { datasets, isDatasetId } from "~/domain/datasets";
import { describeRowKey, formatStoredValue, storedColumnLabels } from "~/domain/datasets/present";

const changeLimit = 200;

type ChangeRow = { line: number | null; target: string; column: string; before: string; after: string };

function describeChanges(
  key: Record<string, unknown>,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  names: Record<string, string>,
  line: number | null,
  order: readonly string[],
): ChangeRow[] {
  const target = describeRowKey(key, names);
  return order
    .filter((column) => column in after)
    .filter((column) => column !== "fiscal_year" || before !== null)
    .filter((column) => before === null || JSON.stringify(before[column]) !== JSON.stringify(after[column]))
    .map((column) => ({
      line,
      target,
      column: storedColumnLabels[column] ?? column,
      before: before === null ? "（新規）" : formatStoredValue(column, before[column]),
      after: formatStoredValue(column, after[column]),
    }));
}

export async function loadUploadDetail(db: Database, uploadId: number) {
  const upload = await getUpload(db, uploadId);
  if (!upload || !isDatasetId(upload.dataset)) return null;
  const d = datasets[upload.dataset];
  const [errors, warnings, sameFile] = await Promise.all([
    listIssues(db, uploadId, "error", 500),
    listIssues(db, uploadId, "warning", 200),
    upload.sha256 ? findEarlierSameFile(db, upload) : Promise.resolve(null),
  ]);
  const order = valueColumnNames(d);
  let changes: ChangeRow[] = [];
  if (upload.status === "previewed") {
    const staged = await listStagedChanges(db, uploadId, d, changeLimit);
    const names = await bodyNames(db, staged.map((c) => String(c.rowKey.local_government_code ?? "")).filter(Boolean));
    changes = staged.flatMap((c) => describeChanges(c.rowKey, c.existing, c.rowValues, names, c.line, order));
  } else if (upload.status === "committed" || upload.status === "reverted") {
    // Replaced rows are in the history; added rows only carry the upload's id (gone once reverted).
    const [replaced, inserted] = await Promise.all([
      listCommittedChanges(db, uploadId, changeLimit),
      upload.status === "committed" ? listInsertedRows(db, uploadId, d, changeLimit) : Promise.resolve([]),
    ]);
    const committed = [...inserted.map((r) => ({ ...r, previous: null })), ...replaced];
    const names = await bodyNames(db, committed.map((c) => String(c.rowKey.local_government_code ?? "")).filter(Boolean));
    changes = committed.flatMap((c) => {
      const previous = c.previous ? Object.fromEntries(Object.entries(c.previous).filter(([k]) => k !== "__upload_id")) : null;
      return describeChanges(c.rowKey, previous, c.next, names, null, order);
    });
  }
  let resultLink: string | null = null;
  if (upload.status === "committed") {
    // The data page filtered to the upload's body and fiscal year when it has just one of each.
    const scope = await uploadResultScope(db, uploadId, d);
    const query = new URLSearchParams();
    if (scope.bodyCodes.length === 1) query.set("body", scope.bodyCodes[0]!);
    if (scope.fiscalYears.length === 1) query.set("fy", String(scope.fiscalYears[0]));
    resultLink = `/datasets/${d.id}${query.size > 0 ? `?${query}` : ""}`;
  }
  return {
    upload: { ...upload, datasetLabel: d.label },
    errors,
    warnings,
    sameFile,
    changes,
    changesTruncated: changes.length >= changeLimit,
    resultLink,
  };
}
