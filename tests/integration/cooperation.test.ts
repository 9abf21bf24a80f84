import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import {
  bodiesWithoutSupportMeeting,
  cooperationSurveyBodies,
  cooperationSurveyDistribution,
  cooperationSurveyHistory,
  publicAssistanceTransferSummary,
  publicAssistanceTransfersByBody,
  supportMeetingHistory,
  supportMeetingSharesByFiscalYear,
} from "../../db/queries/cooperation";
import { cooperationSurveys, localGovernments, populations, publicAssistanceTransfers, supportMeetingStatuses } from "../../db/schema";
import { surveyAnswers, type SurveyAnswer } from "../../app/domain/vocabulary";
import { createTestDatabase } from "../setup/database";

let handle: DatabaseHandle;

const body = (code: string, name: string, kind: string, hasWelfareOffice: boolean, extra = {}) => ({
  code,
  prefectureCode: code.slice(0, 2),
  name,
  kind,
  hasWelfareOffice,
  ...extra,
});
const transfers = (code: string, fiscalYear: number, cases: number, a = 0, b = 0, c = 0) => ({
  localGovernmentCode: code,
  fiscalYear,
  casesAfterDiscontinuation: cases,
  referredAtRisk: a,
  referredAfterRejection: b,
  referredAfterExit: c,
});
const survey = (code: string, fiscalYear: number, chosen: SurveyAnswer[]) => ({
  localGovernmentCode: code,
  fiscalYear,
  ...(Object.fromEntries(surveyAnswers.map((a) => [a, chosen.includes(a)])) as Record<SurveyAnswer, boolean>),
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  await handle.db.insert(localGovernments).values([
    body("312011", "鳥取市", "core_city", true),
    body("312029", "米子市", "city", true),
    body("312037", "倉吉市", "city", true),
    body("312045", "境港市", "city", true),
    body("313289", "智頭町", "town", false), // no welfare office: never in n
    body("131016", "千代田区", "special_ward", true),
  ]);
  await handle.db.insert(populations).values([
    { localGovernmentCode: "312011", asOf: "2020-01-01", population: 200_000 },
    { localGovernmentCode: "312029", asOf: "2020-01-01", population: 150_000 },
    { localGovernmentCode: "312037", asOf: "2020-01-01", population: 50_000 },
    { localGovernmentCode: "131016", asOf: "2020-01-01", population: 60_000 },
  ]);
  await handle.db.insert(publicAssistanceTransfers).values([
    transfers("312011", 2020, 6, 10, 3, 2),
    transfers("312029", 2020, 0, 4, 1, 0),
    transfers("312037", 2020, 3, 1, 0, 1),
    // 境港市 and 鳥取県 did not answer: not in n
    transfers("131016", 2020, 0),
    transfers("312011", 2021, 2),
  ]);
  await handle.db.insert(cooperationSurveys).values([
    survey("312011", 2020, ["practiceMutualUnderstanding", "practiceCaseSharing", "issueRelationshipAfterTransition"]),
    survey("312029", 2020, ["practiceMutualUnderstanding", "issueNoIssue"]),
    survey("310000", 2020, ["practiceNoneNeeded", "issueNoIssue"]),
    survey("131016", 2020, ["practiceCaseSharing", "issueNoHandover"]),
    survey("312011", 2021, ["practiceFaceToFace", "issueNoIssue"]),
  ]);
  await handle.db.insert(supportMeetingStatuses).values([
    { localGovernmentCode: "312011", fiscalYear: 2020, established: true, jusouSupportMeeting: true, multiAgencyMeeting: false },
    { localGovernmentCode: "312029", fiscalYear: 2020, established: false },
    { localGovernmentCode: "310000", fiscalYear: 2020, established: true },
    { localGovernmentCode: "131016", fiscalYear: 2020, established: false },
    { localGovernmentCode: "312011", fiscalYear: 2021, established: true },
    { localGovernmentCode: "312037", fiscalYear: 2021, established: true },
  ]);
});
afterAll(async () => {
  await handle.close();
});

describe("保護→困窮", () => {
  it("counts respondents, bodies with cases and the sums, nationally and per prefecture", async () => {
    const rows = await publicAssistanceTransferSummary(handle.db, 2020);
    // nation: 4 respondents (鳥取市 6, 米子市 0, 倉吉市 3, 千代田区 0); 2 with cases; 9 cases → share 2/4 = 50%, average 9/2 = 4.5
    expect(rows[0]).toMatchObject({
      prefectureCode: null,
      respondents: 4,
      withCases: 2,
      casesAfterDiscontinuation: 9,
      referredAtRisk: 15, // 10 + 4 + 1 + 0
      referredAfterRejection: 4, // 3 + 1
      referredAfterExit: 3, // 2 + 1
      population: 460_000, // 200,000 + 150,000 + 50,000 + 60,000
    });
    // 鳥取県: 3 respondents (境港市 and the prefecture did not answer), 2 with cases, 9 cases; population 400,000
    expect(rows.find((r) => r.prefectureCode === "31")).toMatchObject({ respondents: 3, withCases: 2, casesAfterDiscontinuation: 9, population: 400_000 });
    expect(rows.find((r) => r.prefectureCode === "13")).toMatchObject({ respondents: 1, withCases: 0, casesAfterDiscontinuation: 0 });
  });

  it("lists a prefecture's answering bodies with their population", async () => {
    const rows = await publicAssistanceTransfersByBody(handle.db, 2020, "31");
    expect(rows.map((r) => [r.name, r.casesAfterDiscontinuation, r.population])).toEqual([
      ["鳥取市", 6, 200_000],
      ["米子市", 0, 150_000],
      ["倉吉市", 3, 50_000],
    ]);
  });
});

describe("the cooperation survey", () => {
  it("counts each answer over the bodies that answered", async () => {
    const nation = await cooperationSurveyDistribution(handle.db, 2020, null);
    // 4 respondents; 相互理解: 鳥取市, 米子市 = 2; ケース共有: 鳥取市, 千代田区 = 2; 特に課題はない: 米子市, 鳥取県 = 2
    expect(nation).toMatchObject({ respondents: 4, practiceMutualUnderstanding: 2, practiceCaseSharing: 2, practiceNoneNeeded: 1, issueNoIssue: 2, issueNoHandover: 1, practiceOther: 0 });
    const tottori = await cooperationSurveyDistribution(handle.db, 2020, "31");
    expect(tottori).toMatchObject({ respondents: 3, practiceMutualUnderstanding: 2, practiceCaseSharing: 1, issueNoHandover: 0 });
    expect(await cooperationSurveyDistribution(handle.db, 2019, null)).toMatchObject({ respondents: 0, practiceCaseSharing: 0 });
  });

  it("lists the bodies' answers and a body's answers over years", async () => {
    const bodies = await cooperationSurveyBodies(handle.db, 2020, "31");
    expect(bodies.map((b) => [b.name, b.answers])).toEqual([
      ["鳥取県", ["practiceNoneNeeded", "issueNoIssue"]],
      ["鳥取市", ["practiceMutualUnderstanding", "practiceCaseSharing", "issueRelationshipAfterTransition"]],
      ["米子市", ["practiceMutualUnderstanding", "issueNoIssue"]],
    ]);
    expect(await cooperationSurveyHistory(handle.db, "312011")).toEqual([
      { fiscalYear: 2020, answers: ["practiceMutualUnderstanding", "practiceCaseSharing", "issueRelationshipAfterTransition"] },
      { fiscalYear: 2021, answers: ["practiceFaceToFace", "issueNoIssue"] },
    ]);
  });
});

describe("支援会議", () => {
  it("gives the share per fiscal year over the bodies that answered", async () => {
    // implementing bodies: the 47 prefectures (ensurePrefectures), 鳥取市, 米子市, 倉吉市, 境港市, 千代田区 = 52 (智頭町 has no welfare office)
    // FY2020: 4 answered, 2 established (鳥取市, 鳥取県) → 50%; FY2021: 2 answered, 2 established
    // 鳥取県's scope: the prefecture and its 4 cities = 5
    expect(await supportMeetingSharesByFiscalYear(handle.db, null)).toEqual([
      { fiscalYear: 2020, bodies: 52, answered: 4, established: 2 },
      { fiscalYear: 2021, bodies: 52, answered: 2, established: 2 },
    ]);
    expect(await supportMeetingSharesByFiscalYear(handle.db, "31")).toEqual([
      { fiscalYear: 2020, bodies: 5, answered: 3, established: 2 },
      { fiscalYear: 2021, bodies: 5, answered: 2, established: 2 },
    ]);
  });

  it("names the bodies of a prefecture without one, answered 無 or not answered", async () => {
    expect(await bodiesWithoutSupportMeeting(handle.db, "31", 2020)).toEqual([
      { code: "312029", name: "米子市", kind: "city", answered: true },
      { code: "312037", name: "倉吉市", kind: "city", answered: false },
      { code: "312045", name: "境港市", kind: "city", answered: false },
    ]);
    expect(await supportMeetingHistory(handle.db, "312011")).toEqual([
      { fiscalYear: 2020, established: true, jusouSupportMeeting: true, multiAgencyMeeting: false },
      { fiscalYear: 2021, established: true, jusouSupportMeeting: null, multiAgencyMeeting: null },
    ]);
  });
});
