import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { action, loader } from "../../app/routes/prefectures.$code_.supervision";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { demoSessionCookies } from "../setup/login";

let handle: DatabaseHandle;
let cookies: Record<string, string>;

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  cookies = await demoSessionCookies(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]);
});
afterAll(async () => {
  await handle.close();
});

const post = (loginId: string, fields: Record<string, string>) =>
  action({
    request: new Request("http://localhost/prefectures/31/supervision", { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookies[loginId]! } }),
    params: { code: "31" },
    context: {},
  });
const contact = { intent: "create", localGovernmentCode: "312045", contactedOn: "2026-06-01", form: "visit", content: "初回訪問", responder: "担当" };

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const result = await promise;
    if (result instanceof Response) return result.status;
    return (result as { init?: { status?: number } }).init?.status ?? 200;
  } catch (error) {
    return (error as Response).status;
  }
}

describe("supervision page by role", () => {
  it("lets the prefecture record a contact, and refuses everyone else's POST", async () => {
    expect(await statusOf(post("tottori-pref", contact))).toBe(302);
    expect(await statusOf(post("tokyo-pref", contact))).toBe(403);
    expect(await statusOf(post("mhlw", contact))).toBe(403);
    expect(await statusOf(post("tottori-city", contact))).toBe(403);
    const rows = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from supervision_contacts`);
    expect(rows[0]!.n).toBe(1);
  });

  it("answers invalid fields with 400 and Japanese messages per field", async () => {
    const result = (await post("tottori-pref", { intent: "create", localGovernmentCode: "", contactedOn: "", form: "" })) as unknown as {
      data: { fieldErrors: Record<string, string[]> };
      init: { status: number };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.fieldErrors.localGovernmentCode).toEqual(["対象自治体を選んでください"]);
    expect(result.data.fieldErrors.form).toEqual(["形態を選んでください"]);
  });

  it("shows write actions only to the prefecture's own officials", async () => {
    const view = async (loginId: string) =>
      (await loader({ request: new Request("http://localhost/prefectures/31/supervision?fy=2026", { headers: { Cookie: cookies[loginId]! } }), params: { code: "31" }, context: {} })) as {
        canWrite: boolean;
        coverage: { covered: number };
      };
    expect((await view("tottori-pref")).canWrite).toBe(true);
    expect((await view("tokyo-pref")).canWrite).toBe(false);
    expect((await view("mhlw")).canWrite).toBe(false);
    expect((await view("mhlw")).coverage.covered).toBe(1);
  });
});
