import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { jusouBodiesOf, jusouCountsByPrefecture } from "../../db/queries/jusou";
import { integratedDeliveryByPrefecture } from "../../db/queries/optional-programs";
import { prefectureSupportShares } from "../../db/queries/prefecture-support";
import { savePrefectureSupport } from "../../app/server/records/prefecture-work.server";
import { certificateCoverageByPrefecture, trainingByBody, trainingByRole } from "../../db/queries/training";
import {
  jusouStatuses,
  localGovernments,
  optionalProgramStatuses,
  prefectureSupportActivities,
  staffTraining,
  trainingSessionParticipants,
  trainingSessions,
  users,
} from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { prefectureSupportSchema } from "../../app/domain/forms/prefecture-support-schema";
import { integratedCounts } from "../../app/server/pages/cooperation.server";
import { createTestDatabase } from "../setup/database";

// A small hand-made world: 鳥取県 (310000, its 郡部), 鳥取市, 米子市, 倉吉市 (merged into 新倉吉市 on
// 1 October 2025), 智頭町 (no welfare office), and 千代田区 in 東京都 (130001 is Tokyo's own row).
let handle: DatabaseHandle;
let userId: number;
const successor = `31206${checkDigit("31206")}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await ensurePrefectures(db);
  const body = (code: string, name: string, kind: string, hasWelfareOffice: boolean, extra = {}) => ({ code, prefectureCode: code.slice(0, 2), name, kind, hasWelfareOffice, ...extra });
  await db.insert(localGovernments).values([
    body("312011", "鳥取市", "core_city", true),
    body("312029", "米子市", "city", true),
    body("312037", "倉吉市", "city", true, { validTo: "2025-10-01", successorCode: successor }),
    body(successor, "新倉吉市", "city", true, { validFrom: "2025-10-01" }),
    body("313289", "智頭町", "town", false),
    body("131016", "千代田区", "special_ward", true),
  ]);
  const [user] = await db.insert(users).values({ loginId: "p", displayName: "p", role: "prefecture", prefectureCode: "31", passwordHash: "x" }).returning();
  userId = user!.id;
});
afterAll(async () => {
  await handle.close();
});

describe("training figures", () => {
  beforeAll(async () => {
    const db = handle.db;
    const staff = (code: string, role: string, assigned: number, national: number, prefecture: number, certified: number) => ({
      localGovernmentCode: code,
      fiscalYear: 2025,
      role,
      assigned,
      nationalTrainingCompleted: national,
      prefectureTrainingCompleted: prefecture,
      certified,
    });
    await db.insert(staffTraining).values([
      staff("312011", "chief_consultant", 1, 1, 0, 0),
      staff("312011", "consultant", 3, 3, 1, 1),
      staff("312011", "employment_supporter", 2, 2, 2, 2),
      staff("312029", "chief_consultant", 1, 1, 1, 1),
      staff("312029", "consultant", 2, 1, 0, 0),
      staff("312037", "consultant", 1, 1, 1, 3), // over-reported: capped at the one assigned
      staff("131016", "consultant", 4, 4, 4, 2),
    ]);
    const session = async (heldOn: string, fiscalYear: number, kind: string, hours: number, participants: [string, string, number][]) => {
      const [s] = await db.insert(trainingSessions).values({ prefectureCode: "31", heldOn, fiscalYear, title: kind, kind, hours }).returning();
      await db.insert(trainingSessionParticipants).values(participants.map(([code, role, n]) => ({ sessionId: s!.id, localGovernmentCode: code, role, participants: n })));
    };
    await session("2025-10-15", 2025, "latter_term", 12, [
      ["312011", "chief_consultant", 1],
      ["312011", "consultant", 3],
      ["312029", "consultant", 5],
    ]);
    await session("2025-11-01", 2025, "follow_up", 3, [["312029", "chief_consultant", 2]]); // not a 後期研修
    await session("2024-10-10", 2024, "latter_term", 11, [["312029", "consultant", 1]]); // another fiscal year
  });

  it("feeds the 後期研修 participants into the 後期 figure, never above the staff assigned", async () => {
    const rows = await trainingByRole(handle.db, 2025, "31");
    expect(Object.fromEntries(rows.map((r) => [r.role, r]))).toEqual({
      // 鳥取市 reported 0 but sent 1 to the 後期研修 → 1; 米子市 1
      chief_consultant: { role: "chief_consultant", bodies: 2, assigned: 2, national: 2, latterTerm: 2, certified: 1 },
      // 鳥取市 max(1, 3) = 3; 米子市 max(0, 5) capped at 2; 倉吉市 1; certified 1 + 0 + min(3, 1)
      consultant: { role: "consultant", bodies: 3, assigned: 6, national: 5, latterTerm: 6, certified: 2 },
      employment_supporter: { role: "employment_supporter", bodies: 1, assigned: 2, national: 2, latterTerm: 2, certified: 2 },
    });
  });

  it("lists the bodies lacking certificates first, then those that have not reported", async () => {
    const rows = await trainingByBody(handle.db, 2025, "31");
    // missing certificates of the three roles: 鳥取市 (1-0)+(3-1) = 3, 米子市 (2-0) = 2, 倉吉市 0; 鳥取県 has not reported
    expect(rows.map((r) => [r.name, r.reported, r.missingCertificates, r.recordedLatterTerm])).toEqual([
      ["鳥取市", true, 3, 4],
      ["米子市", true, 2, 5],
      ["鳥取県", false, 0, 0],
      ["倉吉市", true, 0, 0],
    ]);
    expect(rows[0]!.certificates).toEqual({ assigned: 6, certified: 3 });
    expect(rows[0]!.roles).toEqual({
      chief_consultant: { assigned: 1, certified: 0 },
      consultant: { assigned: 3, certified: 1 },
      employment_supporter: { assigned: 2, certified: 2 },
    });
  });

  it("compares certificate coverage by prefecture and nationally", async () => {
    const rows = await certificateCoverageByPrefecture(handle.db, 2025);
    const of = (code: string | null) => rows.find((r) => r.prefectureCode === code);
    // 鳥取県: bodies 鳥取県, 鳥取市, 米子市, 倉吉市 (新倉吉市 is not a body of FY2025)
    expect(of("31")).toEqual({ prefectureCode: "31", bodies: 4, reported: 3, complete: 1, assigned: 10, national: 9, latterTerm: 10, certified: 5, latterTermSessions: 1 });
    expect(of("13")).toEqual({ prefectureCode: "13", bodies: 2, reported: 1, complete: 0, assigned: 4, national: 4, latterTerm: 4, certified: 2, latterTermSessions: 0 });
    // the nation: 47 prefectures + 鳥取市, 米子市, 倉吉市, 千代田区
    expect(of(null)).toEqual({ prefectureCode: null, bodies: 51, reported: 4, complete: 1, assigned: 14, national: 13, latterTerm: 14, certified: 7, latterTermSessions: 1 });
  });

  it("refuses a 後期研修 shorter than 10.5 hours in the database too", async () => {
    await expect(
      handle.db.insert(trainingSessions).values({ prefectureCode: "31", heldOn: "2025-09-01", fiscalYear: 2025, title: "短い", kind: "latter_term", hours: 10 }),
    ).rejects.toThrow();
  });
});

describe("prefecture support items", () => {
  beforeAll(async () => {
    const answer = (prefectureCode: string, fiscalYear: number, item: string, implemented: boolean, uploadId: number | null = null) => ({ prefectureCode, fiscalYear, item, implemented, uploadId });
    await handle.db.insert(prefectureSupportActivities).values([
      answer("31", 2018, "prefecture_training", true, 5),
      answer("31", 2018, "supervision_for_staff", true, 5),
      answer("13", 2018, "prefecture_training", true),
      answer("13", 2018, "supervision_for_staff", false),
      answer("31", 2019, "prefecture_training", true), // 2019: only 鳥取県 answered, and not every item
    ]);
  });

  it("divides by the prefectures that answered that year; an item left out counts as not done", async () => {
    const shares = await prefectureSupportShares(handle.db, [2018, 2019]);
    const of = (fy: number, item: string) => shares.find((s) => s.fiscalYear === fy && s.item === item);
    expect(of(2018, "prefecture_training")).toEqual({ fiscalYear: 2018, item: "prefecture_training", respondents: 2, implementing: 2 });
    expect(of(2018, "supervision_for_staff")).toEqual({ fiscalYear: 2018, item: "supervision_for_staff", respondents: 2, implementing: 1 });
    expect(of(2018, "work_training_advisor")).toEqual({ fiscalYear: 2018, item: "work_training_advisor", respondents: 2, implementing: 0 });
    expect(of(2019, "supervision_for_staff")).toEqual({ fiscalYear: 2019, item: "supervision_for_staff", respondents: 1, implementing: 0 });
    expect(shares.filter((s) => s.fiscalYear === 2018)).toHaveLength(12);
  });

  it("saves every item of a year from the form, detaches the rows from their upload and audits the previous answers", async () => {
    const input = prefectureSupportSchema.parse({ fiscalYear: "2018", prefecture_training: "yes", work_training_advisor: "yes" });
    await savePrefectureSupport(handle.db, { userId, prefectureCode: "31" }, input);
    const rows = await queryRows<{ item: string; implemented: boolean; upload_id: number | null }>(
      handle.db,
      sql`select item, implemented, upload_id from prefecture_support_activities where prefecture_code = '31' and fiscal_year = 2018 order by item`,
    );
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.implemented).map((r) => r.item)).toEqual(["prefecture_training", "work_training_advisor"]);
    expect(rows.every((r) => r.upload_id === null)).toBe(true);
    const [audit] = await queryRows<{ action: string; target: string; detail: { previous: Record<string, boolean> } }>(
      handle.db,
      sql`select action, target, detail from audit_log where action = 'prefecture_support.update'`,
    );
    expect(audit).toMatchObject({ action: "prefecture_support.update", target: "31:2018", detail: { previous: { prefecture_training: true, supervision_for_staff: true } } });
  });
});

describe("重層 by prefecture", () => {
  beforeAll(async () => {
    const statuses: [string, number, string][] = [
      ["312011", 2021, "not_implemented"],
      ["312011", 2022, "transition_preparation"],
      ["312011", 2023, "implementing"],
      ["312011", 2024, "implementing"],
      ["312011", 2025, "implementing"],
      ["312029", 2023, "implementing"],
      ["312029", 2024, "not_implemented"],
      ["312029", 2025, "implementing"],
      ["312037", 2025, "transition_preparation"],
      ["131016", 2025, "model_project"],
    ];
    await handle.db.insert(jusouStatuses).values(statuses.map(([localGovernmentCode, fiscalYear, status]) => ({ localGovernmentCode, fiscalYear, status })));
  });

  it("counts the municipalities of the year by status, those without a status as not reported", async () => {
    const rows = await jusouCountsByPrefecture(handle.db, 2025);
    const of = (code: string | null) => rows.find((r) => r.prefectureCode === code);
    // 鳥取県's municipalities on 1 April 2025: 鳥取市, 米子市, 倉吉市, 智頭町 (a town without a welfare office still runs 重層)
    expect(of("31")).toEqual({ prefectureCode: "31", municipalities: 4, implementing: 2, transitionPreparation: 1, modelProject: 0, notImplemented: 0, notReported: 1 });
    expect(of("13")).toEqual({ prefectureCode: "13", municipalities: 1, implementing: 0, transitionPreparation: 0, modelProject: 1, notImplemented: 0, notReported: 0 });
    expect(of(null)).toEqual({ prefectureCode: null, municipalities: 5, implementing: 2, transitionPreparation: 1, modelProject: 1, notImplemented: 0, notReported: 1 });
  });

  it("lists each municipality with the year it reached its status and the year it first implemented", async () => {
    const rows = await jusouBodiesOf(handle.db, "31", 2025);
    expect(rows.map((r) => [r.name, r.status, r.since, r.firstImplementing])).toEqual([
      ["鳥取市", "implementing", 2023, 2023],
      ["米子市", "implementing", 2025, 2023], // implemented in 2023, stopped in 2024, again from 2025
      ["倉吉市", "transition_preparation", 2025, null],
      ["智頭町", null, null, null],
    ]);
  });
});

describe("一体的実施 by prefecture", () => {
  it("counts the categories of the implementing bodies per prefecture and nationally", async () => {
    const status = (code: string, program: string, implemented: boolean, integratedDelivery: string | null) => ({ localGovernmentCode: code, fiscalYear: 2020, program, implemented, integratedDelivery });
    await handle.db.insert(optionalProgramStatuses).values([
      status("312011", "employment_preparation", true, "integrated"),
      status("312011", "household_budget", true, "needy_only"),
      status("312029", "employment_preparation", true, "needy_only"),
      status("312029", "household_budget", false, null),
      status("310000", "employment_preparation", true, "integrated"),
      status("131016", "employment_preparation", false, "not_implemented"),
    ]);
    const rows = await integratedDeliveryByPrefecture(handle.db, 2020);
    expect(integratedCounts(rows, "31")).toEqual({ integratedEmploymentPreparation: 2, answeredEmploymentPreparation: 3, integratedHouseholdBudget: 0, answeredHouseholdBudget: 1 });
    expect(integratedCounts(rows, null)).toEqual({ integratedEmploymentPreparation: 2, answeredEmploymentPreparation: 4, integratedHouseholdBudget: 0, answeredHouseholdBudget: 1 });
  });
});
