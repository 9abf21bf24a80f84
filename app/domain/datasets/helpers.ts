import { z } from "zod";
import { fastPathOf, normalizeCell, registerFastPath } from "./cells";
import type { CellSchema, ColumnSpec } from "./types";

/** A cell that may be blank (→ null); otherwise parsed by `cell`. */
export function optionalCell(cell: CellSchema): CellSchema {
  const optional = z.string().transform((raw, ctx) => {
    if (normalizeCell(raw) === "") return null;
    const parsed = cell.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });
  const inner = fastPathOf(cell);
  if (inner) registerFastPath(optional, (raw) => (raw === "" ? null : inner(raw)));
  return optional;
}

export function column(
  key: string,
  header: string,
  cell: CellSchema,
  options: { aliases?: readonly string[]; required?: boolean; description: string; example: string },
): ColumnSpec {
  return { key, header, cell, aliases: options.aliases ?? [], required: options.required ?? true, ...options };
}

export const yesNoLabel = (v: unknown) => (v === true ? "有" : v === false ? "無" : "");

export function labelOf<T extends string>(labels: Record<T, string>) {
  return (v: unknown) => (typeof v === "string" && v in labels ? labels[v as T] : "");
}

export function firstOfMonth(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}-01`;
}

/** A stored column's SQL name from its camelCase key, as drizzle's snake_case casing spells it. */
export const snakeCaseOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
