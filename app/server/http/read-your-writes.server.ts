import type { RequestHandler } from "express";
import type { Database } from "../../../db/client";
import type { ReadRouter } from "../../../db/read-routing";

/** The raw value of the session cookie: it names the browser session whose writes it must see (ADR 030). */
export function sessionOf(cookieHeader: string | undefined, cookieName: string): string | null {
  const match = new RegExp(`(?:^|;)\\s*${cookieName}=([^;]*)`).exec(cookieHeader ?? "");
  return match?.[1] ? match[1] : null;
}

/**
 * With a read replica: every request of a signed-in browser runs as its session, so getReadDb()
 * knows whose request it serves; a request that may write (not GET/HEAD) marks the session at once
 * and records the primary's WAL position when it is done, so that session reads the primary until
 * the replica has replayed that position.
 */
export function readYourWrites(cookieName: string, router: () => ReadRouter, primary: () => Promise<Database>): RequestHandler {
  return (req, res, next) => {
    const reader = sessionOf(req.headers.cookie, cookieName);
    if (!reader) return next();
    if (req.method !== "GET" && req.method !== "HEAD") {
      const record = router().beginWrite(reader, primary);
      // "close" comes after the transaction's commit (the action has answered) and also when the client went away
      res.once("close", () => void record());
    }
    router().readingAs(reader, () => next());
  };
}

/** Skips `handler` (the render cache) for a session whose own write the replica has not replayed yet. */
export function unlessUnreplayedWrite(cookieName: string, router: () => ReadRouter, handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (!router().hasUnreplayedWrite(sessionOf(req.headers.cookie, cookieName))) return handler(req, res, next);
    // rendered from the primary and not stored: the replica has not replayed this session's write yet
    res.setHeader("X-Render-Cache", "bypass");
    next();
  };
}
