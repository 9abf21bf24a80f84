import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PrefectureScopeError } from "../../../db/queries/prefecture-scope";
import { DuplicateRecordError } from "../../../db/queries/supervision";
import { handleCrudAction, type CrudForm } from "./crud-action.server";

const url = "http://localhost/prefectures/31/supervision?fy=2025&edit=3";
const post = (form: Record<string, string>) => new Request(url, { method: "POST", body: new URLSearchParams(form) });

function page(calls: string[], overrides: Partial<CrudForm<{ content: string }>> = {}): CrudForm<{ content: string }> {
  return {
    parse: (form) => z.object({ content: z.string().min(1, "内容を入力してください") }).safeParse(form),
    save: async (values, id) => void calls.push(`save ${values.content} ${id}`),
    exists: async (id) => id === 7,
    remove: async (id) => void calls.push(`remove ${id}`),
    notFound: "この記録は見つかりません",
    missingId: { delete: "削除する記録が指定されていません" },
    ...overrides,
  };
}

async function answer(result: unknown) {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  const { init, data } = result as { init: { status: number }; data: unknown };
  return { status: init.status, data };
}

describe("the create/update/delete action of a record list", () => {
  it("saves and goes back to the same view with ?saved=", async () => {
    const calls: string[] = [];
    expect(await answer(await handleCrudAction(post({ intent: "create", content: "訪問" }), page(calls)))).toEqual({ status: 302, location: "/prefectures/31/supervision?fy=2025&saved=created" });
    expect(await answer(await handleCrudAction(post({ intent: "update", id: "7", content: "電話" }), page(calls)))).toEqual({ status: 302, location: "/prefectures/31/supervision?fy=2025&saved=updated" });
    expect(calls).toEqual(["save 訪問 undefined", "save 電話 7"]);
  });

  it("answers a wrong intent or id, a missing id and invalid fields with 400", async () => {
    const calls: string[] = [];
    expect(await answer(await handleCrudAction(post({ intent: "drop" }), page(calls)))).toEqual({ status: 400, data: { fieldErrors: {}, formError: "操作が正しくありません" } });
    expect(await answer(await handleCrudAction(post({ intent: "delete", id: "2147483648" }), page(calls)))).toEqual({ status: 400, data: { fieldErrors: {}, formError: "操作が正しくありません" } });
    expect(await answer(await handleCrudAction(post({ intent: "delete" }), page(calls)))).toEqual({ status: 400, data: { fieldErrors: {}, formError: "削除する記録が指定されていません" } });
    expect(await answer(await handleCrudAction(post({ intent: "update" }), page(calls, { missingId: { update: "操作が正しくありません", delete: "操作が正しくありません" } })))).toEqual({
      status: 400,
      data: { fieldErrors: {}, formError: "操作が正しくありません" },
    });
    expect(await answer(await handleCrudAction(post({ intent: "create", content: "" }), page(calls)))).toEqual({
      status: 400,
      data: { fieldErrors: { content: ["内容を入力してください"] }, formError: "入力内容を確認してください" },
    });
    expect(calls).toEqual([]);
  });

  it("asks before deleting, and deletes once confirmed", async () => {
    const calls: string[] = [];
    expect(await answer(await handleCrudAction(post({ intent: "delete", id: "7" }), page(calls)))).toEqual({ status: 302, location: "/prefectures/31/supervision?fy=2025&confirm=7#confirm-step" });
    expect(await answer(await handleCrudAction(post({ intent: "delete", id: "8" }), page(calls)))).toEqual({ status: 403, data: { fieldErrors: {}, formError: "この記録は見つかりません" } });
    expect(await answer(await handleCrudAction(post({ intent: "delete", id: "7", confirmed: "yes" }), page(calls)))).toEqual({ status: 302, location: "/prefectures/31/supervision?fy=2025&saved=deleted" });
    expect(calls).toEqual(["remove 7"]);
  });

  it("answers a record of another prefecture with 403 and a duplicate with 400, each with its message", async () => {
    const refuse = (error: Error) => page([], { save: async () => Promise.reject(error) });
    expect(await answer(await handleCrudAction(post({ intent: "create", content: "x" }), refuse(new PrefectureScopeError("管外です"))))).toEqual({ status: 403, data: { fieldErrors: {}, formError: "管外です" } });
    expect(await answer(await handleCrudAction(post({ intent: "create", content: "x" }), refuse(new DuplicateRecordError("同じ記録があります"))))).toEqual({ status: 400, data: { fieldErrors: {}, formError: "同じ記録があります" } });
    await expect(handleCrudAction(post({ intent: "create", content: "x" }), refuse(new Error("boom")))).rejects.toThrow("boom");
  });
});
