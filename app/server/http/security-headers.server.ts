/**
 * Headers every response carries (ADR 010). Scripts run only from our origin or with the request's
 * nonce (Remix's inline hydration scripts); styles may be inline because the server-rendered charts
 * carry style attributes. Development relaxes scripts for Vite's HMR client.
 */
export function securityHeaders(options: { nonce: string; development: boolean; https: boolean }): Record<string, string> {
  const scriptSource = options.development ? "'self' 'unsafe-inline' 'unsafe-eval'" : `'self' 'nonce-${options.nonce}'`;
  const policy = [
    "default-src 'self'",
    `script-src ${scriptSource}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": policy,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
