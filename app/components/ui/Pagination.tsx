import { Link, useLocation } from "@remix-run/react";

/** The pages to offer: the first, the last, and two either side of the current one; null marks a gap. */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  return shown.flatMap((p, i) => (i > 0 && p - shown[i - 1]! > 1 ? [null, p] : [p]));
}

/**
 * Page links for a long table: the current URL (filters included) with ?page=N, the one-off markers
 * (saved, edit, confirm) dropped. `anchor` brings the table back into view.
 */
export function Pagination({ page, pages, label, anchor }: { page: number; pages: number; label: string; anchor?: string }) {
  const location = useLocation();
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(location.search);
    for (const marker of ["saved", "edit", "confirm", "index"]) params.delete(marker);
    if (p === 1) params.delete("page");
    else params.set("page", String(p));
    const search = params.toString();
    return `${location.pathname}${search ? `?${search}` : ""}${anchor ? `#${anchor}` : ""}`;
  };
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)}>前へ</Link>
          </li>
        ) : null}
        {pageWindow(page, pages).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              <Link to={href(p)} aria-label={`${p}ページ目`} aria-current={p === page ? "page" : undefined}>
                {p}
              </Link>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <Link to={href(page + 1)}>次へ</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
