import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/session.server";
import { noStoreForSessions } from "./private-cache.server";
import { RenderCache, renderCacheMiddleware } from "./render-cache.server";

const official: SessionUser = { id: 7, loginId: "tottori-pref", displayName: "鳥取県", role: "prefecture", prefectureCode: "31", localGovernmentCode: null, mustChangePassword: false, dateStyle: "western" };

let base: string;
let close: () => void;
beforeAll(async () => {
  // the order of server.ts: the header first, then the render cache, then the pages
  const app = express();
  app.use(noStoreForSessions("__session"));
  app.use(
    renderCacheMiddleware({
      cache: new RenderCache(1024 * 1024),
      userOf: async (cookie) => (cookie?.includes("__session=") ? official : null),
      ownsBodyLists: async () => false,
      scopeLabelOf: async () => "鳥取県 担当者",
      dataVersions: async () => [1],
      today: () => "2026-12-02",
    }),
  );
  // the Remix adapter appends a route's own headers to what is already set
  app.get("/download", (_req, res) => void res.append("Cache-Control", "private, no-store").type("text/csv").send("a,b\n"));
  app.get("/public", (_req, res) => void res.append("Cache-Control", "public, max-age=600").type("html").send("<p>x</p>"));
  app.get("*", (_req, res) => void res.type("html").send("<p>鳥取県の状況</p>"));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { headers: cookie ? { Cookie: cookie } : {} });

describe("Cache-Control for signed-in users", () => {
  it("sends private, no-store with every page of a session, rendered or from the render cache", async () => {
    const first = await get("/prefectures/31", "theme=dark; __session=abc.def");
    expect(first.headers.get("x-render-cache")).toBe("miss");
    expect(first.headers.get("cache-control")).toBe("private, no-store");
    const second = await get("/prefectures/31", "theme=dark; __session=abc.def");
    expect(second.headers.get("x-render-cache")).toBe("hit");
    expect(second.headers.get("cache-control")).toBe("private, no-store");
    expect(await second.text()).toBe("<p>鳥取県の状況</p>");
  });

  it("sends it once and wins over a route's own header", async () => {
    const download = await get("/download", "__session=abc.def");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect((await get("/public", "__session=abc.def")).headers.get("cache-control")).toBe("private, no-store");
    expect((await get("/public")).headers.get("cache-control")).toBe("public, max-age=600");
  });

  it("leaves anonymous pages alone, and a cookie merely ending in the name is no session", async () => {
    expect((await get("/accessibility")).headers.get("cache-control")).toBeNull();
    expect((await get("/accessibility", "not__session=x")).headers.get("cache-control")).toBeNull();
  });
});
