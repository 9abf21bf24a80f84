type RouteFunction = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

export type RouteResult = { status: number; data: unknown; location: string | null; cookie: string | null };

/**
 * Calls a loader or an action the way Remix does and reports how it ends: a thrown or returned Response
 * (redirects, 403, 404…), data() with a status, or plain data (200).
 */
export async function callRoute(
  fn: unknown,
  request: { url: string; params?: Record<string, string>; cookie?: string; form?: Record<string, string> | FormData; clientAddress?: string; context?: object },
): Promise<RouteResult> {
  const headers: Record<string, string> = request.cookie ? { Cookie: request.cookie } : {};
  const body = request.form instanceof FormData ? request.form : request.form ? new URLSearchParams(request.form) : undefined;
  const init: RequestInit = body ? { method: "POST", body, headers } : { headers };
  let result: unknown;
  try {
    result = await (fn as RouteFunction)({ request: new Request(`http://localhost${request.url}`, init), params: request.params ?? {}, context: { clientAddress: request.clientAddress ?? null, ...request.context } });
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (result instanceof Response) return { status: result.status, data: null, location: result.headers.get("Location"), cookie: result.headers.get("Set-Cookie")?.split(";")[0] ?? null };
  const withInit = result as { type?: string; data?: unknown; init?: { status?: number } | null };
  if (withInit?.type === "DataWithResponseInit") return { status: withInit.init?.status ?? 200, data: withInit.data, location: null, cookie: null };
  return { status: 200, data: result, location: null, cookie: null };
}
