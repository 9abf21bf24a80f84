/**
 * CSRF protection by a strict Origin check (ADR 010): a request that changes something must say it
 * comes from one of our own origins. Browsers send Origin with every POST; a request with neither
 * Origin nor Referer, from another site, or with the opaque Origin `null`, is refused.
 */
export type OriginVerdict = { ok: true } | { ok: false; reason: "missing" | "cross-site" | "foreign-origin" };

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function checkSameOrigin(request: {
  method: string;
  origin: string | undefined;
  referer: string | undefined;
  secFetchSite: string | undefined;
  allowedOrigins: readonly string[];
}): OriginVerdict {
  if (safeMethods.has(request.method.toUpperCase())) return { ok: true };
  // "null" is an opaque origin (sandboxed frame, data: URL, cross-site redirect): never ours, whatever Referer says
  if (request.secFetchSite === "cross-site" || request.origin === "null") return { ok: false, reason: "cross-site" };
  let origin = request.origin;
  if (!origin && request.referer) {
    try {
      origin = new URL(request.referer).origin;
    } catch {
      return { ok: false, reason: "foreign-origin" };
    }
  }
  if (!origin) return { ok: false, reason: "missing" };
  return request.allowedOrigins.includes(origin.toLowerCase()) ? { ok: true } : { ok: false, reason: "foreign-origin" };
}

/** The origins a mutation may come from: APP_ORIGIN (comma-separated) when set, else the origin the request was addressed to. */
export function allowedOriginsFor(appOrigin: string | undefined, requestOrigin: string): string[] {
  const configured = (appOrigin ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, "").toLowerCase())
    .filter(Boolean);
  return configured.length > 0 ? configured : [requestOrigin.toLowerCase()];
}
