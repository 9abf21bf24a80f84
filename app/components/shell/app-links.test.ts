import { describe, expect, it } from "vitest";
import { appLinkDestination } from "./app-links";

const origin = "https://tsunagu.example";

/** A click on something inside an anchor, as the document's handler sees it (no DOM here: the parts it reads). */
function clickOn(anchor: { href: string; attributes?: Record<string, string> } | null, click: Partial<MouseEvent> = {}) {
  const element = anchor && {
    href: new URL(anchor.href, origin).href,
    getAttribute: (name: string) => anchor.attributes?.[name] ?? null,
    hasAttribute: (name: string) => name in (anchor.attributes ?? {}),
  };
  const target = { closest: (selector: string) => (selector === "a[data-link]" ? element : null) };
  return { button: 0, metaKey: false, altKey: false, ctrlKey: false, shiftKey: false, defaultPrevented: false, target, ...click } as unknown as MouseEvent;
}

describe("appLinkDestination", () => {
  it("navigates a plain left click on an app link within the app, with its query and fragment", () => {
    expect(appLinkDestination(clickOn({ href: "/municipalities/312011?fy=2024#cooperation-history" }), origin)).toBe("/municipalities/312011?fy=2024#cooperation-history");
  });

  it("leaves to the browser a click with another button or a modifier, one already handled, or one outside an app link", () => {
    const link = { href: "/prefectures/31" };
    expect(appLinkDestination(clickOn(link, { button: 1 }), origin)).toBeNull();
    for (const modifier of ["metaKey", "altKey", "ctrlKey", "shiftKey"] as const) expect(appLinkDestination(clickOn(link, { [modifier]: true }), origin), modifier).toBeNull();
    expect(appLinkDestination(clickOn(link, { defaultPrevented: true }), origin)).toBeNull();
    expect(appLinkDestination(clickOn(null), origin)).toBeNull();
    expect(appLinkDestination({ ...clickOn(link), target: null } as unknown as MouseEvent, origin)).toBeNull();
  });

  it("leaves to the browser a link that opens elsewhere, downloads, or leads to another origin", () => {
    expect(appLinkDestination(clickOn({ href: "/prefectures/31", attributes: { target: "_blank" } }), origin)).toBeNull();
    expect(appLinkDestination(clickOn({ href: "/prefectures/31", attributes: { target: "_self" } }), origin)).toBe("/prefectures/31");
    expect(appLinkDestination(clickOn({ href: "/datasets/monthly_support/download", attributes: { download: "" } }), origin)).toBeNull();
    expect(appLinkDestination(clickOn({ href: "https://www.mhlw.go.jp/" }), origin)).toBeNull();
  });
});
