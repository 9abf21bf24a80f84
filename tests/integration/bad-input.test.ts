import { describe, expect, it } from "vitest";
import { loader as indexLoader } from "../../app/routes/_index";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as jusouLoader } from "../../app/routes/jusou";
import { loader as cooperationLoader } from "../../app/routes/cooperation";
import { loader as supportLoader } from "../../app/routes/support";
import { loader as trainingLoader } from "../../app/routes/training";
import { loader as supervisionNationalLoader } from "../../app/routes/supervision";
import { action as supervisionAction, loader as supervisionLoader } from "../../app/routes/prefectures.$code_.supervision";
import { action as trainingAction, loader as prefectureTrainingLoader } from "../../app/routes/prefectures.$code_.training";
import { loader as prefectureSupportLoader } from "../../app/routes/prefectures.$code_.support";
import { loader as datasetLoader } from "../../app/routes/datasets.$dataset";
import { loader as downloadLoader } from "../../app/routes/datasets.$dataset.download";
import { loader as uploadLoader } from "../../app/routes/uploads.$uploadId";
import { action as usersAction, loader as usersLoader } from "../../app/routes/admin.users";
import { loader as auditLoader } from "../../app/routes/admin.audit";
import { callRoute } from "../setup/routes";
import { routeTestDatabase } from "../setup/route-database";

const ctx = routeTestDatabase(["mhlw", "tottori-pref"]);
const { cookies } = ctx;

const huge = "99999999999999999999";
const pastInt32 = "2147483648";

async function status(fn: unknown, url: string, params: Record<string, string> = {}, loginId = "mhlw", form?: Record<string, string>) {
  return (await callRoute(fn, { url, params, cookie: cookies[loginId], form })).status;
}

describe("bad input never answers 500", () => {
  it("refuses an impossible date in the supervision log filter and the audit log filter with a Japanese 400", async () => {
    for (const [fn, path, params] of [
      [supervisionLoader, "/prefectures/31/supervision", { code: "31" }],
      [auditLoader, "/admin/audit", {}],
    ] as const) {
      for (const q of ["from=2024-02-30", "to=2023-02-29", "from=2025-13-01", "to=2025-04-31", "from=0000-01-01"]) {
        const thrown = await callRoute(fn, { url: `${path}?${q}`, params, cookie: cookies["tottori-pref"] }).catch((e: unknown) => e);
        expect(thrown, `${path}?${q}`).toMatchObject({ status: 400 });
      }
      // a real leap day is a date, and junk that is no date at all is ignored as before
      expect(await status(fn, `${path}?from=2024-02-29&to=2024-03-01`, params, "tottori-pref")).toBe(200);
      expect(await status(fn, `${path}?from=yesterday`, params, "tottori-pref")).toBe(200);
    }
  });

  it("tells which date is wrong, in Japanese", async () => {
    const thrown = await auditLoader({ request: new Request("http://localhost/admin/audit?to=2024-02-30", { headers: { Cookie: cookies.mhlw! } }), params: {}, context: {} }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect(await (thrown as Response).text()).toBe("期間の日付「2024-02-30」は存在しません。カレンダーにある日付を指定してください。");
  });

  it("answers 404 for an upload id past 32 bits", async () => {
    expect(await status(uploadLoader, `/uploads/${pastInt32}`, { uploadId: pastInt32 })).toBe(404);
    expect(await status(uploadLoader, `/uploads/${huge}`, { uploadId: huge })).toBe(404);
  });

  it("answers pages with a year, page or id no database row can have with 200 (ignored) or 404, never 500", async () => {
    const cases: [unknown, string, Record<string, string>, string, number][] = [
      [indexLoader, `/?fy=${huge}`, {}, "mhlw", 200],
      [indexLoader, "/?fy=32768", {}, "mhlw", 200],
      [municipalityLoader, `/municipalities/312011?fy=${huge}`, { code: "312011" }, "mhlw", 200],
      [prefectureLoader, `/prefectures/31?fy=${huge}`, { code: "31" }, "mhlw", 200],
      [jusouLoader, `/jusou?fy=${huge}`, {}, "mhlw", 200],
      [cooperationLoader, `/cooperation?fy=${huge}`, {}, "mhlw", 200],
      [supportLoader, `/support?from=${huge}&to=${huge}`, {}, "mhlw", 200],
      [trainingLoader, `/training?fy=${huge}`, {}, "mhlw", 200],
      [supervisionNationalLoader, `/supervision?fy=${huge}`, {}, "mhlw", 200],
      [supervisionLoader, `/prefectures/31/supervision?page=${huge}&edit=${huge}&confirm=${pastInt32}&months=${huge}`, { code: "31" }, "tottori-pref", 200],
      [supervisionLoader, `/prefectures/31/supervision?edit=${pastInt32}`, { code: "31" }, "tottori-pref", 200],
      [prefectureTrainingLoader, `/prefectures/31/training?fy=${huge}&edit=${huge}&confirm=${pastInt32}&page=${huge}`, { code: "31" }, "tottori-pref", 200],
      [prefectureSupportLoader, `/prefectures/31/support?fy=${huge}`, { code: "31" }, "tottori-pref", 200],
      [datasetLoader, `/datasets/monthly_support?page=${huge}&fy=${huge}`, { dataset: "monthly_support" }, "mhlw", 200],
      [datasetLoader, `/datasets/monthly_support?page=${pastInt32}`, { dataset: "monthly_support" }, "mhlw", 200],
      [usersLoader, `/admin/users?reset=${huge}`, {}, "mhlw", 200],
    ];
    for (const [fn, url, params, loginId, expected] of cases) expect(await status(fn, url, params, loginId), url).toBe(expected);
  });

  it("answers a record id past 32 bits in a form with 400 「操作が正しくありません」", async () => {
    for (const id of [pastInt32, huge]) {
      for (const intent of ["update", "delete"]) {
        expect(await status(supervisionAction, "/prefectures/31/supervision", { code: "31" }, "tottori-pref", { intent, id }), `supervision ${intent} ${id}`).toBe(400);
        expect(await status(trainingAction, "/prefectures/31/training", { code: "31" }, "tottori-pref", { intent, id }), `training ${intent} ${id}`).toBe(400);
      }
      for (const intent of ["deactivate", "activate", "reset"]) {
        const result = await callRoute(usersAction, { url: "/admin/users", cookie: cookies.mhlw, form: { intent, id } });
        expect(result.status, `users ${intent} ${id}`).toBe(400);
        expect(JSON.stringify(result.data)).toContain("操作が正しくありません");
      }
    }
  });

  it("refuses a download for a fiscal year no data can have before it starts streaming", async () => {
    for (const fy of ["32768", huge, "-1"]) expect(await status(downloadLoader, `/datasets/monthly_support/download?fy=${fy}`, { dataset: "monthly_support" })).toBe(404);
    expect(await status(downloadLoader, "/datasets/monthly_support/download?fy=2025", { dataset: "monthly_support" })).toBe(200);
  });
});
