import { useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { appLinkAttribute } from "~/components/ui/AppLink";

type Click = Pick<MouseEvent, "button" | "metaKey" | "altKey" | "ctrlKey" | "shiftKey" | "defaultPrevented" | "target">;

/**
 * Where a click on an AppLink should navigate within the app, or null when the browser should follow
 * it itself: another button or a modifier (a new tab or window, a download), a target other than the
 * page, a `download` link, another origin, or a click already handled.
 */
export function appLinkDestination(click: Click, origin: string): string | null {
  if (click.defaultPrevented || click.button !== 0 || click.metaKey || click.altKey || click.ctrlKey || click.shiftKey) return null;
  const element = click.target as Element | null;
  const anchor = typeof element?.closest === "function" ? element.closest(`a[${appLinkAttribute}]`) : null;
  if (!anchor || !("href" in anchor) || typeof anchor.href !== "string") return null;
  const target = anchor.getAttribute("target");
  if ((target && target !== "_self") || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href, origin);
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** One click handler for the document: AppLinks navigate on the client, as Remix's <Link>s do. */
export function useAppLinkNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const to = appLinkDestination(event, window.location.origin);
      if (to === null) return;
      event.preventDefault();
      navigate(to);
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, [navigate]);
}
