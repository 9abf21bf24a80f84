import { describe, expect, it } from "vitest";
import { z } from "zod";
import { notFound, parseOrNotFound } from "./not-found";

describe("a loader's 404", () => {
  it("parses route params or throws 404 with the page's message", async () => {
    const params = z.object({ code: z.string().regex(/^\d{2}$/) });
    expect(parseOrNotFound(params, { code: "31" }, "都道府県が見つかりません")).toEqual({ code: "31" });
    let thrown: unknown;
    try {
      parseOrNotFound(params, { code: "310" }, "都道府県が見つかりません");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
    expect(await (thrown as Response).text()).toBe("都道府県が見つかりません");
    expect(notFound("x").status).toBe(404);
  });
});
