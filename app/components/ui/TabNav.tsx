import { Link, NavLink } from "@remix-run/react";
import { nationalPages, prefecturePages, type TabItem } from "~/components/shell/navigation";

/** A row of page tabs; the current page is marked with aria-current="page" (NavLink) and drawn filled. */
export function TabNav({ label, items }: { label: string; items: TabItem[] }) {
  return (
    <nav aria-label={label}>
      <ul className="tabs">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Breadcrumb, title and tabs of every page under /prefectures/:code. */
export function PrefecturePageHeader({
  prefecture,
  title,
  canSeeDetail,
  headingSuffix = "",
}: {
  prefecture: { code: string; name: string };
  title: string;
  canSeeDetail: boolean;
  headingSuffix?: string;
}) {
  return (
    <>
      <p>
        <Link to="/prefectures">都道府県</Link> ＞ <Link to={`/prefectures/${prefecture.code}`}>{prefecture.name}</Link> ＞ {title}
      </p>
      <h1>
        {prefecture.name}の{title}
        {headingSuffix}
      </h1>
      <TabNav label={`${prefecture.name}のページ`} items={prefecturePages(prefecture.code, { canSeeDetail })} />
    </>
  );
}

/** Title and tabs of the national pages. */
export function NationalPageHeader({ title, lead }: { title: string; lead?: string }) {
  return (
    <>
      <h1>{title}</h1>
      <TabNav label="全国のページ" items={nationalPages} />
      {lead ? <p className="lead">{lead}</p> : null}
    </>
  );
}
