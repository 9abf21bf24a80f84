import { z } from "zod";
import { eraYear } from "../fiscal-year";
import { checkDigit } from "../local-government-code";

// Cell parsers for CSV columns, as Japanese offices write them: full-width digits and spaces,
// "1,234", 和暦 years, 「－」 for zero. Each returns a zod schema whose messages are shown to users.

/** NFKC folds full-width digits, letters and spaces; thousands separators and spaces go. */
export function normalizeCell(value: string): string {
  return value.normalize("NFKC").replace(/[\u200b\ufeff]/g, "").trim();
}

const dashes = /^[-‐‑‒–—―ー－−]$/;
export function isDash(value: string): boolean {
  return dashes.test(value.trim());
}

function stripNumber(value: string): string {
  return normalizeCell(value).replace(/[,，\s]/g, "");
}

/** A count: non-negative integer; 「－」 means 0; a blank cell is an error (not reported is not zero). */
export const countCell = z.string().transform((raw, ctx) => {
  const v = stripNumber(raw);
  if (v === "") {
    ctx.addIssue({ code: "custom", message: "空欄です。0件の場合は 0 または「－」を入力してください" });
    return z.NEVER;
  }
  if (isDash(v)) return 0;
  if (!/^\d+$/.test(v)) {
    ctx.addIssue({ code: "custom", message: /^-\d/.test(v) ? "負の数は入力できません" : "0以上の整数で入力してください" });
    return z.NEVER;
  }
  const n = Number(v);
  if (n > 2_000_000_000) {
    ctx.addIssue({ code: "custom", message: "値が大きすぎます" });
    return z.NEVER;
  }
  return n;
});

/** A rate or target such as 目安値: non-negative decimal with at most one decimal place, as numeric(6, 1) holds it. */
export const decimalCell = z.string().transform((raw, ctx) => {
  const v = stripNumber(raw);
  if (!/^\d+(\.\d)?$/.test(v)) {
    ctx.addIssue({ code: "custom", message: "0以上の数（小数第1位まで）で入力してください" });
    return z.NEVER;
  }
  const n = Number(v);
  if (n >= 100_000) {
    ctx.addIssue({ code: "custom", message: "値が大きすぎます（99999.9まで）" });
    return z.NEVER;
  }
  return n;
});

export function choiceCell<const T extends string>(labels: Record<T, readonly string[]>, what: string, optional = false) {
  const lookup = new Map<string, T>();
  for (const [value, names] of Object.entries(labels) as [T, readonly string[]][]) {
    for (const name of [value, ...names]) lookup.set(normalizeCell(name).toLowerCase(), value);
  }
  const allowed = (Object.values(labels) as string[][]).map((names) => names[0]).join("・");
  return z.string().transform((raw, ctx): T | null => {
    const v = normalizeCell(raw).toLowerCase();
    if (v === "" || isDash(v)) {
      if (optional) return null;
      ctx.addIssue({ code: "custom", message: `${what}が空欄です（${allowed}のいずれか）` });
      return z.NEVER;
    }
    const found = lookup.get(v) ?? lookup.get(v.replace(/\s/g, ""));
    if (!found) {
      ctx.addIssue({ code: "custom", message: `${what}は${allowed}のいずれかで入力してください` });
      return z.NEVER;
    }
    return found;
  });
}

/**
 * A cell that labels a totals row as Excel sheets add them: 合計, 総計, 小計, 計, 累計, 総数, and
 * 「鳥取県計」「市町村計」「全国計」 (a place and 計), with brackets or spaces around.
 */
export function isTotalsLabel(value: string): boolean {
  // every totals label holds 計 or 総数 (unchanged by normalizeCell): most cells, numbers, leave here
  if (value.length > 24 || (!value.includes("計") && !value.includes("総数"))) return false;
  const v = normalizeCell(value).replace(/[\s()[\]【】〔〕<>＜＞「」]/g, "");
  return /^(?:合計|総計|小計|中計|累計|総数|計|全国計|全県計|(?:\D{0,4}[都道府県市区町村])計)$/.test(v);
}

export const yesNoCell = choiceCell(
  { yes: ["有", "あり", "実施", "○", "〇", "1", "true", "yes"], no: ["無", "なし", "未実施", "×", "0", "false", "no"] },
  "実施の有無",
);

/** 年度: 2021, 2021年度, R3, R03, 令和3年度, 令和元年度, 平成31年度 (= FY2019), H27. */
export function parseFiscalYear(raw: string): number | null {
  const v = normalizeCell(raw).replace(/\s/g, "").replace(/年度$/, "").replace(/年$/, "");
  if (/^\d{4}$/.test(v)) return Number(v);
  const m = /^(令和|平成|[RrHh])\.?(元|\d{1,2})$/.exec(v);
  return m ? eraYear(m[1]!, m[2]!) : null;
}

export const fiscalYearCell = z.string().transform((raw, ctx) => {
  const fy = parseFiscalYear(raw);
  if (fy === null || fy < 2000 || fy > 2100) {
    ctx.addIssue({ code: "custom", message: "年度は 2021、R3、令和3年度 などの形で入力してください" });
    return z.NEVER;
  }
  return fy;
});

/**
 * 年月: 2021-04, 2021/4, 202104, 2021年4月, 令和3年4月, R3.4, and a date of that month (2021/4/1, as
 * Excel writes a cell in which 2021/4 was typed).
 */
export function parseYearMonth(raw: string): { year: number; month: number } | null {
  const v = normalizeCell(raw).replace(/\s/g, "");
  let m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(v);
  if (m) return validMonth(Number(m[1]), Number(m[2]));
  m = /^(令和|平成|[RrHh])\.?(元|\d{1,2})[.年/-](\d{1,2})月?$/.exec(v);
  if (m) {
    const year = eraYear(m[1]!, m[2]!);
    return year === null ? null : validMonth(year, Number(m[3]));
  }
  const date = parseDate(raw);
  return date ? { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) } : null;
}

function validMonth(year: number, month: number) {
  return month >= 1 && month <= 12 && year >= 2000 && year <= 2100 ? { year, month } : null;
}

export const monthCell = z.string().transform((raw, ctx) => {
  const v = normalizeCell(raw).replace(/月$/, "");
  const n = Number(v);
  if (!/^\d{1,2}$/.test(v) || n < 1 || n > 12) {
    ctx.addIssue({ code: "custom", message: "月は1〜12で入力してください" });
    return z.NEVER;
  }
  return n;
});

/**
 * 日付: 2021-04-01, 2021/4/1, 2021年4月1日, 令和3年4月1日, R3.4.1 → YYYY-MM-DD; a time of midnight
 * after it (2021/4/1 0:00, as Excel writes a date cell with a time format) is dropped.
 */
export function parseDate(raw: string): string | null {
  const v = normalizeCell(raw).replace(/\s+0?0:00(:00)?$/, "").replace(/\s/g, "");
  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  const japanese = western ? null : /^(令和|平成|[RrHh])\.?(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  const year = western ? Number(western[1]) : japanese ? eraYear(japanese[1]!, japanese[2]!) : null;
  if (year === null) return null;
  const [month, day] = (western ? western.slice(2) : japanese!.slice(3)).map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

export const dateCell = z.string().transform((raw, ctx) => {
  const d = parseDate(raw);
  if (!d) {
    ctx.addIssue({ code: "custom", message: "日付は 2021-04-01、2021/4/1、令和3年4月1日 などの形で入力してください" });
    return z.NEVER;
  }
  return d;
});

export function textCell(max: number, required = false) {
  return z.string().transform((raw, ctx) => {
    const v = raw.trim();
    if (required && v === "") {
      ctx.addIssue({ code: "custom", message: "空欄です" });
      return z.NEVER;
    }
    if (v.length > max) {
      ctx.addIssue({ code: "custom", message: `${max}文字以内で入力してください` });
      return z.NEVER;
    }
    return v;
  });
}

/** 自治体コード as written: 6 digits, or 5 digits to which the check digit is added. Validity is checked by the resolver. */
export function normalizeBodyCode(raw: string): string | null {
  const v = stripNumber(raw).replace(/^'/, "");
  if (/^\d{6}$/.test(v)) return v;
  if (/^\d{5}$/.test(v)) return `${v}${checkDigit(v)}`;
  if (/^\d{1,2}$/.test(v)) return v.padStart(2, "0"); // a prefecture written as its 2-digit code
  return null;
}

/**
 * Fast paths for cells already in canonical form (plain ASCII digits): they give exactly what
 * the zod schema would, without its overhead, on the hot path of large national files. Anything
 * else goes through the schema.
 */
const fastPaths = new WeakMap<z.ZodTypeAny, (raw: string) => unknown>([
  [countCell, (raw) => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined)],
  [fiscalYearCell, (raw) => (/^20\d\d$/.test(raw) ? Number(raw) : undefined)],
  [monthCell, (raw) => (/^(?:[1-9]|1[0-2])$/.test(raw) ? Number(raw) : undefined)],
]);

export function fastPathOf(cell: z.ZodTypeAny): ((raw: string) => unknown) | undefined {
  return fastPaths.get(cell);
}

export function registerFastPath(cell: z.ZodTypeAny, fast: (raw: string) => unknown): void {
  fastPaths.set(cell, fast);
}
