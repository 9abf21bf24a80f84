import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formBodyHasNul, refuseNulInForms } from "./form-nul.server";

describe("formBodyHasNul", () => {
  it("finds NUL as browsers encode it (%00) and as a raw zero byte", () => {
    expect(formBodyHasNul(Buffer.from("content=a%00b"))).toBe(true);
    expect(formBodyHasNul(Buffer.from("content=a\0b"))).toBe(true);
    expect(formBodyHasNul(Buffer.from(`content=${encodeURIComponent("京\0都")}`))).toBe(true);
  });
  it("lets every other character through, a typed-in %00 included (sent as %2500)", () => {
    expect(formBodyHasNul(Buffer.from(`content=${encodeURIComponent("100%00 と書いた")}&n=%E4%BA%AC`))).toBe(false);
    expect(formBodyHasNul(Buffer.from("content=%0A%09%0D%2000"))).toBe(false);
  });
});

// a one-route Remix build that answers with the form it received, the way every action reads it
const echoBuild = {
  entry: { module: { default: () => new Response("") } },
  routes: {
    root: {
      id: "root",
      path: "",
      module: { action: async ({ request }: { request: Request }) => Response.json(Object.fromEntries(await request.formData())) },
    },
  },
  assets: { routes: {}, entry: { module: "", imports: [] }, url: "", version: "1" },
  publicPath: "/",
  assetsBuildDirectory: "",
  future: {},
  isSpaMode: false,
  basename: undefined,
  mode: "production",
} as unknown as ServerBuild;

let base: string;
let close: () => void;
beforeAll(async () => {
  const app = express();
  app.all("*", refuseNulInForms(createRequestHandler({ build: echoBuild, mode: "production" })));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const postForm = (body: string) => fetch(`${base}/?_data=root`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });

describe("refuseNulInForms", () => {
  it("answers a form with NUL in any field with 400 and the Japanese message, before any action runs", async () => {
    for (const body of ["loginId=mhlw%00&password=x", "content=a\0b"]) {
      const response = await postForm(body);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe("入力に使えない文字（NUL）が含まれています");
    }
  });

  it("hands a clean form to Remix unchanged", async () => {
    const content = "京都府 福祉保健課\n100%00 と書いた";
    const response = await postForm(new URLSearchParams({ content, intent: "create" }).toString());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ content, intent: "create" });
  });

  it("answers a body no form sends (text/plain, JSON) with 415 instead of failing in the action", async () => {
    for (const type of ["text/plain", "application/json"]) {
      const response = await fetch(`${base}/?_data=root`, { method: "POST", headers: { "Content-Type": type }, body: "intent=create" });
      expect(response.status, type).toBe(415);
      expect(await response.text()).toBe("この形式の送信は受け付けていません。画面のフォームから送信してください。");
    }
  });

  it("leaves file uploads (multipart) to their route", async () => {
    const form = new FormData();
    form.set("note", "a\0b");
    const response = await fetch(`${base}/?_data=root`, { method: "POST", body: form });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ note: "a\0b" });
  });
});
