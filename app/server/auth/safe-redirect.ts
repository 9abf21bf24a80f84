const probe = "http://x.invalid";

/**
 * Only same-site paths, so a crafted link cannot send a user elsewhere after login. The value is read
 * the way a browser reads a Location header (the WHATWG URL parser drops tabs, newlines and leading
 * spaces and turns "\" into "/"), and only the normalised path is returned, never the raw text.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  let url: URL;
  try {
    url = new URL(value, probe);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" normalises to "//evil", which a browser would take for another host
  if (url.origin !== probe || !path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
