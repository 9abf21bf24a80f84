import { normalizeBodyCode, normalizeCell } from "../datasets/cells";
import type { BodyMode, ResolvedBody, RowIssue } from "../datasets/types";
import { checkDigit, isValidLocalGovernmentCode, prefectureBodyCode } from "../local-government-code";
import { findPrefectureByCode, findPrefectureByName } from "../prefectures";

export type BodyRecord = {
  code: string;
  prefectureCode: string;
  name: string;
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

/**
 * Finds the body a CSV row is about, by code or by prefecture + municipality name, and explains in
 * Japanese why it cannot: unknown, closed by a merger, ambiguous, or not an implementing body.
 */
export class BodyResolver {
  private byCode = new Map<string, BodyRecord>();
  private byName = new Map<string, BodyRecord[]>();

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

  private check(r: BodyRecord, mode: BodyMode, date: string, column: string): Resolution {
    if (!this.current(r, date)) {
      if (r.validTo !== null && r.validTo <= date) {
        const successor = r.successorCode ? this.byCode.get(r.successorCode) : undefined;
        return {
          error: {
            column,
            message: `${this.describe(r)}は${r.validTo}に合併等で廃止されたコードです${successor ? `（後継: ${this.describe(successor)}）` : ""}`,
          },
        };
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
    if (!record) return { error: { column, message: `自治体コード${full}に該当する自治体がありません` } };
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
      const where = prefecture ? `${prefecture.name}に` : "";
      return { error: { column: "municipalityName", message: `${where}「${cells.municipalityName.trim()}」という自治体はありません` } };
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
