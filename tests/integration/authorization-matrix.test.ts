import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { supervisionContacts } from "../../db/schema";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureListLoader } from "../../app/routes/prefectures._index";
import { action as prefectureAction, loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { action as listsAction, loader as listsLoader } from "../../app/routes/lists._index";
import { action as listAction, loader as listLoader } from "../../app/routes/lists.$id";
import { action as submissionsAction, loader as submissionsLoader } from "../../app/routes/prefectures.$code_.submissions";
import { action as completenessAction, loader as completenessLoader } from "../../app/routes/completeness";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as compareLoader } from "../../app/routes/compare";
import { loader as nationalSupervisionLoader } from "../../app/routes/supervision";
import { loader as nationalTrainingLoader } from "../../app/routes/training";
import { loader as nationalSupportLoader } from "../../app/routes/support";
import { loader as nationalJusouLoader } from "../../app/routes/jusou";
import { loader as nationalCooperationLoader } from "../../app/routes/cooperation";
import { action as supervisionAction, loader as supervisionLoader } from "../../app/routes/prefectures.$code_.supervision";
import { action as trainingAction, loader as trainingLoader } from "../../app/routes/prefectures.$code_.training";
import { action as supportAction, loader as supportLoader } from "../../app/routes/prefectures.$code_.support";
import { loader as jusouLoader } from "../../app/routes/prefectures.$code_.jusou";
import { loader as cooperationLoader } from "../../app/routes/prefectures.$code_.cooperation";
import { loader as uploadsLoader } from "../../app/routes/uploads._index";
import { action as newUploadAction, loader as newUploadLoader } from "../../app/routes/uploads.new.$dataset";
import { action as uploadAction, loader as uploadLoader } from "../../app/routes/uploads.$uploadId";
import { loader as datasetLoader } from "../../app/routes/datasets.$dataset";
import { loader as downloadLoader } from "../../app/routes/datasets.$dataset.download";
import { loader as supervisionDownloadLoader } from "../../app/routes/prefectures.$code_.supervision.download";
import { loader as auditDownloadLoader } from "../../app/routes/admin.audit.download";
import { action as usersAction, loader as usersLoader } from "../../app/routes/admin.users";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { action as passwordAction, loader as passwordLoader } from "../../app/routes/account.password";
import { loader as loginLoader } from "../../app/routes/login";
import { action as accountAction, loader as accountLoader } from "../../app/routes/account._index";
import { loader as prefectureProfileLoader } from "../../app/routes/prefectures.$code_.profile";
import { loader as municipalityProfileLoader } from "../../app/routes/municipalities.$code_.profile";
import { action as accountTokensAction, loader as accountTokensLoader } from "../../app/routes/account.tokens";
import { action as adminTokensAction, loader as adminTokensLoader } from "../../app/routes/admin.tokens";
import { ApiTokenThrottle, createApiToken } from "../../app/server/auth/api-tokens.server";
import { servePageData } from "../../app/server/http/page-data.server";
import type { UserRole } from "../../app/domain/vocabulary";
import { testRouteManifest } from "../setup/route-manifest";
import { loader as rulesLoader } from "../../app/routes/rules";
import { loader as nationalFunnelLoader } from "../../app/routes/compare_.funnel";
import { loader as indicatorsLoader } from "../../app/routes/indicators._index";
import { loader as indicatorLoader } from "../../app/routes/indicators.$key";
import { loader as reviewQueueLoader } from "../../app/routes/prefectures.$code_.review";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/municipalities.$code_.review.$month";
import { datasets } from "../../app/domain/datasets";
import { hashPassword } from "../../app/server/auth/password.server";
import { stageUpload } from "../../app/server/uploads/service.server";
import { seedDemo } from "../../seeds/demo";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { callRoute } from "../setup/routes";

// Every route, loader and action, for every role: anonymous, MHLW, 鳥取県 (prefecture 31), 東京都
// (prefecture 13) and 鳥取市 (municipality 312011), with forged requests aimed at other prefectures and
// bodies. "agg" = 200 with aggregates only (the body-by-body table withheld). Anonymous requests are
// sent to the login page (302).

const roles = ["anonymous", "mhlw", "tottori-pref", "tokyo-pref", "tottori-city"] as const;
type Role = (typeof roles)[number];
type Expected = number | "agg";
type Case = { fn: unknown; url: string; params?: Record<string, string>; form?: () => Record<string, string> | FormData; detail?: true; expect: [Expected, Expected, Expected, Expected, Expected] };

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
const ids = { cityUpload: 0, tokyoUpload: 0, tokyoContact: 0, tokyoMunicipalUser: 0, yonagoUser: 0, tottoriList: 0, cityList: 0, cityToken: 0 };

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text, "utf8");
}

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await seedDemo(handle.db);
  Object.assign(cookies, await demoSessionCookies(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]));
  const userId = async (loginId: string) => (await queryRows<{ id: number }>(handle.db, sql`select id from users where login_id = ${loginId}`))[0]!.id;
  // 鳥取市's preview with a row of 米子市 (out of its scope: an error row, so it cannot be confirmed)
  const header = "自治体コード,年月,新規相談受付件数,プラン作成件数,就労支援対象者数,就労者数,増収者数,住居確保給付金支給決定件数,生活保護へのつなぎ件数";
  ids.cityUpload = (
    await stageUpload(handle.db, {
      user: { id: await userId("tottori-city"), role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" },
      definition: datasets.monthly_support,
      fileName: "鳥取市.csv",
      source: bytes(`${header}\n312011,2025-04,1,1,1,1,0,0,0\n312029,2025-04,1,1,1,1,0,0,0\n`),
      limits: { maxBytes: 1_000_000, maxRows: 100 },
    })
  ).uploadId;
  // 東京都's rejected (empty) file
  ids.tokyoUpload = (
    await stageUpload(handle.db, {
      user: { id: await userId("tokyo-pref"), role: "prefecture", prefectureCode: "13", localGovernmentCode: null },
      definition: datasets.monthly_support,
      fileName: "empty.csv",
      source: bytes(""),
      limits: { maxBytes: 1_000_000, maxRows: 100 },
    })
  ).uploadId;
  // 鳥取市 misses June 2025, so 鳥取県 has a late body to remind (the demo's 東京都 has some already)
  await handle.db.execute(sql`delete from monthly_support_statistics where local_government_code = '312011' and year = 2025 and month = 6`);
  const [contact] = await handle.db
    .insert(supervisionContacts)
    .values({ prefectureCode: "13", localGovernmentCode: "131016", contactedOn: "2025-07-01", form: "visit", content: "東京都の記録" })
    .returning();
  ids.tokyoContact = contact!.id;
  const passwordHash = await hashPassword("matrix-password-1");
  const [chiyoda] = await handle.db.execute(
    sql`insert into users (login_id, display_name, role, prefecture_code, local_government_code, password_hash) values ('chiyoda-ward', '千代田区', 'municipality', '13', '131016', ${passwordHash}) returning id`,
  ).then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: { id: number }[] }).rows) as { id: number }[]);
  ids.tokyoMunicipalUser = chiyoda!.id;
  const city = { id: await userId("tottori-city"), loginId: "tottori-city", displayName: "鳥取市", role: "municipality" as const, prefectureCode: "31", localGovernmentCode: "312011", mustChangePassword: false, dateStyle: "western" as const };
  ids.cityToken = (await createApiToken(handle.db, city, "鳥取市の集計", null)).id;
  ids.yonagoUser = (
    await queryRows<{ id: number }>(
      handle.db,
      sql`insert into users (login_id, display_name, role, prefecture_code, local_government_code, password_hash) values ('yonago-city', '米子市', 'municipality', '31', '312029', ${passwordHash}) returning id`,
    )
  )[0]!.id;
});
afterAll(async () => {
  await handle.close();
});

// named lists (ADR 025): 鳥取県's of two of its cities, 鳥取市's of itself (made again where the mutations above changed them)
async function createMatrixLists(suffix = "") {
  const list = async (loginId: string, name: string, codes: string[]) => {
    const [row] = await queryRows<{ id: number }>(handle.db, sql`insert into body_lists (owner_id, name) select id, ${name + suffix} from users where login_id = ${loginId} returning id`);
    for (const code of codes) await handle.db.execute(sql`insert into body_list_members (list_id, local_government_code) values (${row!.id}, ${code})`);
    return row!.id;
  };
  ids.tottoriList = await list("tottori-pref", "県内の市", ["312011", "312029"]);
  ids.cityList = await list("tottori-city", "自分", ["312011"]);
}
beforeAll(() => createMatrixLists());

const p = (code: string) => ({ code });
const multipart = (dataset: string, text: string) => () => {
  const form = new FormData();
  form.append("file", new Blob([text], { type: "text/csv" }), `${dataset}.csv`);
  return form;
};
const temporary = { password: "kari-pass-2026-x", passwordConfirm: "kari-pass-2026-x" };

//                                                                       anonymous mhlw tottori-pref tokyo-pref tottori-city
const reads: Record<string, Case> = {
  national: { fn: nationalLoader, url: "/?fy=2021", expect: [302, 200, 200, 200, 200] },
  prefectureList: { fn: prefectureListLoader, url: "/prefectures", expect: [302, 200, 200, 200, 200] },
  prefecture31: { fn: prefectureLoader, url: "/prefectures/31?fy=2021", params: p("31"), detail: true, expect: [302, 200, 200, "agg", "agg"] },
  prefecture13: { fn: prefectureLoader, url: "/prefectures/13?fy=2021", params: p("13"), detail: true, expect: [302, 200, "agg", 200, "agg"] },
  // the A4 profiles are scoped like the pages they summarise (issue 19)
  prefectureProfile31: { fn: prefectureProfileLoader, url: "/prefectures/31/profile?fy=2021", params: p("31"), detail: true, expect: [302, 200, 200, "agg", "agg"] },
  prefectureProfile13: { fn: prefectureProfileLoader, url: "/prefectures/13/profile?fy=2021", params: p("13"), detail: true, expect: [302, 200, "agg", 200, "agg"] },
  ownBodyProfile: { fn: municipalityProfileLoader, url: "/municipalities/312011/profile?fy=2021", params: p("312011"), expect: [302, 200, 200, 403, 200] },
  neighbourBodyProfile: { fn: municipalityProfileLoader, url: "/municipalities/312029/profile", params: p("312029"), expect: [302, 200, 200, 403, 403] },
  tokyoBodyProfile: { fn: municipalityProfileLoader, url: "/municipalities/131016/profile", params: p("131016"), expect: [302, 200, 403, 200, 403] },
  submissions31: { fn: submissionsLoader, url: "/prefectures/31/submissions", params: p("31"), expect: [302, 200, 200, 403, 403] },
  submissions13: { fn: submissionsLoader, url: "/prefectures/13/submissions", params: p("13"), expect: [302, 200, 403, 200, 403] },
  // prefecture-level completeness is an aggregate: everyone
  completeness: { fn: completenessLoader, url: "/completeness?fy=2025", expect: [302, 200, 200, 200, 200] },
  ownBody: { fn: municipalityLoader, url: "/municipalities/312011?fy=2021", params: p("312011"), expect: [302, 200, 200, 403, 200] },
  neighbourBody: { fn: municipalityLoader, url: "/municipalities/312029?fy=2021", params: p("312029"), expect: [302, 200, 200, 403, 403] },
  tokyoBody: { fn: municipalityLoader, url: "/municipalities/131016?fy=2021", params: p("131016"), expect: [302, 200, 403, 200, 403] },
  ward: { fn: municipalityLoader, url: "/municipalities/011011", params: p("011011"), expect: [302, 404, 404, 404, 404] },
  compare: { fn: compareLoader, url: "/compare?prefectures=31,13", expect: [302, 200, 200, 200, 200] },
  nationalSupervision: { fn: nationalSupervisionLoader, url: "/supervision?fy=2025", expect: [302, 200, 200, 200, 200] },
  nationalTraining: { fn: nationalTrainingLoader, url: "/training?fy=2025", expect: [302, 200, 200, 200, 200] },
  nationalSupport: { fn: nationalSupportLoader, url: "/support", expect: [302, 200, 200, 200, 200] },
  nationalJusou: { fn: nationalJusouLoader, url: "/jusou", expect: [302, 200, 200, 200, 200] },
  nationalCooperation: { fn: nationalCooperationLoader, url: "/cooperation", expect: [302, 200, 200, 200, 200] },
  // a prefecture's work records: every prefecture (exchange between prefectures) and its own municipalities
  supervision31: { fn: supervisionLoader, url: "/prefectures/31/supervision?fy=2025", params: p("31"), expect: [302, 200, 200, 200, 200] },
  supervision13: { fn: supervisionLoader, url: "/prefectures/13/supervision?fy=2025", params: p("13"), expect: [302, 200, 200, 200, 403] },
  supervisionLog31: { fn: supervisionDownloadLoader, url: "/prefectures/31/supervision/download", params: p("31"), expect: [302, 200, 200, 200, 200] },
  supervisionLog13: { fn: supervisionDownloadLoader, url: "/prefectures/13/supervision/download", params: p("13"), expect: [302, 200, 200, 200, 403] },
  training31: { fn: trainingLoader, url: "/prefectures/31/training?fy=2025", params: p("31"), detail: true, expect: [302, 200, 200, "agg", "agg"] },
  training13: { fn: trainingLoader, url: "/prefectures/13/training?fy=2025", params: p("13"), detail: true, expect: [302, 200, "agg", 200, 403] },
  support31: { fn: supportLoader, url: "/prefectures/31/support", params: p("31"), expect: [302, 200, 200, 200, 200] },
  support13: { fn: supportLoader, url: "/prefectures/13/support", params: p("13"), expect: [302, 200, 200, 200, 403] },
  // 重層 statuses are published by name: everyone
  jusou31: { fn: jusouLoader, url: "/prefectures/31/jusou", params: p("31"), expect: [302, 200, 200, 200, 200] },
  jusou13: { fn: jusouLoader, url: "/prefectures/13/jusou", params: p("13"), expect: [302, 200, 200, 200, 200] },
  cooperation31: { fn: cooperationLoader, url: "/prefectures/31/cooperation", params: p("31"), detail: true, expect: [302, 200, 200, "agg", "agg"] },
  cooperation13: { fn: cooperationLoader, url: "/prefectures/13/cooperation", params: p("13"), detail: true, expect: [302, 200, "agg", 200, "agg"] },
  // the prefecture's review of the monthly figures (ADR 022): the queue as the submissions page, a month as its body's page
  reviewQueue31: { fn: reviewQueueLoader, url: "/prefectures/31/review", params: p("31"), expect: [302, 200, 200, 403, 403] },
  reviewQueue13: { fn: reviewQueueLoader, url: "/prefectures/13/review", params: p("13"), expect: [302, 200, 403, 200, 403] },
  reviewOwnBody: { fn: reviewLoader, url: "/municipalities/312011/review/2021-04", params: { code: "312011", month: "2021-04" }, expect: [302, 200, 200, 403, 200] },
  reviewNeighbourBody: { fn: reviewLoader, url: "/municipalities/312029/review/2021-04", params: { code: "312029", month: "2021-04" }, expect: [302, 200, 200, 403, 403] },
  reviewBadMonth: { fn: reviewLoader, url: "/municipalities/312011/review/2021-13", params: { code: "312011", month: "2021-13" }, expect: [302, 404, 404, 403, 404] },
  unknownPrefecture: { fn: trainingLoader, url: "/prefectures/48/training", params: p("48"), expect: [302, 404, 404, 404, 404] },
  uploads: { fn: uploadsLoader, url: "/uploads", expect: [302, 200, 200, 200, 200] },
  rules: { fn: rulesLoader, url: "/rules", expect: [302, 200, 200, 200, 200] },
  // every body of the nation side by side: MHLW only (ADR 024); definitions: everyone signed in
  nationalFunnel: { fn: nationalFunnelLoader, url: "/compare/funnel?fy=2021", expect: [302, 200, 403, 403, 403] },
  indicators: { fn: indicatorsLoader, url: "/indicators", expect: [302, 200, 200, 200, 200] },
  indicator: { fn: indicatorLoader, url: "/indicators/newConsultations", params: { key: "newConsultations" }, expect: [302, 200, 200, 200, 200] },
  unknownIndicator: { fn: indicatorLoader, url: "/indicators/nope", params: { key: "nope" }, expect: [302, 404, 404, 404, 404] },
  newMonthlyUpload: { fn: newUploadLoader, url: "/uploads/new/monthly_support", params: { dataset: "monthly_support" }, expect: [302, 200, 200, 200, 200] },
  newTargetValues: { fn: newUploadLoader, url: "/uploads/new/target_values", params: { dataset: "target_values" }, expect: [302, 200, 403, 403, 403] },
  newSupportUpload: { fn: newUploadLoader, url: "/uploads/new/prefecture_support", params: { dataset: "prefecture_support" }, expect: [302, 200, 200, 200, 403] },
  // someone else's upload answers 404 like a missing one
  cityUpload: { fn: uploadLoader, url: "/uploads/{cityUpload}", params: { uploadId: "{cityUpload}" }, expect: [302, 200, 200, 404, 200] },
  tokyoUpload: { fn: uploadLoader, url: "/uploads/{tokyoUpload}", params: { uploadId: "{tokyoUpload}" }, expect: [302, 200, 404, 200, 404] },
  // issue 18's datasets: every signed-in role uploads them (a prefecture for its bodies, a body for itself: the scope check is per row)
  newSurveyUpload: { fn: newUploadLoader, url: "/uploads/new/cooperation_survey", params: { dataset: "cooperation_survey" }, expect: [302, 200, 200, 200, 200] },
  newTransfersUpload: { fn: newUploadLoader, url: "/uploads/new/public_assistance_transfers", params: { dataset: "public_assistance_transfers" }, expect: [302, 200, 200, 200, 200] },
  newMeetingUpload: { fn: newUploadLoader, url: "/uploads/new/support_meeting", params: { dataset: "support_meeting" }, expect: [302, 200, 200, 200, 200] },
  surveyDatasetPage: { fn: datasetLoader, url: "/datasets/cooperation_survey?fy=2025", params: { dataset: "cooperation_survey" }, expect: [302, 200, 200, 200, 200] },
  meetingDownload: { fn: downloadLoader, url: "/datasets/support_meeting/download?kind=data&encoding=utf-8-bom", params: { dataset: "support_meeting" }, expect: [302, 200, 200, 200, 200] },
  datasetPage: { fn: datasetLoader, url: "/datasets/monthly_support?fy=2025", params: { dataset: "monthly_support" }, expect: [302, 200, 200, 200, 200] },
  download: { fn: downloadLoader, url: "/datasets/staff_training/download?kind=data&encoding=utf-8-bom", params: { dataset: "staff_training" }, expect: [302, 200, 200, 200, 200] },
  users: { fn: usersLoader, url: "/admin/users", expect: [302, 200, 200, 200, 403] },
  audit: { fn: auditLoader, url: "/admin/audit", expect: [302, 200, 200, 200, 403] },
  auditDownload: { fn: auditDownloadLoader, url: "/admin/audit/download", expect: [302, 200, 200, 200, 403] },
  password: { fn: passwordLoader, url: "/account/password", expect: [302, 200, 200, 200, 200] },
  // named lists (ADR 025): one's own lists; a list by its URL for whoever may see every one of its bodies
  lists: { fn: listsLoader, url: "/lists", expect: [302, 200, 200, 200, 200] },
  tottoriList: { fn: listLoader, url: "/lists/{tottoriList}", params: { id: "{tottoriList}" }, expect: [302, 200, 200, 403, 403] },
  cityList: { fn: listLoader, url: "/lists/{cityList}", params: { id: "{cityList}" }, expect: [302, 200, 200, 403, 200] },
  missingList: { fn: listLoader, url: "/lists/2147483647", params: { id: "2147483647" }, expect: [302, 404, 404, 404, 404] },
  // a list as comparator that the viewer may not see: the page says so (200), without the list
  compareWithList: { fn: compareLoader, url: "/compare?list={tottoriList}", expect: [302, 200, 200, 200, 200] },
  account: { fn: accountLoader, url: "/account", expect: [302, 200, 200, 200, 200] },
  // personal API tokens (ADR 028): everyone their own; the list of everyone's for MHLW only
  accountTokens: { fn: accountTokensLoader, url: "/account/tokens", expect: [302, 200, 200, 200, 200] },
  adminTokens: { fn: adminTokensLoader, url: "/admin/tokens", expect: [302, 200, 403, 403, 403] },
  // the login page sends a signed-in user on
  login: { fn: loginLoader, url: "/login", expect: [200, 302, 302, 302, 302] },
};

const contact = (body: string, date: string) => () => ({ intent: "create", localGovernmentCode: body, contactedOn: date, form: "visit", content: "権限の確認" });
const session = (participants: Record<string, string>) => () => ({ intent: "create", heldOn: "2025-11-20", title: "後期研修（権限の確認）", kind: "latter_term", hours: "10.5", ...participants });
const writes: Record<string, Case> = {
  supervisionOwnBody: { fn: supervisionAction, url: "/prefectures/31/supervision", params: p("31"), form: contact("312045", "2025-09-01"), expect: [302, 403, 302, 403, 403] },
  // the prefecture's own official, but another prefecture's body
  supervisionForeignBody: { fn: supervisionAction, url: "/prefectures/31/supervision", params: p("31"), form: contact("131016", "2025-09-02"), expect: [302, 403, 403, 403, 403] },
  supervisionOtherPrefecture: { fn: supervisionAction, url: "/prefectures/13/supervision", params: p("13"), form: contact("131016", "2025-09-03"), expect: [302, 403, 403, 302, 403] },
  supervisionDeleteForeignRecord: { fn: supervisionAction, url: "/prefectures/31/supervision", params: p("31"), form: () => ({ intent: "delete", id: String(ids.tokyoContact) }), expect: [302, 403, 403, 403, 403] },
  trainingOwn: { fn: trainingAction, url: "/prefectures/31/training", params: p("31"), form: session({ "participants.312011.consultant": "1" }), expect: [302, 403, 302, 403, 403] },
  trainingForeignParticipant: { fn: trainingAction, url: "/prefectures/31/training", params: p("31"), form: session({ "participants.131016.consultant": "1" }), expect: [302, 403, 403, 403, 403] },
  supportOwn: { fn: supportAction, url: "/prefectures/31/support", params: p("31"), form: () => ({ fiscalYear: "2025", supervision_for_staff: "yes" }), expect: [302, 403, 302, 403, 403] },
  supportOther: { fn: supportAction, url: "/prefectures/13/support", params: p("13"), form: () => ({ fiscalYear: "2025", supervision_for_staff: "yes" }), expect: [302, 403, 403, 302, 403] },
  uploadTargetValues: { fn: newUploadAction, url: "/uploads/new/target_values", params: { dataset: "target_values" }, form: multipart("target_values", "年度,新規相談受付件数,プラン作成件数,就労支援対象者数\n2026,20,10,6\n"), expect: [302, 302, 403, 403, 403] },
  // confirming 鳥取市's preview passes the scope check only for those who may (409: its out-of-scope row blocks it); others do not learn it exists
  commitCityUpload: { fn: uploadAction, url: "/uploads/{cityUpload}", params: { uploadId: "{cityUpload}" }, form: () => ({ intent: "commit" }), expect: [302, 409, 409, 404, 409] },
  revertCityUpload: { fn: uploadAction, url: "/uploads/{cityUpload}", params: { uploadId: "{cityUpload}" }, form: () => ({ intent: "revert" }), expect: [302, 409, 409, 404, 409] },
  discardTokyoUpload: { fn: uploadAction, url: "/uploads/{tokyoUpload}", params: { uploadId: "{tokyoUpload}" }, form: () => ({ intent: "discard" }), expect: [302, 409, 404, 409, 404] },
  // reminders: only the prefecture's own officials; MHLW reads the page but does not chase bodies
  remind31: { fn: submissionsAction, url: "/prefectures/31/submissions", params: p("31"), form: () => ({ intent: "remind", fiscalYear: "2025" }), expect: [302, 403, 200, 403, 403] },
  remind13: { fn: submissionsAction, url: "/prefectures/13/submissions", params: p("13"), form: () => ({ intent: "remind", fiscalYear: "2025" }), expect: [302, 403, 403, 200, 403] },
  // the reporting schedule: MHLW only; a due day past 28 is a 400 naming the field, never a 500
  setSchedule: { fn: completenessAction, url: "/completeness", form: () => ({ fiscalYear: "2026", monthlyDueDay: "15", annualDueDate: "2027-06-30" }), expect: [302, 200, 403, 403, 403] },
  setScheduleBadDay: { fn: completenessAction, url: "/completeness", form: () => ({ fiscalYear: "2026", monthlyDueDay: "31", annualDueDate: "2027-06-30" }), expect: [302, 400, 403, 403, 403] },
  // confirm, return and reopen: only an official of the body's own prefecture (MHLW reads; the body sees)
  confirmCityMonth: { fn: reviewAction, url: "/municipalities/312011/review/2021-04", params: { code: "312011", month: "2021-04" }, form: () => ({ intent: "confirm", version: "0" }), expect: [302, 403, 302, 403, 403] },
  reopenCityMonth: { fn: reviewAction, url: "/municipalities/312011/review/2021-04", params: { code: "312011", month: "2021-04" }, form: () => ({ intent: "reopen", version: "1", comment: "権限の確認" }), expect: [302, 403, 302, 403, 403] },
  returnNeighbourMonth: { fn: reviewAction, url: "/municipalities/312029/review/2021-05", params: { code: "312029", month: "2021-05" }, form: () => ({ intent: "return", version: "0", comment: "権限の確認" }), expect: [302, 403, 302, 403, 403] },
  confirmTokyoMonth: { fn: reviewAction, url: "/municipalities/131016/review/2021-04", params: { code: "131016", month: "2021-04" }, form: () => ({ intent: "confirm", version: "0" }), expect: [302, 403, 403, 302, 403] },
  createMunicipalAccount: { fn: usersAction, url: "/admin/users", form: () => ({ intent: "create", loginId: "matrix-kurayoshi", displayName: "倉吉市", role: "municipality", localGovernmentCode: "312037", ...temporary }), expect: [302, 403, 302, 403, 403] },
  createPrefectureAccount: { fn: usersAction, url: "/admin/users", form: () => ({ intent: "create", loginId: "matrix-tottori", displayName: "鳥取県", role: "prefecture", prefectureCode: "31", ...temporary }), expect: [302, 302, 403, 403, 403] },
  deactivateTokyoWard: { fn: usersAction, url: "/admin/users", form: () => ({ intent: "deactivate", id: String(ids.tokyoMunicipalUser) }), expect: [302, 302, 403, 302, 403] },
  resetYonagoPassword: { fn: usersAction, url: "/admin/users", form: () => ({ intent: "reset", id: String(ids.yonagoUser), ...temporary }), expect: [302, 302, 302, 403, 403] },
  // 対応済 on the worklist: only the prefecture's own officials (409 here: the item is not on today's worklist)
  resolveWorklist31: { fn: prefectureAction, url: "/prefectures/31", params: p("31"), form: () => ({ intent: "resolve", rule: "late_report", code: "312011", subject: "", cause: "matrix", note: "権限の確認" }), expect: [302, 403, 409, 403, 403] },
  resolveWorklist13: { fn: prefectureAction, url: "/prefectures/13", params: p("13"), form: () => ({ intent: "resolve", rule: "late_report", code: "131016", subject: "", cause: "matrix", note: "権限の確認" }), expect: [302, 403, 403, 409, 403] },
  // named lists: anyone creates one of bodies they may see (東京都 may not list 鳥取市: 400); only the owner edits or deletes
  createList: { fn: listsAction, url: "/lists", form: () => ({ name: "権限の確認", members: "312011" }), expect: [302, 302, 302, 400, 302] },
  editTottoriList: { fn: listAction, url: "/lists/{tottoriList}", params: { id: "{tottoriList}" }, form: () => ({ intent: "update", name: "県内の市（権限の確認）", members: "312011" }), expect: [302, 403, 302, 403, 403] },
  deleteCityList: { fn: listAction, url: "/lists/{cityList}", params: { id: "{cityList}" }, form: () => ({ intent: "delete", confirmed: "yes" }), expect: [302, 403, 403, 403, 302] },
  // a token for oneself, from the account page only; the admin page does not create tokens
  createOwnToken: { fn: accountTokensAction, url: "/account/tokens", form: () => ({ intent: "create", name: "権限の確認" }), expect: [302, 200, 200, 200, 200] },
  createTokenOnAdminPage: { fn: adminTokensAction, url: "/admin/tokens", form: () => ({ intent: "create", name: "権限の確認" }), expect: [302, 400, 403, 403, 403] },
  // 鳥取市's token: MHLW revokes it (its owner then finds it already revoked: 200); other users do not learn it exists
  revokeCityToken: { fn: accountTokensAction, url: "/account/tokens", form: () => ({ intent: "revoke", id: "{cityToken}" }), expect: [302, 200, 404, 404, 200] },
  revokeCityTokenOnAdminPage: { fn: adminTokensAction, url: "/admin/tokens", form: () => ({ intent: "revoke", id: "{cityToken}" }), expect: [302, 200, 403, 403, 403] },
  // anyone signed in may try to change their own password; a wrong current password changes nothing
  // everyone signed in sets their own 西暦／和暦, nobody else's; a value outside the two is a 400
  setOwnDateStyle: { fn: accountAction, url: "/account", form: () => ({ dateStyle: "japanese" }), expect: [302, 302, 302, 302, 302] },
  setUnknownDateStyle: { fn: accountAction, url: "/account", form: () => ({ dateStyle: "meiji" }), expect: [302, 400, 400, 400, 400] },
  changeOwnPassword: { fn: passwordAction, url: "/account/password", form: () => ({ currentPassword: "wrong", password: "mori-no-komichi-7", passwordConfirm: "mori-no-komichi-7" }), expect: [302, 400, 400, 400, 400] },
};

const withIds = (text: string) => text.replace(/\{(\w+)\}/g, (_, key: keyof typeof ids) => String(ids[key]));

async function run(c: Case, role: Role) {
  return callRoute(c.fn, {
    url: withIds(c.url),
    params: Object.fromEntries(Object.entries(c.params ?? {}).map(([k, v]) => [k, withIds(v)])),
    cookie: role === "anonymous" ? undefined : cookies[role],
    form: withIdsInForm(c.form?.()),
  });
}

function withIdsInForm(form: Record<string, string> | FormData | undefined) {
  if (!form || form instanceof FormData) return form;
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, withIds(v)]));
}

async function check(name: string, c: Case) {
  for (const [i, role] of roles.entries()) {
    const want = c.expect[i]!;
    const result = await run(c, role);
    expect(result.status, `${name} as ${role}`).toBe(want === "agg" ? 200 : want);
    if (role === "anonymous" && result.status === 302 && c.fn !== loginLoader) expect(result.location, `${name} as anonymous`).toMatch(/^\/login\?redirectTo=/);
    if (want === "agg") expect(c.detail, `${name}: "agg" needs a body table to withhold`).toBe(true);
    if (c.detail && result.status === 200) expect((result.data as { bodies: unknown }).bodies === null, `${name} as ${role}: body table withheld`).toBe(want === "agg");
  }
}

describe("authorization matrix: reads", () => {
  for (const [name, c] of Object.entries(reads)) it(`${name}: GET ${c.url}`, () => check(name, c));
});

describe("authorization matrix: writes, forged ones included", () => {
  let before: { contacts: number; sessions: number };
  beforeAll(async () => {
    const [row] = await queryRows<{ contacts: number; sessions: number }>(
      handle.db,
      sql`select (select count(*)::int from supervision_contacts) as contacts, (select count(*)::int from training_sessions) as sessions`,
    );
    before = row!;
  });

  for (const [name, c] of Object.entries(writes)) it(`${name}: POST ${c.url}`, () => check(name, c));

  it("wrote exactly what the allowed requests asked for, and nothing of the refused ones", async () => {
    const [after] = await queryRows<{ contacts: number; sessions: number; foreign: number; tokyo_contact: number }>(
      handle.db,
      sql`select (select count(*)::int from supervision_contacts) as contacts, (select count(*)::int from training_sessions) as sessions,
                 (select count(*)::int from training_session_participants tp join training_sessions ts on ts.id = tp.session_id
                  where ts.prefecture_code = '31' and tp.local_government_code like '13%') as foreign,
                 (select count(*)::int from supervision_contacts where id = ${ids.tokyoContact}) as tokyo_contact`,
    );
    // one contact by 鳥取県 for 境港市, one by 東京都 for 千代田区; one session by 鳥取県; Tokyo's contact untouched
    expect(after).toEqual({ contacts: before.contacts + 2, sessions: before.sessions + 1, foreign: 0, tokyo_contact: 1 });
    const uploads = await queryRows<{ id: number; status: string }>(handle.db, sql`select id, status from uploads where id in (${ids.cityUpload}, ${ids.tokyoUpload}) order by id`);
    expect(uploads.map((u) => u.status)).toEqual(["previewed", "rejected"]);
    const reviews = await queryRows<{ month: string; state: string }>(
      handle.db,
      sql`select local_government_code || ':' || year || '-' || month as month, state from monthly_reviews order by 1`,
    );
    expect(reviews).toEqual([
      { month: "131016:2021-4", state: "confirmed" },
      { month: "312011:2021-4", state: "submitted" },
      { month: "312029:2021-5", state: "returned" },
    ]);
    const [reviewAudits] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log where action like 'review.%'`);
    expect(reviewAudits!.n).toBe(4);
    const accounts = await queryRows<{ login_id: string; active: boolean; must_change_password: boolean }>(
      handle.db,
      sql`select login_id, active, must_change_password from users where login_id in ('matrix-kurayoshi', 'matrix-tottori', 'chiyoda-ward', 'yonago-city', 'tottori-city') order by login_id`,
    );
    const [cycle] = await queryRows<{ schedules: string; reminder_audits: string; reminded: string }>(
      handle.db,
      sql`select (select string_agg(fiscal_year || ':' || monthly_due_day || ':' || annual_due_date, ',') from reporting_schedules) as schedules,
                 (select string_agg(target, ',' order by target) from audit_log where action = 'reminder.send') as reminder_audits,
                 (select string_agg(distinct substr(local_government_code, 1, 2), ',') from reminders) as reminded`,
    );
    // one schedule (the bad day wrote nothing); reminders only for 鳥取県's and 東京都's own bodies, each audited
    expect(cycle).toEqual({ schedules: "2026:15:2027-06-30", reminder_audits: "13,31", reminded: "13,31" });
    const lists = await queryRows<{ owner: string; name: string; members: string }>(
      handle.db,
      sql`select u.login_id as owner, l.name, string_agg(m.local_government_code, ',' order by m.local_government_code) as members
          from body_lists l join users u on u.id = l.owner_id left join body_list_members m on m.list_id = l.id group by u.login_id, l.name order by 1, 2`,
    );
    // 鳥取市's own list deleted by itself; 鳥取県's edited by itself; one new list each for MHLW, 鳥取県 and 鳥取市; no worklist mark
    expect(lists).toEqual([
      { owner: "mhlw", name: "権限の確認", members: "312011" },
      { owner: "tottori-city", name: "権限の確認", members: "312011" },
      { owner: "tottori-pref", name: "権限の確認", members: "312011" },
      { owner: "tottori-pref", name: "県内の市（権限の確認）", members: "312011" },
    ]);
    const [marks] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from worklist_resolutions`);
    expect(marks!.n).toBe(0);
    expect(accounts).toEqual([
      { login_id: "chiyoda-ward", active: false, must_change_password: false },
      { login_id: "matrix-kurayoshi", active: true, must_change_password: true },
      { login_id: "matrix-tottori", active: true, must_change_password: true },
      { login_id: "tottori-city", active: true, must_change_password: false },
      { login_id: "yonago-city", active: true, must_change_password: true },
    ]);
  });
});

// The API (ADR 028): every read above as `?format=json` with a personal token of each role answers as the
// page does for that role's session — same status, same withheld body table — and 401 without a token.
describe("authorization matrix: page data with personal API tokens", () => {
  const manifest = testRouteManifest();
  const apiTokens: Partial<Record<Role, string>> = {};
  beforeAll(async () => {
    for (const role of roles) {
      if (role === "anonymous") continue;
      const [u] = await queryRows<{ id: number; role: string; prefecture_code: string | null; local_government_code: string | null }>(
        handle.db,
        sql`select id, role, prefecture_code, local_government_code from users where login_id = ${role}`,
      );
      const user = { id: u!.id, loginId: role, displayName: role, role: u!.role as UserRole, prefectureCode: u!.prefecture_code, localGovernmentCode: u!.local_government_code, mustChangePassword: false, dateStyle: "western" as const };
      apiTokens[role] = (await createApiToken(handle.db, user, "権限の確認", null)).token;
    }
    // the matrix's mutations edited 鳥取県's list and deleted 鳥取市's
    await createMatrixLists("（API）");
  });
  // downloads are not pages (their own CSV); the login page has no data to fetch
  const pages = Object.entries(reads).filter(([name, c]) => !c.url.includes("/download") && name !== "login");
  for (const [name, c] of pages) {
    it(`${name}: GET ${c.url} format=json and format=csv`, async () => {
      const throttle = new ApiTokenThrottle(10_000);
      for (const [i, role] of roles.entries()) {
        const url = new URL(`http://localhost${withIds(c.url)}`);
        url.searchParams.set("format", "json");
        const token = apiTokens[role];
        const request = new Request(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        const response = (await servePageData(manifest, request, { db: handle.db, throttle, context: { clientAddress: null } }))!;
        const want = c.expect[i]!;
        expect(response.status, `${name} as ${role}`).toBe(want === 302 ? 401 : want === "agg" ? 200 : want);
        if (c.detail && response.status === 200) expect(((await response.json()) as { bodies: unknown }).bodies === null, `${name} as ${role}: body table withheld`).toBe(want === "agg");
        // the main table as CSV answers as the page does: refused alike (another prefecture's submissions: 403); a page
        // without a main table answers 404 where JSON gives 200
        url.searchParams.set("format", "csv");
        const csv = (await servePageData(manifest, new Request(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} }), { db: handle.db, throttle, context: { clientAddress: null } }))!;
        if (response.status === 200) expect([200, 404], `${name} as ${role}: format=csv`).toContain(csv.status);
        else expect(csv.status, `${name} as ${role}: format=csv`).toBe(response.status);
        if (csv.status === 200) expect(csv.headers.get("Content-Type"), `${name} as ${role}: format=csv`).toBe("text/csv; charset=utf-8");
      }
    });
  }
});
