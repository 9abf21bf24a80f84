import { normalizeHeader } from "../../domain/csv/decode";
import { fastPathOf, normalizeCell } from "../../domain/datasets/cells";
import type { ColumnSpec, DatasetDefinition, DatasetRecord, ResolvedBody, RowIssue } from "../../domain/datasets/types";
import { findPrefectureByCode } from "../../domain/prefectures";
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
  const ignored = header.filter((h, i) => !used.has(i) && h.trim() !== "");
  const absent = new Map<string, unknown>();
  for (const c of definition.columns) if (!c.required && !indexOf.has(c.key)) absent.set(c.key, c.cell.safeParse("").data ?? null);
  return { map: { indexOf, headerOf, ignored, absent } };
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
  if (errors.length === 0 && definition.checkRow) {
    const checked = definition.checkRow(values);
    errors.push(...checked.errors.map((e: RowIssue) => issue(e.column, e.message)));
    warnings.push(...checked.warnings.map((w: RowIssue) => issue(w.column, w.message)));
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
      warnings.push(...resolution.warnings.map((w) => issue(w.column, w.message)));
    }
  }
  if (body) {
    const reason = outOfScope(scope, body);
    const scopeColumn = mode === "prefecture" ? "prefecture" : mode === "supervision" ? "target" : header.indexOf.has("bodyCode") && normalizeCell(raw("bodyCode")) !== "" ? "bodyCode" : "municipalityName";
    if (reason) errors.push(issue(scopeColumn, reason));
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
