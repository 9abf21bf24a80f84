import type { RequestHandler, Response } from "express";

export const privateNoStore = "private, no-store";

/**
 * Whatever is answered to a signed-in browser may name people and local governments it alone may
 * read: no shared cache may keep it and the browser must not store it (back button after logout on a
 * shared PC). A request carrying the session cookie counts as signed in; checking the session itself
 * would cost a query per request for no gain. The header is set as the response head is written, so
 * a route's own Cache-Control (which the Remix adapter appends) can neither weaken nor repeat it, and
 * the render cache's hits carry it too.
 */
export function noStoreForSessions(cookieName: string): RequestHandler {
  const session = new RegExp(`(?:^|;)\\s*${cookieName}=`);
  return (req, res, next) => {
    if (session.test(req.headers.cookie ?? "")) {
      const writeHead = res.writeHead;
      res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
        this.setHeader("Cache-Control", privateNoStore);
        return writeHead.apply(this, args);
      } as Response["writeHead"];
    }
    next();
  };
}
