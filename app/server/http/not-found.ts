/** The answer of a loader that finds nothing for its URL: `throw notFound("都道府県が見つかりません")`. */
export function notFound(message: string): Response {
  return new Response(message, { status: 404 });
}
