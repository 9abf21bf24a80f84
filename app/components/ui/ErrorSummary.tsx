import type { MouseEvent } from "react";

export type ErrorSummaryItem = { id: string; text: string };

/**
 * The errors of a form at its top, each a link to its field. Without JavaScript the link is a plain
 * fragment jump; with it the field itself gets the focus at once (a fragment jump focuses only once
 * the router has handled the hash change, and not always), as GOV.UK's error summary does.
 */
export function ErrorSummary({ message, items }: { message: string; items: readonly ErrorSummaryItem[] }) {
  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    const field = document.getElementById(id);
    if (!field) return;
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  };
  return (
    <div className="error-summary" role="alert">
      <p>{items.length > 0 ? `${message}（${items.length}件）` : message}</p>
      {items.length > 0 ? (
        <ul>
          {items.map((e) => (
            <li key={e.id}>
              <a href={`#${e.id}`} onClick={(event) => jump(event, e.id)}>
                {e.text}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
