import { matchRoutes } from "@remix-run/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { ownsBodyLists } from "../../db/queries/body-lists";
import { users } from "../../db/schema";
import { createApiToken } from "../../app/server/auth/api-tokens.server";
import { hashPassword } from "../../app/server/auth/password.server";
import { userOfSessionCookie, type SessionUser } from "../../app/server/auth/session.server";
import { isRenderCacheablePath, renderKey, sharesBodySlots, type CacheViewer } from "../../app/server/http/render-cache.server";
import { printScopeLabel } from "../../app/server/pages/scope-label.server";
import { action as listsAction } from "../../app/routes/lists._index";
import { demoPassword } from "../../seeds/demo-users";
import { seedDemo } from "../../seeds/demo";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { testRouteManifest } from "../setup/route-manifest";
import { callRoute } from "../setup/routes";

// The catalogue of pages the render cache shares by scope (ADR 031). Every cacheable page is loaded
// (root loader and page loader, as Remix renders it) for three viewers of each scope who differ in all
// that is their own: name, login id, e-mail, saved lists, API tokens. Viewers whose requests get the
// same cache key must get the same data, with the name as the slot: whatever a loader adds that
// depends on the viewer and not on the scope fails here. The staff of two bodies of one prefecture
// share the prefecture's pages (ADR 042), their body's code and print label as slots too. A page's HTML
// is a function of its loader data, the URL and the date style, so the same data is the same rendering.

const manifest = testRouteManifest();
const nameOnly = { displayName: "viewerSLOTname" };
const withBody = { ...nameOnly, homeBody: "viewerSLOTbody", scopeLabel: "viewerSLOTlabel" };
const listOf = { owner: 0 };

/** Sample URLs of every cacheable page; `{list}` is a list saved by another viewer of the prefecture. */
const samples: Record<string, string[]> = {
  "routes/_index": ["/", "/?fy=2024"],
  "routes/prefectures._index": ["/prefectures"],
  "routes/prefectures.$code": ["/prefectures/31?fy=2024", "/prefectures/13?fy=2024"],
  "routes/prefectures.$code_.cooperation": ["/prefectures/31/cooperation"],
  "routes/prefectures.$code_.jusou": ["/prefectures/31/jusou"],
  "routes/prefectures.$code_.supervision": ["/prefectures/31/supervision?fy=2025"],
  "routes/prefectures.$code_.support": ["/prefectures/31/support"],
  "routes/prefectures.$code_.training": ["/prefectures/31/training?fy=2025"],
  "routes/prefectures.$code_.submissions": ["/prefectures/31/submissions"],
  "routes/municipalities.$code": ["/municipalities/312011?fy=2024", "/municipalities/312011?fy=2024&list={list}"],
  "routes/compare": ["/compare?prefectures=13,31", "/compare?prefectures=31&list={list}"],
  "routes/completeness": ["/completeness"],
  "routes/cooperation": ["/cooperation"],
  "routes/jusou": ["/jusou"],
  "routes/supervision": ["/supervision"],
  "routes/support": ["/support"],
  "routes/training": ["/training"],
};

type Scope = { role: "mhlw" | "prefecture" | "municipality"; prefectureCode: string | null; localGovernmentCode: string | null };
/** The demo account of each scope, then two more of the same scope; the third saves a list and a token. */
const scopes: { demo: string; scope: Scope; listMembers: string }[] = [
  { demo: "mhlw", scope: { role: "mhlw", prefectureCode: null, localGovernmentCode: null }, listMembers: "131016\n312011" },
  { demo: "tottori-pref", scope: { role: "prefecture", prefectureCode: "31", localGovernmentCode: null }, listMembers: "312011\n312029" },
  { demo: "tottori-city", scope: { role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" }, listMembers: "312011" },
];
/** A viewer of another body of the same prefecture: 米子市's staff beside 鳥取市's. */
const neighbour = { loginId: "catalogue-yonago-city", scope: { role: "municipality", prefectureCode: "31", localGovernmentCode: "312029" } as Scope };
const viewersOf = (demo: string) => [demo, `catalogue-${demo}-2`, `catalogue-${demo}-3`, ...(demo === "tottori-city" ? [neighbour.loginId] : [])];

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
const viewers: Record<string, SessionUser & { email: string | null }> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await seedDemo(handle.db);
  const passwordHash = await hashPassword(demoPassword);
  await handle.db.insert(users).values({ loginId: neighbour.loginId, displayName: "米子市 福祉課の担当者", email: "yonago@example.jp", passwordHash, ...neighbour.scope });
  for (const { demo, scope } of scopes) {
    await handle.db.insert(users).values([
      { loginId: `catalogue-${demo}-2`, displayName: `二人目の担当者 ${demo}`, email: `second-${demo}@example.jp`, passwordHash, ...scope },
      { loginId: `catalogue-${demo}-3`, displayName: `三人目の担当者 ${demo}`, email: `third-${demo}@example.jp`, passwordHash, ...scope },
    ]);
  }
  const loginIds = scopes.flatMap((s) => viewersOf(s.demo));
  Object.assign(cookies, await demoSessionCookies(loginIds));
  for (const loginId of loginIds) {
    const user = (await userOfSessionCookie(cookies[loginId]))!;
    viewers[loginId] = {
      ...user,
      email: loginId === neighbour.loginId ? "yonago@example.jp" : loginId.startsWith("catalogue-") ? `${loginId.endsWith("-2") ? "second" : "third"}-${loginId.replace(/^catalogue-|-\d$/g, "")}@example.jp` : null,
    };
  }
  for (const { demo, listMembers } of scopes) {
    const third = `catalogue-${demo}-3`;
    const created = await callRoute(listsAction, { url: "/lists", cookie: cookies[third], form: { name: `${third}のリスト`, members: listMembers } });
    expect(created.status, third).toBe(302);
    if (demo === "tottori-pref") listOf.owner = Number(/^\/lists\/(\d+)/.exec(created.location!)![1]);
    await createApiToken(handle.db, viewers[third]!, `${third}のトークン`, null);
  }
}, 600_000);

afterAll(async () => {
  await handle?.close();
});

const cacheViewer = async (viewer: SessionUser): Promise<CacheViewer> => ({ ...viewer, ownsBodyLists: await ownsBodyLists(handle.db, viewer.id), scopeLabel: await printScopeLabel(handle.db, viewer) });

const tree = [{ id: "root", path: "", children: Object.values(manifest).flatMap((r) => (r && r.id !== "root" ? [r.index ? { id: r.id, path: r.path, index: true as const } : { id: r.id, path: r.path }] : [])) }];

/** The page's data as Remix renders it: the root loader's and the page loader's, with their statuses. */
async function pageData(url: string, loginId: string, context: object) {
  const pathname = new URL(url, "http://localhost").pathname;
  const matches = matchRoutes(tree, pathname) ?? [];
  const results = [];
  for (const match of matches) {
    const loader = manifest[match.route.id]!.module.loader;
    results.push(await callRoute(loader, { url, params: match.params as Record<string, string>, cookie: cookies[loginId], context }));
  }
  return JSON.stringify(results.map((r) => [r.status, r.location, r.data]));
}

describe("pages shared by scope (ADR 031)", () => {
  it("has samples for every page the render cache keeps, and only for those", () => {
    const cacheable = Object.values(manifest)
      .filter((r) => r && r.id !== "root" && r.module.default !== undefined)
      .filter((r) => ["31", "312011"].some((code) => isRenderCacheablePath(`/${(r!.path ?? "").replace(":code", code).replace(/:\w+/g, "1")}`.replace(/\/$/, "") || "/")))
      .map((r) => r!.id)
      .sort();
    expect(cacheable).toEqual(Object.keys(samples).sort());
    for (const urls of Object.values(samples)) for (const url of urls) expect(isRenderCacheablePath(new URL(url, "http://localhost").pathname), url).toBe(true);
  });

  for (const { demo } of scopes) {
    it(`gives every viewer of ${demo}'s scope who shares a cache key the same page, with nothing of their own in it`, async () => {
      let sharedPages = 0;
      for (const url of Object.values(samples).flat()) {
        const target = url.replace("{list}", String(listOf.owner));
        const pathname = new URL(target, "http://localhost").pathname;
        const byKey = new Map<string, string[]>();
        const slotsOf = new Map<string, typeof nameOnly>();
        for (const loginId of viewersOf(demo)) {
          const viewer = await cacheViewer(viewers[loginId]!);
          const key = renderKey(viewer, pathname, target);
          byKey.set(key, [...(byKey.get(key) ?? []), loginId]);
          slotsOf.set(key, sharesBodySlots(viewer, pathname) ? withBody : nameOnly);
        }
        for (const [key, group] of byKey) {
          if (!key.startsWith("scope ")) {
            expect(group, `${target}: a per-user key`).toHaveLength(1);
            continue;
          }
          const rendered = await Promise.all(group.map((loginId) => pageData(target, loginId, { viewerSlots: slotsOf.get(key) })));
          for (const [i, loginId] of group.entries()) {
            expect(rendered[i], `${target} as ${loginId} against ${group[0]}`).toBe(rendered[0]);
            const viewer = viewers[loginId]!;
            // (a body's code and name are the prefecture's data too: that the two bodies' staff get equal data above is the check)
            for (const own of [viewer.displayName, viewer.email, loginId.startsWith("catalogue-") ? loginId : null]) {
              if (own) expect(rendered[i]!.includes(own), `${target} as ${loginId} shows ${own}`).toBe(false);
            }
          }
          if (group.length > 1) sharedPages++;
        }
      }
      // the viewers without lists share every sample
      expect(sharedPages).toBe(Object.values(samples).flat().length);
    });
  }

  it("shares the prefecture's pages between the staff of two of its bodies, but not a body's own page", async () => {
    const [tottori, yonago] = await Promise.all(["tottori-city", neighbour.loginId].map((loginId) => cacheViewer(viewers[loginId]!)));
    expect(renderKey(tottori!, "/prefectures/31", "/prefectures/31?fy=2024")).toBe(renderKey(yonago!, "/prefectures/31", "/prefectures/31?fy=2024"));
    expect(renderKey(tottori!, "/municipalities/312011", "/municipalities/312011?fy=2024")).not.toBe(renderKey(yonago!, "/municipalities/312011", "/municipalities/312011?fy=2024"));
    // filled, each sees their own body's link and label
    const [own, theirs] = await Promise.all(["tottori-city", neighbour.loginId].map((loginId) => pageData("/prefectures/31?fy=2024", loginId, { viewerSlots: null })));
    expect(own).toContain('"homeBody":"312011"');
    expect(own).toContain("鳥取市 担当者");
    expect(theirs).toContain('"homeBody":"312029"');
    expect(theirs).toContain("米子市 担当者");
  });

  it("keeps the pages that show saved lists per user for the viewer who saved one, and shares the others", async () => {
    const owner = viewers["catalogue-tottori-pref-3"]!;
    const withLists = await cacheViewer(owner);
    expect(withLists.ownsBodyLists).toBe(true);
    expect(renderKey(withLists, "/compare", "/compare")).toBe(`user ${owner.id} western /compare`);
    expect(renderKey(withLists, "/municipalities/312011", "/municipalities/312011")).toBe(`user ${owner.id} western /municipalities/312011`);
    expect(renderKey(withLists, "/prefectures/31", "/prefectures/31")).toBe("scope prefecture:31:- western /prefectures/31");
    // the reason: their own lists are on the page
    const page = await pageData("/compare?prefectures=31", "catalogue-tottori-pref-3", { viewerSlots: null });
    expect(page).toContain("catalogue-tottori-pref-3のリスト");
  });
});
