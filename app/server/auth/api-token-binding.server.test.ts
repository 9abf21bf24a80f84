import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "./session.server";

const user: SessionUser = { id: 7, loginId: "tottori-pref", displayName: "鳥取県", role: "prefecture", prefectureCode: "31", localGovernmentCode: null, mustChangePassword: false, dateStyle: "western" as const };

describe("the API token's user bound to a request", () => {
  it("is seen by another copy of the session module (server.ts binds, the Remix build's loaders read), for GET only", async () => {
    const serverCopy = await import("./session.server");
    vi.resetModules();
    const buildCopy = await import("./session.server");
    expect(buildCopy).not.toBe(serverCopy);
    const get = new Request("http://localhost/prefectures/31");
    serverCopy.bindApiTokenUser(get, user);
    expect(await buildCopy.getOptionalUser(get)).toEqual(user);
    // a POST bound by mistake is still no session: tokens never act
    const post = new Request("http://localhost/prefectures/31/supervision", { method: "POST" });
    serverCopy.bindApiTokenUser(post, user);
    expect(await buildCopy.getOptionalUser(post)).toBeNull();
  });
});
