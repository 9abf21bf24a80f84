import type { AnchorHTMLAttributes } from "react";

/** The attribute that marks an AppLink for the root's click handler (`useAppLinkNavigation`). */
export const appLinkAttribute = "data-link";

/**
 * A link to a page of the app as a plain anchor. A plain left click becomes a client-side navigation
 * through the root's one click handler, as with Remix's <Link>, but rendering it runs no router hooks:
 * a <Link> resolves its path against the route matches while rendering (~10 µs each), and a prefecture
 * page has ~300 links (ADR 046). Before the scripts load, and for a modified or middle click, it is an
 * ordinary link. Only absolute paths: there is nothing to resolve them against.
 */
export function AppLink({ to, ...anchor }: { to: `/${string}` } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">) {
  return <a href={to} {...{ [appLinkAttribute]: "" }} {...anchor} />;
}
