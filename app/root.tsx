import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { getDb } from "../db";
import { isDemoDataset } from "../db/queries/meta";
import { getOptionalUser } from "~/server/auth/session.server";
import { canAdministerUsers } from "~/server/auth/user-admin";
import { canAdministerApiTokens } from "~/server/auth/access";
import { userRoleLabels } from "~/domain/vocabulary";
import { useNonce } from "~/components/shell/nonce";
import { requestIdElementId, usePageRequestId } from "~/components/shell/request-id";
import { FormatProvider } from "~/components/shell/format-context";
import { useAppLinkNavigation } from "~/components/shell/app-links";
import { PrintButton, PrintStamp } from "~/components/shell/print";
import { pageToday } from "~/server/pages/today.server";
import { printScopeLabel } from "~/server/pages/scope-label.server";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await getDb();
  const [user, demo] = await Promise.all([context.sessionUser ?? getOptionalUser(request), isDemoDataset(db)]);
  return {
    demo,
    printedOn: pageToday(),
    scopeLabel: user ? (context.viewerSlots?.scopeLabel ?? (await printScopeLabel(db, user))) : null,
    user: user
      ? {
          // the one part of a shared rendering that is the viewer's own: a slot filled per response (ADR 031);
          // everything else here follows from the scope the render cache keys by
          displayName: context.viewerSlots?.displayName ?? user.displayName,
          role: user.role,
          roleLabel: userRoleLabels[user.role],
          // municipal staff: the prefecture their body belongs to (the code's first two digits)
          homePrefecture: user.prefectureCode ?? (user.role === "municipality" ? (user.localGovernmentCode?.slice(0, 2) ?? null) : null),
          // on the pages a prefecture's bodies share (ADR 042), a slot too
          homeBody: user.role === "municipality" ? (context.viewerSlots?.homeBody ?? user.localGovernmentCode) : null,
          canAdminister: canAdministerUsers(user),
          dateStyle: user.dateStyle,
          canAdministerApiTokens: canAdministerApiTokens(user),
        }
      : null,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

function NavItems({ user, pathname }: { user: NonNullable<RootData["user"]>; pathname: string }) {
  const ownPrefecture = user.homePrefecture ? `/prefectures/${user.homePrefecture}` : null;
  // one current page in the menu: the viewer's own prefecture's pages mark its own link, not 「都道府県」 as well
  const onOwnPrefecture = ownPrefecture !== null && (pathname === ownPrefecture || pathname.startsWith(`${ownPrefecture}/`));
  return (
    <ul>
      <li>
        <NavLink to="/" end>
          全国
        </NavLink>
      </li>
      <li>{onOwnPrefecture ? <Link to="/prefectures">都道府県</Link> : <NavLink to="/prefectures">都道府県</NavLink>}</li>
      <li>
        <NavLink to="/compare">比較</NavLink>
      </li>
      {user.homePrefecture ? (
        <li>
          <NavLink to={`/prefectures/${user.homePrefecture}`}>{user.homeBody ? "都道府県の状況" : "自分の都道府県"}</NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/completeness">提出状況</NavLink>
      </li>
      {user.homeBody ? (
        <li>
          <NavLink to={`/municipalities/${user.homeBody}`}>自分の自治体</NavLink>
        </li>
      ) : null}
      <li>
        <NavLink to="/uploads">アップロード</NavLink>
      </li>
      {user.canAdminister ? (
        <>
          <li>
            <NavLink to="/admin/users">利用者</NavLink>
          </li>
          <li>
            <NavLink to="/admin/audit">操作履歴</NavLink>
          </li>
        </>
      ) : null}
      {user.canAdministerApiTokens ? (
        <li>
          <NavLink to="/admin/tokens">APIトークンの管理</NavLink>
        </li>
      ) : null}
    </ul>
  );
}

function UserItems({ user }: { user: NonNullable<RootData["user"]> }) {
  return (
    <div className="site-user">
      <span>
        {user.displayName}（{user.roleLabel}）
      </span>
      <a href="/account">アカウント設定</a>
      <a href="/account/tokens">APIトークン</a>
      <Form method="post" action="/logout">
        <button type="submit">ログアウト</button>
      </Form>
    </div>
  );
}

/**
 * Wide screens show the links in a row; narrow ones a <details> menu, which opens by keyboard and
 * without JavaScript. CSS shows one of the two (display: none hides the other from screen readers).
 */
function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  // remounting on navigation closes the menu after a link in it is followed
  const { pathname } = useLocation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="site-title">
          <a href="/">つなぐ</a>
        </p>
        {data?.demo ? (
          <span className="demo-badge" role="note">
            デモデータ
          </span>
        ) : null}
        {user ? (
          <>
            <nav className="site-nav site-nav--wide" aria-label="メイン">
              <NavItems user={user} pathname={pathname} />
            </nav>
            <div className="site-user--wide">
              <UserItems user={user} />
            </div>
            <details className="site-menu" key={pathname}>
              <summary>メニュー</summary>
              <div className="site-menu__panel">
                <nav className="site-nav" aria-label="メイン">
                  <NavItems user={user} pathname={pathname} />
                </nav>
                <UserItems user={user} />
              </div>
            </details>
          </>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="ja">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          本文へ移動
        </a>
        <FormatProvider dateStyle={data?.user?.dateStyle ?? "western"}>
          <SiteHeader />
          <main id="main" tabIndex={-1}>
            {data ? <PrintStamp scopeLabel={data.scopeLabel} printedOn={data.printedOn} /> : null}
            {data?.user ? <PrintButton /> : null}
            {children}
          </main>
        </FormatProvider>
        <footer className="site-footer">
          <a href="/accessibility">ウェブアクセシビリティ方針</a> <a href="/indicators">指標の定義</a>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useAppLinkNavigation();
  // Marks the page as interactive, so browser tests wait for hydration before they type or click.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

/** Japanese messages only; details stay in the server log, never on the page. */
export function ErrorBoundary() {
  const error = useRouteError();
  const requestId = usePageRequestId();
  // an error page is interactive too; browser tests wait for this, and a later error knows it came after navigation
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" && error.data ? error.data : "ページを表示できませんでした。";
    return (
      <div className="error-summary" role="alert">
        <h1>{error.status === 404 ? "ページが見つかりません" : error.status === 403 ? "権限がありません" : "エラー"}</h1>
        <p>{message}</p>
        <p>
          <a href="/">全国の状況へ戻る</a>
        </p>
      </div>
    );
  }
  return (
    <div className="error-summary" role="alert">
      <h1>エラーが発生しました</h1>
      <p>時間をおいて再度お試しください。解決しない場合は管理者にお問い合わせください。</p>
      {requestId.id ? (
        <p>
          問い合わせの際は次の番号をお伝えください: <code id={requestIdElementId}>{requestId.id}</code>
        </p>
      ) : requestId.reloadForId ? (
        <p>問い合わせの際は、ページを再読み込みして表示される番号をお伝えください。</p>
      ) : null}
    </div>
  );
}
