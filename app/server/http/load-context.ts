// What the HTTP server (server.ts) hands every loader and action besides the request.
export type RequestContext = {
  /** the X-Request-Id of this request, also on every log line about it */
  requestId?: string;
  /** the client's address as the server sees it (behind TRUST_PROXY hops), for throttling and the audit log */
  clientAddress?: string | null;
  /** the nonce of this response's Content-Security-Policy */
  cspNonce?: string;
  /** performance.now() when the request reached the server, for Server-Timing */
  startedAt?: number;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
