import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/session.server";
import type { ViewerSlots } from "./load-context";
import { isRenderCacheablePath, RenderCache, renderCacheMiddleware, renderGeneration, renderKey, sharesBodySlots, showsViewerLists, type CachedRender } from "./render-cache.server";

const page = (body: string): CachedRender => ({ body, nonce: "n", slots: null, contentType: "text/html; charset=utf-8", cacheControl: null });
// entries are counted as 2 bytes per UTF-16 unit plus 200
const sized = (bytes: number) => page("x".repeat((bytes - 200) / 2));

describe("isRenderCacheablePath", () => {
  it("takes the aggregate views, as documents and as single-fetch data requests", () => {
    for (const path of [
      "/",
      "/_root.data",
      "/prefectures",
      "/prefectures/31",
      "/prefectures/31.data",
      "/prefectures/13/supervision",
      "/prefectures/13/training.data",
      "/prefectures/01/submissions",
      "/municipalities/312011",
      "/municipalities/312011.data",
      "/compare",
      "/jusou",
      "/cooperation",
      "/supervision",
      "/support",
      "/training",
    ])
      expect(isRenderCacheablePath(path), path).toBe(true);
  });

  it("leaves out uploads, accounts, administration, downloads and anything unknown", () => {
    for (const path of [
      "/login",
      "/logout",
      "/uploads",
      "/uploads/12",
      "/uploads/new/monthly_support",
      "/admin/users",
      "/admin/audit",
      "/account/password",
      "/datasets/monthly_support",
      "/datasets/monthly_support/download",
      "/prefectures/31/uploads",
      "/prefectures/3",
      "/municipalities/31201",
      "/healthz",
      "/accessibility",
      "/compare/",
      "/.data",
    ])
      expect(isRenderCacheablePath(path), path).toBe(false);
  });
});

describe("RenderCache", () => {
  it("returns what was stored for the same generation and key only", () => {
    const cache = new RenderCache(10_000);
    const g1 = renderGeneration([1], "2026-12-01");
    cache.set(g1, "1 /", page("a"));
    expect(cache.get(g1, "1 /")?.body).toBe("a");
    expect(cache.get(g1, "2 /")).toBeUndefined();
    expect(cache.get(renderGeneration([2], "2026-12-01"), "1 /")).toBeUndefined();
    expect(cache.get(renderGeneration([1], "2026-12-02"), "1 /")).toBeUndefined();
  });

  it("empties itself when a newer generation is stored, and drops late renders of an older one", () => {
    const cache = new RenderCache(10_000);
    const g9 = renderGeneration([9], "2026-12-01");
    const g10 = renderGeneration([10], "2026-12-01");
    cache.set(g9, "1 /a", page("a"));
    cache.set(g9, "1 /b", page("b"));
    expect(cache.size).toBe(2);
    cache.set(g10, "1 /a", page("a2"));
    expect(cache.size).toBe(1);
    expect(cache.get(g10, "1 /a")?.body).toBe("a2");
    cache.set(g9, "1 /b", page("b-late"));
    expect(cache.size).toBe(1);
    expect(cache.get(g9, "1 /b")).toBeUndefined();
    // version 10 sorts after 9 as a string too
    expect(g10 > g9).toBe(true);
    expect(renderGeneration([10], "2026-12-01") < renderGeneration([10], "2026-12-02")).toBe(true);
    // with a replica: the primary's version, then the replica's
    expect(renderGeneration([10, 9], "2026-12-01") < renderGeneration([10, 10], "2026-12-01")).toBe(true);
    expect(renderGeneration([10, 10], "2026-12-01") < renderGeneration([11, 10], "2026-12-01")).toBe(true);
  });

  it("evicts the least recently used entries when the byte budget is spent", () => {
    const cache = new RenderCache(2_000);
    const g = renderGeneration([1], "2026-12-01");
    cache.set(g, "a", sized(500));
    cache.set(g, "b", sized(500));
    cache.set(g, "c", sized(500));
    expect(cache.usedBytes).toBe(1_500);
    cache.get(g, "a"); // a is now the most recent; b the least
    cache.set(g, "d", sized(500));
    expect(cache.usedBytes).toBe(2_000);
    cache.set(g, "e", sized(400));
    // 2,400 > 2,000: b goes (2,400 − 500 = 1,900)
    expect(cache.usedBytes).toBe(1_900);
    expect(cache.get(g, "b")).toBeUndefined();
    for (const key of ["a", "c", "d", "e"]) expect(cache.get(g, key), key).toBeDefined();
    // replacing an entry counts only its new size
    cache.set(g, "a", sized(300));
    expect(cache.usedBytes).toBe(1_700);
  });

  it("does not store an entry larger than a quarter of the budget", () => {
    const cache = new RenderCache(1_000);
    const g = renderGeneration([1], "2026-12-01");
    cache.set(g, "big", sized(260));
    expect(cache.size).toBe(0);
    cache.set(g, "fits", sized(250));
    expect(cache.size).toBe(1);
  });
});

const user = (id: number, displayName: string, scope: Pick<SessionUser, "role" | "prefectureCode" | "localGovernmentCode">): SessionUser => ({
  id,
  loginId: `u${id}`,
  displayName,
  ...scope,
  mustChangePassword: false,
  dateStyle: "western",
});
const tottoriPref = { role: "prefecture", prefectureCode: "31", localGovernmentCode: null } as const;
const viewers: Record<string, SessionUser> = {
  a: user(1, "鳥取 一郎", tottoriPref),
  b: user(2, "鳥取 花子", tottoriPref),
  withLists: user(3, "鳥取 三郎", tottoriPref),
  oddName: user(4, "鳥取 <四郎> & \"Co\"", tottoriPref),
  tokyo: user(5, "東京 五郎", { role: "prefecture", prefectureCode: "13", localGovernmentCode: null }),
  city: user(6, "鳥取市 六子", { role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" }),
  yonago: user(9, "米子市 九郎", { role: "municipality", prefectureCode: "31", localGovernmentCode: "312029" }),
  tokyoWard: user(10, "千代田区 十和", { role: "municipality", prefectureCode: "13", localGovernmentCode: "131016" }),
  noPrefecture: user(11, "倉吉市 十一", { role: "municipality", prefectureCode: null, localGovernmentCode: "312037" }),
  mhlw: user(7, "厚労 七海", { role: "mhlw", prefectureCode: null, localGovernmentCode: null }),
  mhlwJapaneseDates: { ...user(8, "厚労 八重", { role: "mhlw", prefectureCode: null, localGovernmentCode: null }), dateStyle: "japanese" },
};

/** Whom each viewer's prints speak for (the root loader's label). */
const labelOf = (v: SessionUser) =>
  ({ 6: "鳥取市 担当者", 9: "米子市 担当者", 10: "千代田区 担当者", 11: "倉吉市 担当者" })[v.id] ?? (v.role === "mhlw" ? "厚生労働省 担当者" : `${v.prefectureCode === "13" ? "東京都" : "鳥取県"} 担当者`);

describe("renderKey", () => {
  const viewer = (v: SessionUser, ownsBodyLists = false, scopeLabel = labelOf(v)) => ({ ...v, ownsBodyLists, scopeLabel });
  it("is the scope, date style and URL: the same for two officials of one prefecture, different across scopes", () => {
    expect(renderKey(viewer(viewers.a!), "/prefectures/31", "/prefectures/31?fy=2024")).toBe("scope prefecture:31:- western /prefectures/31?fy=2024");
    expect(renderKey(viewer(viewers.b!), "/prefectures/31", "/prefectures/31?fy=2024")).toBe(renderKey(viewer(viewers.a!), "/prefectures/31", "/prefectures/31?fy=2024"));
    const keys = ["tokyo", "city", "mhlw", "mhlwJapaneseDates", "a"].map((v) => renderKey(viewer(viewers[v]!), "/", "/"));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("is the user on a page showing their own saved lists when they have some, and for a name a slot cannot hold", () => {
    expect(showsViewerLists("/compare")).toBe(true);
    expect(showsViewerLists("/municipalities/312011.data")).toBe(true);
    expect(showsViewerLists("/prefectures/31")).toBe(false);
    expect(renderKey(viewer(viewers.withLists!, true), "/compare", "/compare")).toBe("user 3 western /compare");
    expect(renderKey(viewer(viewers.withLists!, true), "/prefectures/31", "/prefectures/31")).toBe("scope prefecture:31:- western /prefectures/31");
    expect(renderKey(viewer(viewers.oddName!), "/", "/")).toBe("user 4 western /");
  });

  it("is the prefecture for a body's staff outside a body's own page, their body on it (ADR 042)", () => {
    expect(renderKey(viewer(viewers.city!), "/prefectures/31", "/prefectures/31?fy=2024")).toBe("scope municipality:31:* western /prefectures/31?fy=2024");
    expect(renderKey(viewer(viewers.yonago!), "/prefectures/31", "/prefectures/31?fy=2024")).toBe("scope municipality:31:* western /prefectures/31?fy=2024");
    expect(renderKey(viewer(viewers.tokyoWard!), "/prefectures/31", "/prefectures/31?fy=2024")).toBe("scope municipality:13:* western /prefectures/31?fy=2024");
    expect(renderKey(viewer(viewers.city!), "/municipalities/312011", "/municipalities/312011")).toBe("scope municipality:31:312011 western /municipalities/312011");
    expect(renderKey(viewer(viewers.city!), "/municipalities/312011.data", "/municipalities/312011.data")).toBe("scope municipality:31:312011 western /municipalities/312011.data");
    expect(renderKey(viewer(viewers.yonago!), "/municipalities/312011", "/municipalities/312011")).toBe("scope municipality:31:312029 western /municipalities/312011");
    expect(sharesBodySlots(viewer(viewers.city!), "/_root.data")).toBe(true);
    expect(sharesBodySlots(viewer(viewers.city!), "/municipalities/312011")).toBe(false);
    expect(sharesBodySlots(viewer(viewers.city!), "/prefectures/31/jusou")).toBe(false);
    expect(sharesBodySlots(viewer(viewers.city!), "/prefectures/31/training")).toBe(true);
    expect(sharesBodySlots(viewer(viewers.a!), "/prefectures/31")).toBe(false);
    // a label a slot cannot hold, or an account without its prefecture: the body's own scope
    expect(renderKey(viewer(viewers.city!, false, "鳥取市 <担当>"), "/prefectures/31", "/prefectures/31")).toBe("scope municipality:31:312011 western /prefectures/31");
    expect(renderKey(viewer(viewers.noPrefecture!), "/prefectures/31", "/prefectures/31")).toBe("scope municipality:-:312037 western /prefectures/31");
  });
});

// The middleware in front of a stand-in for Remix: it renders the header as the root loader does (the
// slot's token when the load context has one, else the name) and the scope's page, and counts renders.
describe("renderCacheMiddleware shared by scope", () => {
  let base: string;
  let close: () => void;
  const renders: string[] = [];
  const handedUsers: (number | null)[] = [];
  beforeAll(async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = Math.random().toString(36).slice(2);
      next();
    });
    const viewerOf = (cookie: string | undefined) => viewers[/session=(\w+)/.exec(cookie ?? "")?.[1] ?? ""] ?? null;
    app.use(
      renderCacheMiddleware({
        cache: new RenderCache(1024 * 1024),
        userOf: async (cookie) => viewerOf(cookie),
        ownsBodyLists: async (id) => id === viewers.withLists!.id,
        scopeLabelOf: async (v) => labelOf(v),
        dataVersions: async () => [1],
        today: () => "2026-12-02",
      }),
    );
    app.get("*", (req, res) => {
      const viewer = viewerOf(req.headers.cookie)!;
      renders.push(`${viewer.id} ${req.originalUrl}`);
      handedUsers.push((res.locals.sessionUser as SessionUser | undefined)?.id ?? null);
      const slots = res.locals.viewerSlots as ViewerSlots | null | undefined;
      const name = slots?.displayName ?? viewer.displayName;
      const home = slots?.homeBody ?? viewer.localGovernmentCode;
      const label = slots?.scopeLabel ?? labelOf(viewer);
      const status = req.path === "/prefectures/13" && viewer.prefectureCode !== "13" && viewer.role !== "mhlw" ? 403 : 200;
      const json = JSON.stringify({ user: { displayName: name, ...(home ? { homeBody: home } : {}) } });
      // on a body's page its own staff's view differs from everyone else's
      const own = req.path === `/municipalities/${viewer.localGovernmentCode}` ? " (own body)" : "";
      res
        .status(status)
        .type("html")
        .send(
          `<header><b>${name}</b>${home ? `<a href="/municipalities/${home}">自分の自治体</a>` : ""}<small>${label}として印刷</small></header>` +
            `<main>${req.path} as ${viewer.role} ${viewer.prefectureCode ?? ""}${own}</main><script nonce="${res.locals.cspNonce}">${JSON.stringify(json)}</script>`,
        );
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const get = async (path: string, as: string) => {
    const response = await fetch(`${base}${path}`, { headers: { Cookie: `__session=${as}` } });
    return { status: response.status, outcome: response.headers.get("x-render-cache"), body: await response.text() };
  };
  const header = (body: string) => /<b>(.*?)<\/b>/.exec(body)![1];

  it("serves a second official of the same prefecture the first one's rendering, with their own name", async () => {
    const first = await get("/prefectures/31", "a");
    expect([first.status, first.outcome, header(first.body)]).toEqual([200, "miss", "鳥取 一郎"]);
    const second = await get("/prefectures/31", "b");
    expect([second.status, second.outcome, header(second.body)]).toEqual([200, "hit", "鳥取 花子"]);
    expect(second.body).not.toContain("鳥取 一郎");
    expect(second.body).toContain('{\\"user\\":{\\"displayName\\":\\"鳥取 花子\\"}}');
    expect(second.body.replace(/nonce="\w+"/, "").replace("鳥取 花子", "X").replace("鳥取 花子", "X")).toBe(first.body.replace(/nonce="\w+"/, "").replace("鳥取 一郎", "X").replace("鳥取 一郎", "X"));
    expect(renders.filter((r) => r.endsWith(" /prefectures/31"))).toEqual(["1 /prefectures/31"]);
  });

  it("hands the render the user it read, so the root loader need not read the session again", async () => {
    handedUsers.length = 0;
    expect((await get("/prefectures/31?fy=2023", "b")).outcome).toBe("miss");
    expect((await get("/prefectures/31?fy=2023", "a")).outcome).toBe("hit");
    expect((await get("/prefectures/31?fy=2023", "tokyo")).outcome).toBe("miss");
    expect(handedUsers).toEqual([viewers.b!.id, viewers.tokyo!.id]);
  });

  it("renders anew, through the page's own guards, for a viewer of any other scope", async () => {
    for (const as of ["tokyo", "city", "mhlw", "mhlwJapaneseDates"]) {
      const response = await get("/prefectures/31", as);
      expect(response.outcome, as).toBe("miss");
      expect(header(response.body), as).toBe(viewers[as]!.displayName);
      expect(response.body, as).not.toContain("鳥取 一郎");
    }
    expect(renders.filter((r) => r.endsWith(" /prefectures/31"))).toEqual(["1 /prefectures/31", "5 /prefectures/31", "6 /prefectures/31", "7 /prefectures/31", "8 /prefectures/31"]);
    // a refusal is never kept: the next viewer of that scope is refused by the guard again
    const refused = await get("/prefectures/13", "a");
    expect([refused.status, refused.outcome, header(refused.body)]).toEqual([403, "miss", "鳥取 一郎"]);
    expect((await get("/prefectures/13", "b")).status).toBe(403);
    expect(renders.filter((r) => r.endsWith(" /prefectures/13"))).toEqual(["1 /prefectures/13", "2 /prefectures/13"]);
  });

  it("shares a prefecture's page among the staff of its bodies, each with their own body link and print label, but not a body's own page", async () => {
    const first = await get("/prefectures/31?fy=2025", "city");
    expect([first.outcome, header(first.body)]).toEqual(["miss", "鳥取市 六子"]);
    expect(first.body).toContain('<a href="/municipalities/312011">自分の自治体</a><small>鳥取市 担当者として印刷</small>');
    const second = await get("/prefectures/31?fy=2025", "yonago");
    expect([second.status, second.outcome, header(second.body)]).toEqual([200, "hit", "米子市 九郎"]);
    expect(second.body).toContain('<a href="/municipalities/312029">自分の自治体</a><small>米子市 担当者として印刷</small>');
    expect(second.body).toContain('{\\"displayName\\":\\"米子市 九郎\\",\\"homeBody\\":\\"312029\\"}');
    for (const theirs of ["312011", "鳥取市"]) expect(second.body).not.toContain(theirs);
    // another prefecture's bodies, and the prefecture's own officials, are other scopes
    expect((await get("/prefectures/31?fy=2025", "tokyoWard")).outcome).toBe("miss");
    expect((await get("/prefectures/31?fy=2025", "a")).outcome).toBe("miss");
    expect(renders.filter((r) => r.endsWith(" /prefectures/31?fy=2025"))).toEqual(["6 /prefectures/31?fy=2025", "10 /prefectures/31?fy=2025", "1 /prefectures/31?fy=2025"]);

    const own = await get("/municipalities/312011", "city");
    expect([own.outcome, own.body.includes("(own body)")]).toEqual(["miss", true]);
    const other = await get("/municipalities/312011", "yonago");
    expect([other.outcome, other.body.includes("(own body)")]).toEqual(["miss", false]);
    expect(other.body).toContain('<a href="/municipalities/312029">');
  });

  it("keeps a page showing saved lists per user for a viewer who has some, and a name a slot cannot hold", async () => {
    expect((await get("/compare", "a")).outcome).toBe("miss");
    expect((await get("/compare", "b")).outcome).toBe("hit");
    const own = await get("/compare", "withLists");
    expect([own.outcome, header(own.body)]).toEqual(["miss", "鳥取 三郎"]);
    expect((await get("/compare", "withLists")).outcome).toBe("hit");
    expect((await get("/prefectures/31", "withLists")).outcome).toBe("hit");
    const odd = await get("/prefectures/31", "oddName");
    expect([odd.outcome, header(odd.body)]).toEqual(["miss", viewers.oddName!.displayName]);
    expect((await get("/prefectures/31", "a")).outcome).toBe("hit");
  });
});
