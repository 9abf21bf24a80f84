import { createContext, useContext, useMemo, type ReactNode } from "react";
import { formattersFor, isDateStyle, type DateStyle, type Formatters } from "~/domain/format";

// The signed-in user's date style (西暦／和暦) reaches components this way: the root loader returns it
// with the user, root's Layout provides it here, and components call useFormat(). Without a user (the
// login page) or outside the app (unit tests) it is 西暦.
const DateStyleContext = createContext<DateStyle>("western");

export function FormatProvider({ dateStyle, children }: { dateStyle: DateStyle; children: ReactNode }) {
  return <DateStyleContext.Provider value={dateStyle}>{children}</DateStyleContext.Provider>;
}

/** The formatters of `~/domain/format` bound to the user's date style: date, dateTime, month, number, decimal, percent. */
export function useFormat(): Formatters {
  const style = useContext(DateStyleContext);
  return useMemo(() => formattersFor(style), [style]);
}

/** The user's date style where no hook can run (a route's `meta`): root's loader data among the matches. */
export function dateStyleOfMatches(matches: readonly { id: string; data?: unknown }[]): DateStyle {
  const root = matches.find((m) => m.id === "root")?.data as { user?: { dateStyle?: unknown } | null } | undefined;
  return isDateStyle(root?.user?.dateStyle) ? root.user.dateStyle : "western";
}
