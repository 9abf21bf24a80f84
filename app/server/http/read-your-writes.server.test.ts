import { EventEmitter } from "node:events";
import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { ReadRouter } from "../../../db/read-routing";
import { readYourWrites, sessionOf, unlessUnreplayedWrite } from "./read-your-writes.server";

describe("sessionOf", () => {
  it("finds the session cookie among others, and nothing without it", () => {
    expect(sessionOf("theme=dark; __session=abc.def; x=1", "__session")).toBe("abc.def");
    expect(sessionOf("__session=abc", "__session")).toBe("abc");
    expect(sessionOf("my__session=abc", "__session")).toBeNull();
    expect(sessionOf("__session=", "__session")).toBeNull();
    expect(sessionOf(undefined, "__session")).toBeNull();
  });
});

function fakes() {
  const state = { primaryLsn: "0/100", replayed: "0/80" };
  const primary = { execute: async () => [{ lsn: state.primaryLsn }] } as unknown as Database;
  const replica = { execute: async () => [{ lsn: state.replayed }] } as unknown as Database;
  const router = new ReadRouter(() => 0);
  const middleware = readYourWrites("__session", () => router, async () => primary);
  /** runs a request through the middleware; resolves with the database its getReadDb() would use */
  const request = (method: string, cookie?: string) => {
    const res = new EventEmitter() as unknown as Response;
    const req = { method, headers: cookie ? { cookie } : {} } as Request;
    const chosen = new Promise<string>((resolve) =>
      middleware(req, res, () => void router.choose(async () => primary, replica).then((db) => resolve(db === primary ? "primary" : "replica"))),
    );
    return { res, chosen };
  };
  return { state, router, request };
}

describe("readYourWrites", () => {
  it("marks a session's POST at once and records the primary's WAL position when the response closes", async () => {
    const { router, request } = fakes();
    const post = request("POST", "__session=writer");
    expect(router.hasUnreplayedWrite("writer")).toBe(true);
    expect(await post.chosen).toBe("primary");
    (post.res as unknown as EventEmitter).emit("close");
    await new Promise((resolve) => setTimeout(resolve, 0));
    // the replica has replayed 0/80, the commit is at 0/100: the writer's next page reads the primary, another session's the replica
    expect(await request("GET", "__session=writer").chosen).toBe("primary");
    expect(await request("GET", "__session=other").chosen).toBe("replica");
  });

  it("does not mark GET requests, nor requests without a session", async () => {
    const { router, request } = fakes();
    expect(await request("GET", "__session=reader").chosen).toBe("replica");
    expect(await request("POST").chosen).toBe("replica");
    expect(router.hasUnreplayedWrite("reader")).toBe(false);
  });

  it("skips the render cache for a session with an unreplayed write only", async () => {
    const { router } = fakes();
    router.beginWrite("writer", async () => ({}) as Database);
    const reached: string[] = [];
    const headers: Record<string, string>[] = [{}, {}];
    const response = (i: number) => ({ setHeader: (name: string, value: string) => (headers[i]![name] = value) }) as unknown as Response;
    const guarded = unlessUnreplayedWrite("__session", () => router, () => reached.push("cache"));
    guarded({ headers: { cookie: "__session=writer" } } as Request, response(0), () => reached.push("next"));
    guarded({ headers: { cookie: "__session=other" } } as Request, response(1), () => reached.push("next"));
    expect(reached).toEqual(["next", "cache"]);
    // the writer's page says why it was not cached
    expect(headers).toEqual([{ "X-Render-Cache": "bypass" }, {}]);
  });
});
