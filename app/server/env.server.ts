import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultOutlierSettings, type OutlierSettings } from "../domain/outliers";
import type { WorklistSettings } from "../domain/worklist";
import { defaultWorklistSettings } from "../domain/worklist";

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.toLowerCase();
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().optional(),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET は32文字以上にしてください").optional(),
  DEMO_SEED: z.enum(["auto", "off"]).default("auto"),
  /** Express "trust proxy": how many proxy hops (or which addresses) may set X-Forwarded-For / -Proto */
  TRUST_PROXY: z.string().default("false"),
  /** the public origin(s) users reach the app at, comma-separated; mutations from any other origin are refused */
  APP_ORIGIN: z
    .string()
    .refine((value) => value.split(",").every((entry) => isOrigin(entry.trim().replace(/\/+$/, "")) || !entry.trim()), "APP_ORIGIN は https://tsunagu.example.go.jp のようなオリジン（パスなし）をカンマ区切りで指定してください")
    .optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** app processes serving on this machine's PORT (ADR 041): one per core is the usual choice; PGlite always runs one */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** memory for rendered aggregate pages per process (ADR 013); 0 turns the cache off */
  RENDER_CACHE_MB: z.coerce.number().min(0).default(64),
  /** memory for drawn charts per process, kept by their data across commits; 0 draws every chart afresh */
  DRAWING_CACHE_MB: z.coerce.number().min(0).default(64),
  /** months after a fiscal year closes (31 March) from which an upload changing its stored figures is warned about */
  CLOSED_FISCAL_YEAR_MONTHS: z.coerce.number().int().min(0).max(120).default(6),
  /** |modified z-score| above which an uploaded value is flagged against its history or peers (ADR 018) */
  OUTLIER_THRESHOLD: z.coerce.number().min(1).max(20).default(defaultOutlierSettings.threshold),
  /** history months below which a value is compared with peers per 10万人 instead (ADR 018) */
  OUTLIER_MIN_HISTORY: z.coerce.number().int().min(1).max(120).default(defaultOutlierSettings.minHistory),
  /** months without a supervision contact after which a body is on the prefecture's worklist (ADR 025) */
  SUPERVISION_GAP_MONTHS: z.coerce.number().int().min(1).max(60).default(defaultWorklistSettings.supervisionGapMonths),
  /** smtp://user:pass@host:port (or smtps://): reminders are also e-mailed when set */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^/\s]+/.test(v), "SMTP_URL は smtp://ホスト:ポート の形で指定してください")
    .optional(),
  /** requests per minute one personal API token may make before 429 (ADR 028) */
  API_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  /** the sender of reminder e-mails */
  MAIL_FROM: z.string().default("つなぐ <no-reply@tsunagu.invalid>"),
});

export type Env = z.infer<typeof schema> & { isProduction: boolean; sessionSecret: string };

let cached: Env | undefined;

/** Development keeps a generated secret under .data so restarts keep users logged in. */
function developmentSecret(): string {
  const file = path.resolve(".data/session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The settings of an environment; throws (with a Japanese message) what must not start. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An exported-but-empty variable means "not set".
  const parsed = schema.parse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  const isProduction = parsed.NODE_ENV === "production";
  if (isProduction && !parsed.SESSION_SECRET) {
    throw new Error("NODE_ENV=production では SESSION_SECRET（32文字以上）を設定してください");
  }
  // without it the allowed origin is the request's own Host, which a forged Host with a matching Origin satisfies
  if (isProduction && !parsed.APP_ORIGIN?.replaceAll(",", "").trim()) {
    throw new Error("NODE_ENV=production では APP_ORIGIN（利用者が開く https://… のオリジン、カンマ区切りで複数可）を設定してください");
  }
  return { ...parsed, isProduction, sessionSecret: parsed.SESSION_SECRET ?? developmentSecret() };
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** TRUST_PROXY as Express takes it: false, true, a hop count, or a list of addresses / subnets ("loopback"). */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "false" || value === "") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** CLOSED_FISCAL_YEAR_MONTHS alone (the upload pipeline reads it without the rest of the settings). */
export function closedFiscalYearMonths(source: Record<string, string | undefined> = process.env): number {
  return schema.shape.CLOSED_FISCAL_YEAR_MONTHS.parse(source.CLOSED_FISCAL_YEAR_MONTHS || undefined);
}

/** OUTLIER_THRESHOLD and OUTLIER_MIN_HISTORY alone: the outlier settings that are data, not code (ADR 018). */
export function outlierSettingsFromEnv(source: Record<string, string | undefined> = process.env): Pick<OutlierSettings, "threshold" | "minHistory"> {
  return {
    threshold: schema.shape.OUTLIER_THRESHOLD.parse(source.OUTLIER_THRESHOLD || undefined),
    minHistory: schema.shape.OUTLIER_MIN_HISTORY.parse(source.OUTLIER_MIN_HISTORY || undefined),
  };
}

/** The worklist's settings alone (ADR 025; shown on /rules). */
export function worklistSettingsFromEnv(source: Record<string, string | undefined> = process.env): WorklistSettings {
  return { supervisionGapMonths: schema.shape.SUPERVISION_GAP_MONTHS.parse(source.SUPERVISION_GAP_MONTHS || undefined) };
}
