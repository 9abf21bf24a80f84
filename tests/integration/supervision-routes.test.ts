import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { action, loader } from "../../app/routes/prefectures.$code_.supervision";
import { callRoute } from "../setup/routes";
import { routeTestDatabase } from "../setup/route-database";

const ctx = routeTestDatabase(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]);
const { cookies } = ctx;

const post = (loginId: string, form: Record<string, string>) =>
  callRoute(action, { url: "/prefectures/31/supervision", params: { code: "31" }, cookie: cookies[loginId], form });
const contact = { intent: "create", localGovernmentCode: "312045", contactedOn: "2026-06-01", form: "visit", content: "初回訪問", responder: "担当" };

describe("supervision page by role", () => {
  it("lets the prefecture record a contact, and refuses everyone else's POST", async () => {
    expect((await post("tottori-pref", contact)).status).toBe(302);
    expect((await post("tokyo-pref", contact)).status).toBe(403);
    expect((await post("mhlw", contact)).status).toBe(403);
    expect((await post("tottori-city", contact)).status).toBe(403);
    const rows = await queryRows<{ n: number }>(ctx.handle.db, sql`select count(*)::int as n from supervision_contacts`);
    expect(rows[0]!.n).toBe(1);
  });

  it("answers invalid fields with 400 and Japanese messages per field", async () => {
    const result = await post("tottori-pref", { intent: "create", localGovernmentCode: "", contactedOn: "", form: "" });
    expect(result.status).toBe(400);
    const { fieldErrors } = result.data as { fieldErrors: Record<string, string[]> };
    expect(fieldErrors.localGovernmentCode).toEqual(["対象自治体を選んでください"]);
    expect(fieldErrors.contactedOn).toEqual(["実施日を入力してください"]);
    expect(fieldErrors.form).toEqual(["形態を選んでください"]);
  });

  it("refuses a contact for another prefecture's body even from the prefecture's own official", async () => {
    const result = await post("tottori-pref", { ...contact, localGovernmentCode: "131016" });
    expect(result.status).toBe(403);
    expect((result.data as { formError: string }).formError).toBe("対象自治体はこの都道府県の実施主体から選んでください");
  });

  it("shows write actions only to the prefecture's own officials", async () => {
    const view = async (loginId: string) =>
      (await callRoute(loader, { url: "/prefectures/31/supervision?fy=2026", params: { code: "31" }, cookie: cookies[loginId] })).data as {
        canWrite: boolean;
        coverage: { covered: number };
      };
    expect((await view("tottori-pref")).canWrite).toBe(true);
    expect((await view("tokyo-pref")).canWrite).toBe(false);
    expect((await view("mhlw")).canWrite).toBe(false);
    expect((await view("mhlw")).coverage.covered).toBe(1);
  });
});
