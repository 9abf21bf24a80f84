import type { ZodType, ZodTypeDef } from "zod";

/** The answer of a loader that finds nothing for its URL: `throw notFound("都道府県が見つかりません")`. */
export function notFound(message: string): Response {
  return new Response(message, { status: 404 });
}

/** Route params (or a query) parsed by their schema; anything else is a page that does not exist. */
export function parseOrNotFound<T>(schema: ZodType<T, ZodTypeDef, unknown>, value: unknown, message: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw notFound(message);
  return parsed.data;
}
