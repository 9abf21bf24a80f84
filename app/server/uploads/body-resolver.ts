import { distance } from "fastest-levenshtein";
import { normalizeBodyCode, normalizeCell } from "../../domain/datasets/cells";
import type { BodyMode, ResolvedBody, RowIssue } from "../../domain/datasets/types";
import { checkDigit, isValidLocalGovernmentCode, prefectureBodyCode } from "../../domain/local-government-code";
import { findPrefectureByCode, findPrefectureByName } from "../../domain/prefectures";

export type BodyRecord = {
  code: string;
  prefectureCode: string;
  name: string;
  /** the reading in hiragana (はとやままち); "" where the master list had none */
  kana: string;
  kind: string;
  hasWelfareOffice: boolean;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
};

type Resolution = { body: ResolvedBody; warnings: RowIssue[] } | { error: RowIssue };

/** 茅ヶ崎 / 茅ケ崎, full-width and spaces: the same name however it was typed. */
function nameKey(name: string): string {
  return normalizeCell(name).replace(/\s/g, "").replace(/[ヶヵ]/g, "ケ");
}

const nameSuffix = /[市区町村]$/;
/** how the reading of a name ends for each suffix: 鳩山町 はとやま|まち, 東郷町 とうごう|ちょう */
const suffixReadings: Record<string, readonly string[]> = { 市: ["し"], 区: ["く"], 町: ["まち", "ちょう"], 村: ["むら", "そん"] };
const allSuffixReadings = ["まち", "ちょう", "むら", "そん", "し", "く"] as const;
const kanaOnly = /^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$/;
/** The most candidates one message lists. */
const maxSuggestions = 5;
/** Failed names remembered per resolver, so a file repeating one unknown name pays for the search once. */
const maxRememberedFailures = 10_000;
/** Searches per resolver (~0.13 ms each nationally): a file of 200,000 distinct unknown names must not take 26 s. */
const maxSearches = 5_000;

/** 鳩山町 → 鳩山; a one-character name keeps its character. */
function stem(key: string): string {
  return key.length > 1 ? key.replace(nameSuffix, "") : key;
}

function hiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** The edit distance when it is small for the shorter string's length (up to 1 from minLength.one characters, 2 from minLength.two), else Infinity. */
function near(a: string, b: string, minLength: { one: number; two: number }): number {
  const shorter = Math.min(a.length, b.length);
  const allowed = shorter >= minLength.two ? 2 : shorter >= minLength.one ? 1 : 0;
  if (Math.abs(a.length - b.length) > allowed) return Infinity;
  const d = a === b ? 0 : distance(a, b);
  return d <= allowed ? d : Infinity;
}
const nameLimits = { one: 3, two: 6 };
/** readings are about twice as long as names */
const readingLimits = { one: 4, two: 7 };

/** What a typed name is compared with: its key, without its suffix, and as a reading when typed in kana. */
type Query = { key: string; stem: string; readings: string[] };
/** A body as suggestions compare it. */
type Entry = { record: BodyRecord; key: string; stem: string; readings: string[] };
type Suggestions = { sameName: BodyRecord[]; similar: BodyRecord[]; closed: BodyRecord[]; searched: boolean };

function queryOf(key: string): Query {
  const s = stem(key);
  const readings: string[] = [];
  if (kanaOnly.test(key)) {
    const whole = hiragana(key);
    readings.push(whole);
    for (const ending of allSuffixReadings) {
      if (whole.endsWith(ending) && whole.length - ending.length >= 2) readings.push(whole.slice(0, -ending.length));
    }
  } else if (s !== key && kanaOnly.test(s)) readings.push(hiragana(s)); // はとやま町
  return { key, stem: s, readings };
}

function entryOf(record: BodyRecord): Entry {
  const key = nameKey(record.name);
  const readings: string[] = [];
  const kana = hiragana(nameKey(record.kana));
  if (kana !== "") {
    readings.push(kana);
    for (const ending of suffixReadings[key.slice(-1)] ?? []) {
      if (kana.endsWith(ending) && kana.length > ending.length) readings.push(kana.slice(0, -ending.length));
    }
  }
  return { record, key, stem: stem(key), readings };
}

/** How near a typed name is to a body: 0 for the name without its suffix or the exact reading, Infinity when not near. */
function nearness(q: Query, e: Entry): number {
  let best = Math.min(near(q.key, e.key, nameLimits), near(q.stem, e.stem, nameLimits), q.key === e.stem ? 0 : Infinity);
  for (const typed of q.readings) {
    for (const reading of e.readings) best = Math.min(best, near(typed, reading, readingLimits));
  }
  return best;
}

/**
 * Finds the body a CSV row is about, by code or by prefecture + municipality name, and explains in
 * Japanese why it cannot: unknown, closed by a merger, ambiguous, or not an implementing body.
 */
export class BodyResolver {
  private byCode = new Map<string, BodyRecord>();
  private byName = new Map<string, BodyRecord[]>();
  /** built on the first unknown name only: the success path never pays for it */
  private entries: Map<string, Entry[]> | undefined;
  private failures = new Map<string, Suggestions>();
  private searches = 0;

  constructor(records: readonly BodyRecord[]) {
    for (const r of records) {
      this.byCode.set(r.code, r);
      const key = nameKey(r.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), r]);
    }
  }

  private describe(r: BodyRecord): string {
    const prefecture = findPrefectureByCode(r.prefectureCode)?.name ?? "";
    return r.kind === "prefecture" ? `${r.name}（${r.code}）` : `${prefecture}${r.name}（${r.code}）`;
  }

  private current(r: BodyRecord, date: string): boolean {
    return r.validFrom <= date && (r.validTo === null || r.validTo > date);
  }

  /** （後継: 鳥取県湯梨浜町（313700））, or nothing when the successor is not known. */
  private successorNote(r: BodyRecord): string {
    const successor = r.successorCode ? this.byCode.get(r.successorCode) : undefined;
    return successor ? `（後継: ${this.describe(successor)}）` : "";
  }

  private check(r: BodyRecord, mode: BodyMode, date: string, column: string): Resolution {
    if (!this.current(r, date)) {
      if (r.validTo !== null && r.validTo <= date) {
        return { error: { column, message: `${this.describe(r)}は${r.validTo}に合併等で廃止されたコードです${this.successorNote(r)}` } };
      }
      return { error: { column, message: `${this.describe(r)}は${r.validFrom}から有効なコードです` } };
    }
    if (r.kind === "ward") {
      const parent = r.parentCode ? this.byCode.get(r.parentCode) : undefined;
      return { error: { column, message: `${this.describe(r)}は行政区です。${parent ? `${this.describe(parent)}` : "市"}のコードで入力してください` } };
    }
    if (mode === "implementing_body" && !r.hasWelfareOffice) {
      const prefecture = findPrefectureByCode(r.prefectureCode)?.name ?? "都道府県";
      return { error: { column, message: `${this.describe(r)}は福祉事務所を設置していないため実施主体ではありません（実施主体は${prefecture}）` } };
    }
    if (mode === "municipality" && r.kind === "prefecture") {
      return { error: { column, message: "都道府県は対象外です（市区町村の事業です）" } };
    }
    return { body: { code: r.code, prefectureCode: r.prefectureCode, name: r.name, kind: r.kind }, warnings: [] };
  }

  private byCodeCell(raw: string, mode: BodyMode, date: string, column: string): Resolution {
    const code = normalizeBodyCode(raw);
    if (code === null) return { error: { column, message: "自治体コードは6桁（または5桁）の数字で入力してください" } };
    const full = code.length === 2 ? prefectureBodyCode(code) : code;
    if (!isValidLocalGovernmentCode(full)) {
      return { error: { column, message: `チェックデジットが正しくありません（正しくは${full.slice(0, 5)}${checkDigit(full.slice(0, 5))}）` } };
    }
    const record = this.byCode.get(full);
    if (!record) return { error: { column, message: `自治体コード${full}は登録されていません` } };
    return this.check(record, mode, date, column);
  }

  /** Rows of bodyMode implementing_body / municipality / local_government. */
  resolve(cells: { bodyCode: string; prefectureName: string; municipalityName: string }, mode: BodyMode, date: string): Resolution {
    if (cells.municipalityName === "" && /^\d{6}$/.test(cells.bodyCode)) {
      // the common case of a clean six-digit code and no name: no normalisation needed
      const record = isValidLocalGovernmentCode(cells.bodyCode) ? this.byCode.get(cells.bodyCode) : undefined;
      if (record) return this.check(record, mode, date, "bodyCode");
    }
    if (normalizeCell(cells.bodyCode) !== "") {
      const resolution = this.byCodeCell(cells.bodyCode, mode, date, "bodyCode");
      const name = nameKey(cells.municipalityName);
      if ("body" in resolution && name !== "" && name !== nameKey(resolution.body.name)) {
        resolution.warnings.push({ column: "municipalityName", message: `自治体コードは${resolution.body.name}を指しています。市区町村名と一致しません` });
      }
      return resolution;
    }
    const prefectureRaw = normalizeCell(cells.prefectureName);
    const name = nameKey(cells.municipalityName);
    if (prefectureRaw === "" && name === "") {
      return { error: { column: "bodyCode", message: "自治体コード、または都道府県名と市区町村名を入力してください" } };
    }
    const prefecture = prefectureRaw === "" ? undefined : findPrefectureByName(prefectureRaw);
    if (prefectureRaw !== "" && !prefecture) return { error: { column: "prefectureName", message: "都道府県名が見つかりません" } };
    if (prefecture && name === "") return this.check(this.byCode.get(prefectureBodyCode(prefecture.code))!, mode, date, "prefectureName");

    const candidates = (this.byName.get(name) ?? []).filter((r) => r.kind !== "prefecture" && (!prefecture || r.prefectureCode === prefecture.code));
    const live = candidates.filter((r) => this.current(r, date));
    const pool = live.length > 0 ? live : candidates;
    if (pool.length === 0) {
      return { error: { column: "municipalityName", message: this.unknownName(cells.municipalityName.trim(), name, prefecture, mode, date) } };
    }
    if (pool.length > 1) {
      return {
        error: {
          column: prefecture ? "municipalityName" : "prefectureName",
          message: `「${cells.municipalityName.trim()}」は複数あります: ${pool.map((r) => this.describe(r)).join("、")}。${prefecture ? "自治体コードを入力してください" : "都道府県名を入力してください"}`,
        },
      };
    }
    return this.check(pool[0]!, mode, date, "municipalityName");
  }

  /**
   * No body has this name (in this prefecture): say it is not registered, which is true, rather than
   * that it does not exist, which our master list cannot know; then list the nearest candidates.
   */
  private unknownName(typed: string, name: string, prefecture: { code: string; name: string } | undefined, mode: BodyMode, date: string): string {
    const { sameName, similar, closed, searched } = this.suggest(name, prefecture?.code, mode, date);
    const parts = [`${prefecture ? `${prefecture.name}に` : ""}「${typed}」という自治体は登録されていません`];
    if (sameName.length > 0) parts.push(`同名の自治体: ${sameName.map((r) => this.describe(r)).join("、")}`);
    if (similar.length > 0) parts.push(`候補: ${similar.map((r) => this.describe(r)).join("、")}`);
    for (const r of closed) parts.push(`${this.describe(r)}は${r.validTo}に合併等で廃止されました${this.successorNote(r)}`);
    if (parts.length === 1) parts.push(searched ? "近い名前の自治体も見つかりません。自治体コードを入力してください" : "自治体コードを入力してください");
    return parts.join("。");
  }

  /**
   * Candidates for an unknown name, most useful first: the same name in another prefecture, then
   * current bodies of the prefecture (anywhere when none was given) whose name is a small edit away,
   * is the name without its 市町村区, or whose reading is the kana typed, and closed bodies matched the
   * same way (their successor is named). 行政区 only when there is nothing else.
   */
  private suggest(name: string, prefectureCode: string | undefined, mode: BodyMode, date: string): Suggestions {
    const memo = `${prefectureCode ?? ""}\u0000${name}\u0000${mode}\u0000${date}`;
    const remembered = this.failures.get(memo);
    if (remembered) return remembered;
    if (this.searches >= maxSearches) return { sameName: [], similar: [], closed: [], searched: false };
    this.searches++;

    this.entries ??= this.buildEntries();
    const closedBy = (r: BodyRecord) => r.validTo !== null && r.validTo <= date;
    // implementing_body: bodies that can take the data first, among equally near ones
    const rank = (r: BodyRecord) => (mode === "implementing_body" && !r.hasWelfareOffice ? 1 : 0);
    const byRank = (a: BodyRecord, b: BodyRecord) => rank(a) - rank(b) || a.code.localeCompare(b.code);

    const sameName = prefectureCode
      ? (this.byName.get(name) ?? []).filter((r) => r.kind !== "prefecture" && r.prefectureCode !== prefectureCode && this.current(r, date)).sort(byRank)
      : [];
    const q = queryOf(name);
    const found: { record: BodyRecord; distance: number; closed: boolean }[] = [];
    for (const e of (prefectureCode ? this.entries.get(prefectureCode) : this.entries.get("")) ?? []) {
      const closed = closedBy(e.record);
      if (!closed && !this.current(e.record, date)) continue;
      const d = nearness(q, e);
      if (d !== Infinity) found.push({ record: e.record, distance: d, closed });
    }
    found.sort((a, b) => a.distance - b.distance || Number(a.closed) - Number(b.closed) || byRank(a.record, b.record));

    const all = [...sameName.map((record) => ({ record, closed: false, sameName: true })), ...found.map((f) => ({ ...f, sameName: false }))];
    const usable = all.some((c) => c.record.kind !== "ward") ? all.filter((c) => c.record.kind !== "ward") : all;
    const shown = usable.slice(0, maxSuggestions);
    const result: Suggestions = {
      sameName: shown.filter((c) => c.sameName).map((c) => c.record),
      similar: shown.filter((c) => !c.sameName && !c.closed).map((c) => c.record),
      closed: shown.filter((c) => c.closed).map((c) => c.record),
      searched: true,
    };
    if (this.failures.size >= maxRememberedFailures) this.failures.clear();
    this.failures.set(memo, result);
    return result;
  }

  /** Bodies other than prefectures, by prefecture code and all of them under "". */
  private buildEntries(): Map<string, Entry[]> {
    const entries = new Map<string, Entry[]>([["", []]]);
    for (const r of this.byCode.values()) {
      if (r.kind === "prefecture") continue;
      const e = entryOf(r);
      entries.get("")!.push(e);
      const list = entries.get(r.prefectureCode);
      if (list) list.push(e);
      else entries.set(r.prefectureCode, [e]);
    }
    return entries;
  }

  /** A prefecture written as 鳥取県, 鳥取, 31 or 310000. */
  resolvePrefecture(raw: string, column: string): { prefectureCode: string } | { error: RowIssue } {
    const v = normalizeCell(raw);
    if (v === "") return { error: { column, message: "都道府県が空欄です" } };
    const code = normalizeBodyCode(v);
    const byCode = code ? findPrefectureByCode(code.slice(0, 2)) : undefined;
    if (code && byCode && (code.length === 2 || code === prefectureBodyCode(byCode.code))) return { prefectureCode: byCode.code };
    const byName = findPrefectureByName(v);
    if (byName) return { prefectureCode: byName.code };
    return { error: { column, message: "都道府県が見つかりません（名称または2桁のコード）" } };
  }

  /** スーパーバイズ: the supervised body, by code or by name inside the supervising prefecture. */
  resolveWithinPrefecture(prefectureCode: string, raw: string, date: string, column: string): Resolution {
    const v = normalizeCell(raw);
    if (v === "") return { error: { column, message: "対象自治体が空欄です" } };
    const prefectureName = findPrefectureByCode(prefectureCode)!.name;
    const resolution = /^\d+$/.test(v.replace(/[,\s]/g, ""))
      ? this.byCodeCell(v, "implementing_body", date, column)
      : this.resolve({ bodyCode: "", prefectureName, municipalityName: v }, "implementing_body", date);
    if ("error" in resolution) return { error: { ...resolution.error, column } };
    if (resolution.body.prefectureCode !== prefectureCode) {
      return { error: { column, message: `${resolution.body.name}は${prefectureName}の自治体ではありません` } };
    }
    return resolution;
  }
}
