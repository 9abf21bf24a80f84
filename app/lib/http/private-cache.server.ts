import type { RequestHandler } from "express";

export const privateNoStore = "private, no-store";

/**
 * Whatever is answered to a signed-in browser may name people and local governments it alone may
 * read: no shared cache may keep it and the browser must not store it (back button after logout on a
 * shared PC). A request carrying the session cookie counts as signed in; checking the session itself
 * would cost a query per request for no gain. Set before the render cache, so its hits repeat it.
 */
export function noStoreForSessions(cookieName: string): RequestHandler {
  const session = new RegExp(`(?:^|;)\\s*${cookieName}=`);
  return (req, res, next) => {
    if (session.test(req.headers.cookie ?? "")) res.setHeader("Cache-Control", privateNoStore);
    next();
  };
}
