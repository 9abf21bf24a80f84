import { z } from "zod";
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

export const yesNoCell = choiceCell(
  { yes: ["有", "あり", "実施", "○", "〇", "1", "true", "yes"], no: ["無", "なし", "未実施", "×", "0", "false", "no"] },
  "実施の有無",
);

const eraStart: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988 };

/** 年度: 2021, 2021年度, R3, R03, 令和3年度, 令和元年度, 平成31年度 (= FY2019), H27. */
export function parseFiscalYear(raw: string): number | null {
  const v = normalizeCell(raw).replace(/\s/g, "").replace(/年度$/, "").replace(/年$/, "");
  if (/^\d{4}$/.test(v)) return Number(v);
  const m = /^(令和|平成|[RrHh])\.?(元|\d{1,2})$/.exec(v);
  if (!m) return null;
  const era = eraStart[m[1]!.toLowerCase()]!;
  const n = m[2] === "元" ? 1 : Number(m[2]);
  if (n < 1 || (era === 1988 && n > 31)) return null;
  return era + n;
}

export const fiscalYearCell = z.string().transform((raw, ctx) => {
  const fy = parseFiscalYear(raw);
  if (fy === null || fy < 2000 || fy > 2100) {
    ctx.addIssue({ code: "custom", message: "年度は 2021、R3、令和3年度 などの形で入力してください" });
    return z.NEVER;
  }
  return fy;
});

/** 年月: 2021-04, 2021/4, 202104, 2021年4月, 令和3年4月, R3.4 */
export function parseYearMonth(raw: string): { year: number; month: number } | null {
  const v = normalizeCell(raw).replace(/\s/g, "");
  let m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(v);
  if (m) return validMonth(Number(m[1]), Number(m[2]));
  m = /^(令和|平成|[RrHh])\.?(元|\d{1,2})[.年/-](\d{1,2})月?$/.exec(v);
  if (!m) return null;
  const era = eraStart[m[1]!.toLowerCase()]!;
  return validMonth(era + (m[2] === "元" ? 1 : Number(m[2])), Number(m[3]));
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

/** 日付: 2021-04-01, 2021/4/1, 2021年4月1日, 令和3年4月1日, R3.4.1 → YYYY-MM-DD */
export function parseDate(raw: string): string | null {
  const v = normalizeCell(raw).replace(/\s/g, "");
  let year: number;
  let rest: RegExpExecArray | null = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (rest) year = Number(rest[1]);
  else {
    rest = /^(令和|平成|[RrHh])\.?(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
    if (!rest) return null;
    year = eraStart[rest[1]!.toLowerCase()]! + (rest[2] === "元" ? 1 : Number(rest[2]));
    rest = [rest[0], "", rest[3]!, rest[4]!] as unknown as RegExpExecArray;
  }
  const month = Number(rest[2]);
  const day = Number(rest[3]);
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
