import { createContext, useContext } from "react";

/** The id of the request being rendered (X-Request-Id, on every log line about it); provided by entry.server. */
export const RequestIdContext = createContext<string | null>(null);
export const requestIdElementId = "request-id";

/**
 * What an error page can tell about its request. On the server: the id from the context. In the
 * browser, hydrating that page: the id read back from it, so React finds the same text. After a
 * client-side navigation the failed request was a data request with an id of its own that the page
 * cannot see; a reload renders the page on the server again, with its id.
 */
export function usePageRequestId(): { id: string | null; reloadForId: boolean } {
  const rendered = useContext(RequestIdContext);
  if (typeof document === "undefined") return { id: rendered, reloadForId: false };
  if (document.documentElement.dataset.hydrated === "true") return { id: null, reloadForId: true };
  return { id: document.getElementById(requestIdElementId)?.textContent ?? null, reloadForId: false };
}
