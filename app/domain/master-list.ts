import Papa from "papaparse";
import { coreCityCodes, designatedCityCodes, unadministeredVillageCodes } from "./city-designations";
import { decodeCsvBytes, normalizeHeader, type CsvEncoding } from "./csv/decode";
import { localGovernmentKinds, type LocalGovernmentKind } from "./vocabulary";
import { checkDigit, isValidLocalGovernmentCode } from "./local-government-code";
import { findPrefectureByName } from "./prefectures";

/** One row of the official list of local governments, checked and classified. */
export type MasterListEntry = {
  line: number;
  code: string;
  prefectureCode: string;
  name: string;
  kana: string;
  kind: LocalGovernmentKind;
  /** null: the file does not say (towns and villages keep what the database has). */
  hasWelfareOffice: boolean | null;
  parentName: string | null;
  population: number | null;
  /** false for the Northern Territories villages (coded, never counted). */
  administered: boolean;
};

export type MasterListError = { line: number; column: string; value: string; reason: string };

export class MasterListInvalidError extends Error {
  constructor(readonly errors: MasterListError[]) {
    super(
      `マスタの取込を中止しました（${errors.length}件のエラー、何も書き込んでいません）\n` +
        errors
          .slice(0, 20)
          .map((e) => `${e.line}行目 ${e.column}「${e.value}」: ${e.reason}`)
          .join("\n"),
    );
    this.name = "MasterListInvalidError";
  }
}

const columnAliases = {
  code: ["団体コード", "lgcode", "全国地方公共団体コード", "地方公共団体コード", "自治体コード", "code"],
  prefecture: ["都道府県名(漢字)", "都道府県名", "都道府県", "pref", "prefecture"],
  name: ["市区町村名(漢字)", "市区町村名", "団体名", "自治体名", "city", "name"],
  kana: ["市区町村名(カナ)", "市区町村名(かな)", "団体名(カナ)", "citykana", "kana", "ふりがな", "よみがな"],
  prefectureKana: ["都道府県名(カナ)", "都道府県名(かな)", "prefkana"],
  welfareOffice: ["福祉事務所設置", "福祉事務所", "welfare_office", "has_welfare_office"],
  kind: ["区分", "団体区分", "kind"],
  population: ["人口", "population"],
} as const;
type Column = keyof typeof columnAliases;

const columnLabels: Record<Column, string> = {
  code: "団体コード",
  prefecture: "都道府県名",
  name: "市区町村名",
  kana: "カナ",
  prefectureKana: "都道府県名（カナ）",
  welfareOffice: "福祉事務所設置",
  kind: "区分",
  population: "人口",
};

const kindByLabel: Record<string, LocalGovernmentKind> = {
  都道府県: "prefecture",
  政令指定都市: "designated_city",
  政令市: "designated_city",
  中核市: "core_city",
  市: "city",
  特別区: "special_ward",
  町: "town",
  村: "village",
  行政区: "ward",
};

function parseYesNo(value: string): boolean | null | "invalid" {
  const v = value.normalize("NFKC").trim().toLowerCase();
  if (v === "") return null;
  if (["有", "あり", "○", "1", "true", "yes", "設置"].includes(v)) return true;
  if (["無", "なし", "×", "0", "false", "no", "未設置", "-", "－"].includes(v)) return false;
  return "invalid";
}

export function classifyLocalGovernment(code: string, name: string): LocalGovernmentKind {
  if (code.slice(2, 5) === "000") return "prefecture";
  if (designatedCityCodes.has(code)) return "designated_city";
  if (coreCityCodes.has(code)) return "core_city";
  if (/\s/.test(name.trim()) || /^.+市.+区$/.test(name)) return "ward";
  if (code.startsWith("13") && name.endsWith("区")) return "special_ward";
  if (name.endsWith("市")) return "city";
  if (name.endsWith("村")) return "village";
  return "town";
}

/** Cities, special wards, designated and core cities and prefectures run welfare offices; wards and unadministered villages never do. */
export function defaultWelfareOffice(kind: LocalGovernmentKind, code = ""): boolean | null {
  if (kind === "ward" || unadministeredVillageCodes.has(code)) return false;
  if (kind === "town" || kind === "village") return null;
  return true;
}

function toHalfWidthDigits(value: string): string {
  return value.normalize("NFKC").replace(/[,\s]/g, "");
}

/** A row of the list as read from its file, with the file's line (a CSV) or row number (a workbook). */
export type MasterListRow = { line: number; cells: string[] };

function columnIndexes(header: string[]): Record<Column, number> {
  const normalized = header.map(normalizeHeader);
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(columnAliases) as Column[]) {
    index[column] = columnAliases[column].map((a) => normalized.indexOf(normalizeHeader(a))).find((i) => i >= 0) ?? -1;
  }
  return index;
}

/** Whether a row is the list's header: it names the code, prefecture and name columns (a workbook may have a title above it). */
export function isMasterListHeader(cells: string[]): boolean {
  const index = columnIndexes(cells);
  return index.code >= 0 && index.prefecture >= 0 && index.name >= 0;
}

/**
 * Reads the official list in the common open-data layout (a code column such as 団体コード or
 * lgcode, prefecture name, name, kana; optionally 福祉事務所設置, 区分, 人口). Every row is checked;
 * any error rejects the whole file.
 */
export function parseMasterList(bytes: Uint8Array): { entries: MasterListEntry[]; encoding: CsvEncoding } {
  const { text, encoding } = decodeCsvBytes(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  return { entries: parseMasterListRows(parsed.data.map((cells, i) => ({ line: i + 1, cells }))), encoding };
}

/**
 * The entries of the list's rows, the first being the header: the open-data CSV layout, or the
 * 総務省「全国地方公共団体コード」 workbook's (団体コード, 都道府県名（漢字）, 市区町村名（漢字）, 都道府県名（カナ）,
 * 市区町村名（カナ）; prefecture rows without a 市区町村名; its half-width kana stored full-width).
 */
export function parseMasterListRows(rows: MasterListRow[]): MasterListEntry[] {
  const [headerRow, ...records] = rows;
  if (!headerRow) throw new MasterListInvalidError([{ line: 1, column: "-", value: "", reason: "ファイルが空です" }]);
  const header = headerRow.cells;
  const index = columnIndexes(header);
  const missing = (["code", "prefecture", "name"] as const).filter((c) => index[c] < 0);
  if (missing.length > 0) {
    throw new MasterListInvalidError(
      missing.map((c) => ({
        line: headerRow.line,
        column: columnLabels[c],
        value: header.join(","),
        reason: `見出しに${columnLabels[c]}の列がありません（例: ${columnAliases[c].slice(0, 3).join(" / ")}）`,
      })),
    );
  }

  const errors: MasterListError[] = [];
  const entries: MasterListEntry[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) checkRow(line, cells);
  function checkRow(line: number, cells: string[]) {
    const cell = (c: Column) => (index[c] >= 0 ? (cells[index[c]] ?? "").trim() : "");
    const fail = (column: Column, value: string, reason: string) =>
      errors.push({ line, column: columnLabels[column], value, reason });

    const rawCode = toHalfWidthDigits(cell("code"));
    let code = rawCode;
    if (/^\d{5}$/.test(rawCode)) code = `${rawCode}${checkDigit(rawCode)}`;
    else if (!/^\d{6}$/.test(rawCode)) return fail("code", cell("code"), "団体コードは5桁または6桁の数字で書いてください");
    else if (!isValidLocalGovernmentCode(rawCode))
      return fail("code", cell("code"), `チェックデジットが正しくありません（正しくは${rawCode.slice(0, 5)}${checkDigit(rawCode.slice(0, 5))}）`);

    const prefecture = findPrefectureByName(cell("prefecture"));
    if (!prefecture) return fail("prefecture", cell("prefecture"), "都道府県名が見つかりません");
    if (code.slice(0, 2) !== prefecture.code)
      return fail("code", cell("code"), `団体コードの上2桁が${prefecture.name}（${prefecture.code}）と一致しません`);

    const isPrefectureRow = code.slice(2, 5) === "000";
    const rawName = cell("name");
    const name = isPrefectureRow && rawName === "" ? prefecture.name : rawName;
    if (name === "") return fail("name", rawName, "市区町村名が空です");

    let kind = classifyLocalGovernment(code, name);
    const kindLabel = cell("kind");
    if (kindLabel) {
      const explicit = kindByLabel[kindLabel] ?? (localGovernmentKinds as readonly string[]).find((k) => k === kindLabel);
      if (!explicit) return fail("kind", kindLabel, `区分は${Object.keys(kindByLabel).join("・")}のいずれかです`);
      kind = explicit as LocalGovernmentKind;
    }

    const welfare = parseYesNo(cell("welfareOffice"));
    if (welfare === "invalid") return fail("welfareOffice", cell("welfareOffice"), "有 または 無 で書いてください");
    if (welfare === true && kind === "ward") return fail("welfareOffice", cell("welfareOffice"), "行政区は実施主体になりません");
    const administered = !unadministeredVillageCodes.has(code);
    if (welfare === true && !administered)
      return fail("welfareOffice", cell("welfareOffice"), "北方領土の村は実施主体になりません");

    let population: number | null = null;
    if (cell("population") !== "") {
      population = Number(toHalfWidthDigits(cell("population")));
      if (!Number.isInteger(population) || population < 0)
        return fail("population", cell("population"), "人口は0以上の整数で書いてください");
    }

    const previous = seen.get(code);
    if (previous !== undefined) return fail("code", cell("code"), `${previous}行目と同じ団体コードです`);
    seen.set(code, line);

    const [parentName] = kind === "ward" ? name.split(/\s+/) : [null];
    entries.push({
      line,
      code,
      prefectureCode: prefecture.code,
      name: name.replace(/\s+/g, ""),
      kana: (isPrefectureRow && cell("kana") === "" ? cell("prefectureKana") : cell("kana")).normalize("NFKC").replace(/\s+/g, ""),
      kind,
      hasWelfareOffice: welfare ?? defaultWelfareOffice(kind, code),
      parentName: parentName ?? null,
      population,
      administered,
    });
  }
  if (errors.length > 0) throw new MasterListInvalidError(errors);
  return entries;
}
