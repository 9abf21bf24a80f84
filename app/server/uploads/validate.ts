import { normalizeHeader } from "../../domain/csv/decode";
import type { CsvRecord } from "../../domain/csv/records";
import { fastPathOf, isTotalsLabel, normalizeCell } from "../../domain/datasets/cells";
import { exampleColumn, exampleRowMessage, isExampleHeader } from "../../domain/datasets/template";
import type { ColumnSpec, DatasetDefinition, DatasetRecord, ResolvedBody } from "../../domain/datasets/types";
import { findPrefectureByCode } from "../../domain/prefectures";
import { checkPeriod, checkRowRules } from "../../domain/validation-rules";
import type { UserRole } from "../../domain/vocabulary";
import type { BodyResolver } from "./body-resolver";

/** A problem as users read it: 行・列・値・理由. Line 1 is the header row. */
export type Issue = { line: number; column: string; value: string; reason: string };

export type UploadScope = { role: UserRole; prefectureCode: string | null; localGovernmentCode: string | null };

export type HeaderMap = {
  indexOf: Map<string, number>;
  headerOf: Map<string, string>;
  ignored: string[];
  /** values of optional columns the file does not have (what a blank cell means), parsed once */
  absent: Map<string, unknown>;
  /** the header's cells (a row may have no more), and how many a row must have: up to the last non-blank one */
  names: string[];
  width: number;
  /** the template's 「例」 column, marking example rows */
  exampleIndex: number | null;
};

/** Maps the file's header row onto the dataset's columns; a missing column is a file error. */
export function mapHeader(definition: DatasetDefinition, header: string[]): { map: HeaderMap } | { errors: Issue[] } {
  const normalized = header.map(normalizeHeader);
  const indexOf = new Map<string, number>();
  const headerOf = new Map<string, string>();
  const used = new Set<number>();
  for (const column of definition.columns) {
    const names = [column.header, ...column.aliases].map(normalizeHeader);
    const i = normalized.findIndex((h, idx) => !used.has(idx) && names.includes(h));
    if (i >= 0) {
      indexOf.set(column.key, i);
      headerOf.set(column.key, header[i]!.trim());
      used.add(i);
    }
  }
  const missing: ColumnSpec[] = definition.columns.filter((c) => c.required && !indexOf.has(c.key));
  const errors: Issue[] = missing.map((c) => ({
    line: 1,
    column: c.header,
    value: header.join(",").slice(0, 200),
    reason: `見出し行に「${c.header}」の列がありません${c.aliases.length ? `（別名: ${c.aliases.slice(0, 3).join("、")}）` : ""}`,
  }));
  const needsBody = ["implementing_body", "municipality", "local_government"].includes(definition.bodyMode);
  if (needsBody && !indexOf.has("bodyCode") && !(indexOf.has("prefectureName") && indexOf.has("municipalityName"))) {
    errors.push({
      line: 1,
      column: "自治体コード",
      value: header.join(",").slice(0, 200),
      reason: "見出し行に「自治体コード」、または「都道府県名」と「市区町村名」の列が必要です",
    });
  }
  for (const alternatives of definition.columnAlternatives ?? []) {
    if (!alternatives.anyOf.some((keys) => keys.every((key) => indexOf.has(key)))) {
      errors.push({ line: 1, column: alternatives.header, value: header.join(",").slice(0, 200), reason: alternatives.message });
    }
  }
  if (errors.length > 0) return { errors };
  const exampleIndex = header.findIndex((h, i) => !used.has(i) && isExampleHeader(h));
  if (exampleIndex >= 0) used.add(exampleIndex);
  const ignored = header.filter((h, i) => !used.has(i) && h.trim() !== "");
  const absent = new Map<string, unknown>();
  for (const c of definition.columns) if (!c.required && !indexOf.has(c.key)) absent.set(c.key, c.cell.safeParse("").data ?? null);
  let width = header.length;
  while (width > 0 && header[width - 1]!.trim() === "") width--;
  return { map: { indexOf, headerOf, ignored, absent, names: header.map((h) => h.trim()), width, exampleIndex: exampleIndex >= 0 ? exampleIndex : null } };
}

function columnName(header: HeaderMap, index: number): string {
  return header.names[index] || `${index + 1}列目`;
}

/**
 * What makes a record unreadable as a row of the table, before its cells are read: a quote that never
 * closes (the rest of the file fell into one cell) or closes before other text, a totals row, a
 * workbook cell of an imported column that holds no value (an error value, a formula never calculated), or a
 * number of cells that does not fit the header. Excel writes every row, the header included, as wide
 * as its used range, so blank cells after the header's last title are tolerated up to the header's
 * own number of cells; fewer cells than titles, or more cells than the header has, are refused even
 * when blank, since a lost or an unquoted 「,」 (1,234) shifts every later value into the wrong column.
 */
export function checkRecord(header: HeaderMap, record: CsvRecord): Issue | null {
  const { cells, line } = record;
  const quote = record.quoteError;
  if (quote) {
    const column = columnName(header, quote.cell);
    const value = (cells[quote.cell] ?? "").slice(0, 200);
    return quote.kind === "unclosed"
      ? { line: quote.line, column, value, reason: "引用符（\"）が閉じられていないため、この行から最後の行までが1つの値として読まれます。引用符を閉じるか削除してください" }
      : { line: quote.line, column, value, reason: "引用符（\"）で囲んだ値の後に文字があります。値全体を引用符で囲み、値の中の引用符は「\"\"」と2つ重ねてください" };
  }
  for (let i = 0; i < cells.length; i++) {
    if (isTotalsLabel(cells[i]!)) {
      return { line, column: columnName(header, i), value: cells[i]!.slice(0, 200), reason: "合計行は取り込めません。合計・小計の行を削除してください" };
    }
  }
  if (record.cellErrors) {
    const mapped = new Set(header.indexOf.values());
    const found = record.cellErrors.find((e) => mapped.has(e.cell));
    if (found) return { line, column: columnName(header, found.cell), value: found.value.slice(0, 200), reason: found.reason };
  }
  const value = () => cells.join(",").slice(0, 200);
  if (cells.length < header.width) {
    return {
      line,
      column: columnName(header, cells.length),
      value: value(),
      reason: `列が足りません（見出しは${header.width}列、この行は${cells.length}列）。区切りの「,」が抜けていないか確かめてください`,
    };
  }
  if (cells.length > header.names.length) {
    return {
      line,
      column: columnName(header, header.names.length),
      value: value(),
      reason: `列が多すぎます（見出しは${header.names.length}列、この行は${cells.length}列）。「,」を含む値（1,234 など）は値全体を「"」で囲むか、「,」を除いてください`,
    };
  }
  return null;
}

/** The row's problem if the template's 「例」 column marks it as an example row. */
export function exampleRowIssue(header: HeaderMap, cells: string[], line: number): Issue | null {
  if (header.exampleIndex === null) return null;
  const mark = normalizeCell(cells[header.exampleIndex] ?? "");
  return mark === "" ? null : { line, column: exampleColumn.header, value: mark.slice(0, 200), reason: exampleRowMessage };
}

/** Whether a data row (the index-th, from 0) holds exactly the template's example row of that place. */
export function equalsTemplateRow(definition: DatasetDefinition, header: HeaderMap, cells: string[], index: number): boolean {
  const example = definition.templateRows[index];
  if (!example) return false;
  return definition.columns.every((c, i) => normalizeCell(cellOf(header, cells, c.key)) === normalizeCell(example[i] ?? ""));
}

function cellOf(header: HeaderMap, cells: string[], key: string): string {
  const i = header.indexOf.get(key);
  return i === undefined ? "" : (cells[i] ?? "");
}

function issueAt(definition: DatasetDefinition, header: HeaderMap, cells: string[], line: number, key: string, reason: string): Issue {
  const column = header.headerOf.get(key) ?? definition.columns.find((c) => c.key === key)?.header ?? key;
  return { line, column, value: cellOf(header, cells, key).slice(0, 200), reason };
}

export type RowResult = { records: DatasetRecord[]; errors: Issue[]; warnings: Issue[]; body: ResolvedBody | null };

function outOfScope(scope: UploadScope, body: ResolvedBody): string | null {
  if (scope.role === "mhlw") return null;
  if (scope.role === "prefecture" && body.prefectureCode !== scope.prefectureCode) {
    return `権限の範囲外です（${findPrefectureByCode(scope.prefectureCode ?? "")?.name ?? ""}の自治体の行だけアップロードできます）`;
  }
  if (scope.role === "municipality" && body.code !== scope.localGovernmentCode) {
    return "権限の範囲外です（自分の自治体の行だけアップロードできます）";
  }
  return null;
}

/** Validates one data row: every cell, the body it names, the user's scope and cross-column rules. */
export function validateRow(
  definition: DatasetDefinition,
  header: HeaderMap,
  resolver: BodyResolver,
  scope: UploadScope,
  cells: string[],
  line: number,
  today: string,
): RowResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const raw = (key: string) => cellOf(header, cells, key);
  const issue = (key: string, reason: string) => issueAt(definition, header, cells, line, key, reason);

  const values: Record<string, unknown> = {};
  for (const column of definition.columns) {
    if (column.key === "bodyCode" || column.key === "prefectureName" || column.key === "municipalityName") continue;
    if (!header.indexOf.has(column.key)) {
      if (header.absent.has(column.key)) values[column.key] = header.absent.get(column.key);
      continue;
    }
    const cell = cellOf(header, cells, column.key);
    const quick = fastPathOf(column.cell)?.(cell);
    if (quick !== undefined) {
      values[column.key] = quick;
      continue;
    }
    const parsed = column.cell.safeParse(cell);
    if (parsed.success) values[column.key] = parsed.data;
    else errors.push(issue(column.key, parsed.error.issues[0]?.message ?? "値が正しくありません"));
  }
  if (errors.length === 0) {
    const checked = checkRowRules(definition.id, values);
    for (const e of checked.errors) errors.push(issue(e.column, e.message));
    for (const w of checked.warnings) warnings.push(issue(w.column, w.message));
    const future = checked.errors.length === 0 ? checkPeriod(definition.id, values, today) : null;
    if (future) errors.push(issue(future.column, future.message));
  }
  const date = (errors.length === 0 ? definition.referenceDate(values) : null) ?? today;

  let body: ResolvedBody | null = null;
  const mode = definition.bodyMode;
  if (mode === "prefecture" || mode === "supervision") {
    const prefecture = resolver.resolvePrefecture(raw("prefecture"), "prefecture");
    if ("error" in prefecture) errors.push(issue("prefecture", prefecture.error.message));
    else if (mode === "prefecture") {
      body = { code: "", prefectureCode: prefecture.prefectureCode, name: findPrefectureByCode(prefecture.prefectureCode)!.name, kind: "prefecture" };
    } else {
      const target = resolver.resolveWithinPrefecture(prefecture.prefectureCode, raw("target"), date, "target");
      if ("error" in target) errors.push(issue("target", target.error.message));
      else body = target.body;
    }
  } else if (mode !== "none") {
    const resolution = resolver.resolve(
      { bodyCode: raw("bodyCode"), prefectureName: raw("prefectureName"), municipalityName: raw("municipalityName") },
      mode,
      date,
    );
    if ("error" in resolution) errors.push(issue(resolution.error.column, resolution.error.message));
    else {
      body = resolution.body;
      for (const w of resolution.warnings) warnings.push(issue(w.column, w.message));
    }
  }
  if (body) {
    const reason = outOfScope(scope, body);
    if (reason) {
      const scopeColumn = mode === "prefecture" ? "prefecture" : mode === "supervision" ? "target" : header.indexOf.has("bodyCode") && normalizeCell(raw("bodyCode")) !== "" ? "bodyCode" : "municipalityName";
      errors.push(issue(scopeColumn, reason));
    }
  }
  if (mode === "none" && scope.role !== "mhlw") errors.push(issue(definition.columns[0]!.key, "このデータは厚生労働省だけが登録できます"));
  if (errors.length > 0) return { records: [], errors, warnings, body };
  return { records: definition.toRecords(values, body), errors, warnings, body };
}

/** Rows whose cells are all blank are skipped, as Excel leaves them at the end of exports. */
export function isBlankRow(cells: string[]): boolean {
  for (const c of cells) if (!/^[\s\u3000\u200b\ufeff]*$/.test(c)) return false;
  return true;
}
