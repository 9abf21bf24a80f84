import { z, type ZodError } from "zod";
import { todayInJapan } from "../fiscal-year";

/** Field errors keyed by form field name: nested paths are joined with dots, the way the fields are named. */
export type FieldErrors = Record<string, string[] | undefined>;

export function fieldErrorsOf(error: ZodError): FieldErrors {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) (errors[issue.path.join(".")] ??= []).push(issue.message);
  return errors;
}

function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

/**
 * A date input (YYYY-MM-DD) for something that has happened: one Japanese message naming the field,
 * whichever check fails first. The law took effect on 1 April 2015, so nothing is recorded before it.
 */
export function pastDateField(label: string) {
  return z
    .string({ required_error: `${label}を入力してください` })
    .transform((v) => v.trim())
    .superRefine((v, ctx) => {
      const message = !v
        ? `${label}を入力してください`
        : !/^\d{4}-\d{2}-\d{2}$/.test(v)
          ? `${label}を 2025-06-12 の形で入力してください`
          : !isCalendarDate(v)
            ? `${label}が正しくありません（存在しない日付です）`
            : v < "2015-04-01"
              ? `${label}は2015年4月1日以降の日付にしてください`
              : v > todayInJapan()
                ? `${label}に未来の日付は入力できません`
                : null;
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    });
}

/** Free text with a length limit; full-width spaces at the ends are trimmed too. */
export function textField(label: string, max: number, options: { required?: boolean } = {}) {
  const base = z
    .string()
    .default("")
    .transform((v) => v.trim())
    .pipe(z.string().max(max, `${label}は${max}文字以内で入力してください`));
  return options.required ? base.pipe(z.string().min(1, `${label}を入力してください`)) : base;
}

/** The field a confirmed form posts; an action that requires confirmation refuses the post without it. */
export const confirmedField = "confirmed";
export const confirmedValue = "yes";

/** True when the posted form carries the confirmation that ConfirmAction and ConfirmStep add. */
export function isConfirmed(form: FormData | Record<string, unknown>): boolean {
  const value = form instanceof FormData ? form.get(confirmedField) : form[confirmedField];
  return value === confirmedValue;
}

/** What a post/redirect/get reports back in ?saved=, and the message the page shows for it. */
export const savedMessages = { created: "記録しました", updated: "修正を保存しました", deleted: "削除しました" } as const;
export type SavedFlag = keyof typeof savedMessages;
export const savedFlag = z
  .enum(Object.keys(savedMessages) as [SavedFlag, ...SavedFlag[]])
  .optional()
  .catch(undefined);

/**
 * Where a successful post goes: the same view (year, filters, page) without the one-off markers of the
 * form (edit, confirm, index) and with ?saved= so the page says what happened.
 */
export function redirectBack(url: string, saved: SavedFlag): string {
  const back = new URL(url);
  for (const marker of ["edit", "confirm", "index", "saved"]) back.searchParams.delete(marker);
  back.searchParams.set("saved", saved);
  return `${back.pathname}${back.search}`;
}

/** The confirmation step of a destructive post (ConfirmStep): the same view with ?confirm=<id>. */
export function confirmStepUrl(url: string, id: number): string {
  const here = new URL(url);
  for (const marker of ["edit", "index", "saved"]) here.searchParams.delete(marker);
  here.searchParams.set("confirm", String(id));
  return `${here.pathname}${here.search}#confirm-step`;
}

/** The current view (pathname + search) with some query parameters replaced or (undefined) removed. */
export function withQuery(pathname: string, search: string, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) params.delete(name);
    else params.set(name, String(value));
  }
  const query = params.toString();
  return `${pathname}${query ? `?${query}` : ""}`;
}
