import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import {
  bodiesWithoutContact,
  supervisionCoverage,
  supervisionCoverageByPrefecture,
  supervisionFiscalYears,
} from "../../db/queries/supervision";
import { PrefectureScopeError } from "../../db/queries/prefecture-scope";
import { deleteSupervisionContact, saveSupervisionContact } from "../../app/server/records/prefecture-work.server";
import { localGovernments, supervisionContacts, users } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { supervisionContactSchema } from "../../app/domain/forms/supervision-schema";
import { createTestDatabase } from "../setup/database";

let handle: DatabaseHandle;
let userId: number;
const successor = `31206${checkDigit("31206")}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  const body = (code: string, name: string, extra = {}) => ({ code, prefectureCode: "31", name, kind: "city", hasWelfareOffice: true, ...extra });
  await handle.db.insert(localGovernments).values([
    body("312011", "鳥取市"),
    body("312029", "米子市"),
    body("312037", "倉吉市", { validTo: "2025-10-01", successorCode: successor }),
    body(successor, "新倉吉市", { validFrom: "2025-10-01" }),
    { code: "313289", prefectureCode: "31", name: "智頭町", kind: "town", hasWelfareOffice: false },
  ]);
  const [user] = await handle.db.insert(users).values({ loginId: "p", displayName: "p", role: "prefecture", prefectureCode: "31", passwordHash: "x" }).returning();
  userId = user!.id;
  const contact = (code: string, contactedOn: string, form: string) => ({ prefectureCode: "31", localGovernmentCode: code, contactedOn, form });
  await handle.db.insert(supervisionContacts).values([
    contact("312011", "2025-05-10", "visit"),
    contact("312011", "2025-05-20", "phone_email"),
    contact("312037", "2025-06-01", "visit"), // merged mid-year: counted once, as itself
    contact(successor, "2025-11-01", "visit"), // the successor is not a body of FY2025 (not on 1 April)
    contact("312029", "2025-03-31", "visit"), // FY2024: does not count for FY2025
    contact("310000", "2026-02-01", "case_review"),
  ]);
});
afterAll(async () => {
  await handle.close();
});

describe("supervision coverage", () => {
  it("counts the implementing bodies of the year with at least one contact inside the year", async () => {
    const coverage = await supervisionCoverage(handle.db, "31", 2025);
    // bodies on 1 April 2025: 鳥取県, 鳥取市, 米子市, 倉吉市 = 4; covered: 鳥取市, 倉吉市, 鳥取県 = 3 (米子市's contact is FY2024)
    expect(coverage).toMatchObject({ bodies: 4, covered: 3 });
    expect(Object.fromEntries(coverage.byForm.map((f) => [f.form, f.covered]))).toEqual({ visit: 2, phone_email: 1, case_review: 1 });
    expect(coverage.byMonth).toEqual([
      { month: "2025-05", covered: 1, contacts: 2 },
      { month: "2025-06", covered: 1, contacts: 1 },
      { month: "2026-02", covered: 1, contacts: 1 },
    ]);
  });

  it("puts every prefecture side by side with the nation", async () => {
    const rows = await supervisionCoverageByPrefecture(handle.db, 2025);
    // 鳥取県: 4 bodies, 3 covered by 4 contacts inside FY2025 (新倉吉市's is not a FY2025 body's, 米子市's is FY2024)
    expect(rows.find((r) => r.prefectureCode === "31")).toEqual({ prefectureCode: "31", bodies: 4, covered: 3, contacts: 4 });
    expect(rows.find((r) => r.prefectureCode === "13")).toEqual({ prefectureCode: "13", bodies: 1, covered: 0, contacts: 0 });
    // the nation: 47 prefectures + 鳥取市, 米子市, 倉吉市
    expect(rows.find((r) => r.prefectureCode === null)).toEqual({ prefectureCode: null, bodies: 50, covered: 3, contacts: 4 });
    expect(rows).toHaveLength(48);
  });

  it("knows the fiscal years with contacts (31 March belongs to the year before)", async () => {
    expect(await supervisionFiscalYears(handle.db)).toEqual([2025, 2024]);
  });

  it("lists the bodies without a contact for N months, the longest first", async () => {
    // as of 2026-03-31, 6 months back: 鳥取市 (last 2025-05-20), 米子市 (2025-03-31), 倉吉市 (2025-06-01) are without
    const without = await bodiesWithoutContact(handle.db, "31", 2025, "2026-03-31", 6);
    expect(without.map((b) => [b.name, b.lastContact])).toEqual([
      ["米子市", "2025-03-31"],
      ["鳥取市", "2025-05-20"],
      ["倉吉市", "2025-06-01"],
    ]);
    // 12 months back is the window after 2025-03-31: 米子市's contact on that very day is outside it
    const longer = await bodiesWithoutContact(handle.db, "31", 2025, "2026-03-31", 12);
    expect(longer.map((b) => b.name)).toEqual(["米子市"]);
  });
});

describe("supervision form", () => {
  it("validates fields with Japanese messages", () => {
    const result = supervisionContactSchema.safeParse({ localGovernmentCode: "", contactedOn: "12/06", form: "fax", content: "x".repeat(501) });
    expect(result.success).toBe(false);
    expect(result.error!.flatten().fieldErrors).toEqual({
      localGovernmentCode: ["対象自治体を選んでください"],
      contactedOn: ["実施日を 2025-06-12 の形で入力してください"],
      form: ["形態を選んでください"],
      content: ["内容は500文字以内で入力してください"],
    });
  });

  it("writes only for the prefecture's own bodies and records, and audits every change", async () => {
    const actor = { userId, prefectureCode: "31" };
    const input = supervisionContactSchema.parse({ localGovernmentCode: "312029", contactedOn: "2025-12-01", form: "visit", content: "初回訪問", responder: "担当A" });
    const id = await saveSupervisionContact(handle.db, actor, input);
    await saveSupervisionContact(handle.db, actor, { ...input, content: "初回訪問（修正）" }, id);
    await expect(saveSupervisionContact(handle.db, actor, { ...input, localGovernmentCode: "131016" })).rejects.toBeInstanceOf(PrefectureScopeError);
    await expect(saveSupervisionContact(handle.db, actor, { ...input, localGovernmentCode: "313289" })).rejects.toBeInstanceOf(PrefectureScopeError);
    await expect(saveSupervisionContact(handle.db, { userId, prefectureCode: "13" }, { ...input, localGovernmentCode: "131016" }, id)).rejects.toBeInstanceOf(PrefectureScopeError);
    await expect(deleteSupervisionContact(handle.db, { userId, prefectureCode: "13" }, id)).rejects.toBeInstanceOf(PrefectureScopeError);
    await deleteSupervisionContact(handle.db, actor, id);
    const audit = await queryRows<{ action: string }>(handle.db, sql`select action from audit_log where target = ${String(id)} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["supervision.create", "supervision.update", "supervision.delete"]);
  });
});
