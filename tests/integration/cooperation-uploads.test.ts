import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, type DatabaseHandle } from "../../db";
import { cooperationSurveyDistribution, supportMeetingHistory } from "../../db/queries/cooperation";
import { uploadIssues, uploads } from "../../db/schema";
import { action as newUploadAction } from "../../app/routes/uploads.new.$dataset";
import { action as uploadAction } from "../../app/routes/uploads.$uploadId";
import { loader as downloadLoader } from "../../app/routes/datasets.$dataset.download";
import { datasets } from "../../app/domain/datasets";
import { templateTable } from "../../app/domain/datasets/template";
import { callRoute } from "../setup/routes";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  Object.assign(cookies, await demoSessionCookies(["tottori-pref", "tokyo-pref", "tottori-city"]));
});
afterAll(async () => {
  await handle.close();
});

// The survey's header as its template gives it, without the 「例」 column: 自治体コード, 都道府県名, 市区町村名, 年度, 9 取組, 7 課題.
const surveyHeader = templateTable(datasets.cooperation_survey).header.filter((h) => h !== "例");
const marks = (chosen: number[], count: number) => Array.from({ length: count }, (_, i) => (chosen.includes(i) ? "○" : ""));
const surveyRow = (code: string, practices: number[], issues: number[]) => [code, "", "", "2024", ...marks(practices, 9), ...marks(issues, 7)].join(",");

async function stage(loginId: string, dataset: string, text: string, fileName = `${dataset}.csv`) {
  const form = new FormData();
  form.append("file", new Blob([text], { type: "text/csv" }), fileName);
  const staged = await callRoute(newUploadAction, { url: `/uploads/new/${dataset}`, params: { dataset }, cookie: cookies[loginId], form });
  expect(staged.status).toBe(302);
  const id = Number(staged.location!.split("/").pop());
  const [row] = await handle.db.select().from(uploads).where(eq(uploads.id, id));
  return row!;
}

async function commit(loginId: string, id: number) {
  return callRoute(uploadAction, { url: `/uploads/${id}`, params: { uploadId: String(id) }, cookie: cookies[loginId], form: { intent: "commit" } });
}

describe("the cooperation survey upload", () => {
  it("takes a prefecture's file for its bodies and changes the prefecture's distribution", async () => {
    // 鳥取市: 相互理解, ケース共有 / 関係性の構築; 米子市: 相互理解 / 特に課題はない
    const text = [surveyHeader.join(","), surveyRow("312011", [0, 1], [1]), surveyRow("312029", [0], [0])].join("\n");
    const upload = await stage("tottori-pref", "cooperation_survey", text);
    expect(upload.counts).toMatchObject({ rows: 2, new: 2, errorRows: 0 });
    expect((await commit("tottori-pref", upload.id)).status).toBe(302);
    // n = 2; 相互理解 2 of 2 (100%), ケース共有 1 of 2, 特に課題はない 1, 関係性 1
    expect(await cooperationSurveyDistribution(handle.db, 2024, "31")).toMatchObject({
      respondents: 2,
      practiceMutualUnderstanding: 2,
      practiceCaseSharing: 1,
      practiceFaceToFace: 0,
      issueNoIssue: 1,
      issueRelationshipAfterTransition: 1,
    });
  });

  it("round-trips: the downloaded data uploads again unchanged", async () => {
    const response = (await downloadLoader({
      request: new Request("http://localhost/datasets/cooperation_survey/download?kind=data&encoding=utf-8-bom", { headers: { Cookie: cookies["tottori-pref"]! } }),
      params: { dataset: "cooperation_survey" },
      context: {},
    })) as Response;
    const text = await response.text();
    expect(text.split(/\r?\n/)[0]!.replace(/^\uFEFF/, "")).toBe(surveyHeader.join(","));
    const again = await stage("tottori-pref", "cooperation_survey", text, "download.csv");
    expect(again.counts).toMatchObject({ rows: 2, new: 0, changed: 0, unchanged: 2, errorRows: 0 });
  });

  it("names the row, the column and why when a question has no answer or 「特に必要はない」 comes with another", async () => {
    const text = [surveyHeader.join(","), surveyRow("312011", [], [1]), surveyRow("312029", [0, 7], [0])].join("\n");
    const upload = await stage("tottori-pref", "cooperation_survey", text);
    expect(upload.counts).toMatchObject({ rows: 2, errorRows: 2 });
    const issues = await handle.db.select().from(uploadIssues).where(eq(uploadIssues.uploadId, upload.id)).orderBy(uploadIssues.line);
    expect(issues.map((i) => [i.line, i.columnName, i.reason.slice(0, 30)])).toEqual([
      [2, "取組：両制度の担当者の相互の制度理解の深化", "「連携強化に必要な取組」の回答がありません。少なくとも1つの"],
      [3, "取組：特に必要はない", "「連携強化に必要な取組」で「特に必要はない」と他の回答を同時"],
    ]);
  });

  it("keeps another prefecture's official out of 鳥取県's bodies", async () => {
    const text = [surveyHeader.join(","), surveyRow("312011", [0], [0])].join("\n");
    const upload = await stage("tokyo-pref", "cooperation_survey", text);
    expect(upload.counts).toMatchObject({ rows: 1, errorRows: 1 });
  });
});

describe("the 支援会議 upload", () => {
  it("stores the 重層 meetings as blank where 重層 does not run, and shows them on the body's history", async () => {
    const text = ["自治体コード,年度,支援会議,重層事業の支援会議,重層的支援会議", "312011,2024,有,有,無", "312011,2023,無,,"].join("\n");
    const upload = await stage("tottori-city", "support_meeting", text);
    expect(upload.counts).toMatchObject({ rows: 2, new: 2, errorRows: 0 });
    expect((await commit("tottori-city", upload.id)).status).toBe(302);
    expect(await supportMeetingHistory(handle.db, "312011")).toEqual([
      { fiscalYear: 2023, established: false, jusouSupportMeeting: null, multiAgencyMeeting: null },
      { fiscalYear: 2024, established: true, jusouSupportMeeting: true, multiAgencyMeeting: false },
    ]);
  });
});
