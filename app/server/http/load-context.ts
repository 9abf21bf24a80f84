// What the HTTP server (server.ts) hands every loader and action besides the request.
import type { SessionUser } from "../auth/session.server";

/**
 * The parts of a shared rendering that belong to the viewer (ADR 031): the root loader writes each
 * slot's token where the value goes, and the render cache puts the viewer's value in its place in every
 * response. Only what needs no escaping in HTML text, JSON or a script can go into a slot verbatim.
 */
export type ViewerSlots = {
  displayName: string;
  /**
   * Only on the pages the staff of a prefecture's bodies share (ADR 042): their own body's code (the
   * header's link to it) and whom a print speaks for. Never on a body's own page, whose header marks the
   * link to the body as the current page.
   */
  homeBody?: string;
  scopeLabel?: string;
};

export type RequestContext = {
  /** the X-Request-Id of this request, also on every log line about it */
  requestId?: string;
  /** the client's address as the server sees it (behind TRUST_PROXY hops), for throttling and the audit log */
  clientAddress?: string | null;
  /** the nonce of this response's Content-Security-Policy */
  cspNonce?: string;
  /** performance.now() when the request reached the server, for Server-Timing */
  startedAt?: number;
  /**
   * Set when this rendering is kept for every viewer of the scope (ADR 031): the root loader writes
   * these tokens in place of the viewer's own parts, and the render cache fills them per response.
   */
  viewerSlots?: ViewerSlots | null;
  /**
   * The signed-in user as the render cache read them at the start of this request (cacheable pages it
   * renders): the root loader takes them from here instead of reading the session again (ADR 044).
   * The page's own loader still checks access with its own read.
   */
  sessionUser?: SessionUser | null;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}
