import { describe, expect, it } from "vitest";
import { datasets } from "../../domain/datasets";
import { afterLoginPath, canManageUpload, canResolveWorklist, canSeeBodyList, canRecordPrefectureWork, canReviewBody, landingPath, mayUpload, canSeeBody, canSeePrefectureDetail, canSeePrefectureWork, scopeKey } from "./access";

const mhlw = { role: "mhlw" as const, prefectureCode: null, localGovernmentCode: null };
const tottori = { role: "prefecture" as const, prefectureCode: "31", localGovernmentCode: null };
const tottoriCity = { role: "municipality" as const, prefectureCode: "31", localGovernmentCode: "312011" };

describe("who sees what", () => {
  it("shows a prefecture's body detail to MHLW and its own officials only", () => {
    expect(canSeePrefectureDetail(mhlw, "13")).toBe(true);
    expect(canSeePrefectureDetail(tottori, "31")).toBe(true);
    expect(canSeePrefectureDetail(tottori, "13")).toBe(false);
    expect(canSeePrefectureDetail(tottoriCity, "31")).toBe(false);
  });
  it("shows a body's page to MHLW, its prefecture and itself", () => {
    const yonago = { code: "312029", prefectureCode: "31" };
    expect(canSeeBody(mhlw, yonago)).toBe(true);
    expect(canSeeBody(tottori, yonago)).toBe(true);
    expect(canSeeBody({ ...tottori, prefectureCode: "13" }, yonago)).toBe(false);
    expect(canSeeBody(tottoriCity, yonago)).toBe(false);
    expect(canSeeBody(tottoriCity, { code: "312011", prefectureCode: "31" })).toBe(true);
  });
  it("lets every prefecture read a prefecture's work records, its own municipalities too, and only its officials record", () => {
    expect(canSeePrefectureWork(mhlw, "31")).toBe(true);
    expect(canSeePrefectureWork({ ...tottori, prefectureCode: "13" }, "31")).toBe(true);
    expect(canSeePrefectureWork(tottoriCity, "31")).toBe(true);
    expect(canSeePrefectureWork(tottoriCity, "13")).toBe(false);
    expect(canRecordPrefectureWork(tottori, "31")).toBe(true);
    expect(canRecordPrefectureWork(tottori, "13")).toBe(false);
    expect(canRecordPrefectureWork(mhlw, "31")).toBe(false);
    expect(canRecordPrefectureWork(tottoriCity, "31")).toBe(false);
  });
});

const byTottoriCity = { userId: 4, userPrefectureCode: "31", userLocalGovernmentCode: "312011" };
const byTokyoPref = { userId: 3, userPrefectureCode: "13", userLocalGovernmentCode: null };

describe("canManageUpload", () => {
  it("follows the roles", () => {
    expect(canManageUpload({ id: 1, role: "mhlw", prefectureCode: null, localGovernmentCode: null }, byTokyoPref)).toBe(true);
    expect(canManageUpload({ id: 2, role: "prefecture", prefectureCode: "31", localGovernmentCode: null }, byTottoriCity)).toBe(true);
    expect(canManageUpload({ id: 2, role: "prefecture", prefectureCode: "31", localGovernmentCode: null }, byTokyoPref)).toBe(false);
    expect(canManageUpload({ id: 5, role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" }, byTottoriCity)).toBe(true);
    expect(canManageUpload({ id: 6, role: "municipality", prefectureCode: "31", localGovernmentCode: "312029" }, byTottoriCity)).toBe(false);
    expect(canManageUpload({ id: 6, role: "municipality", prefectureCode: "13", localGovernmentCode: "131016" }, byTokyoPref)).toBe(false);
  });
});

describe("mayUpload", () => {
  it("lets each role upload only the datasets that name it", () => {
    expect(mayUpload({ role: "municipality" }, datasets.monthly_support)).toBe(true);
    expect(mayUpload({ role: "municipality" }, datasets.supervision)).toBe(false);
    expect(mayUpload({ role: "prefecture" }, datasets.supervision)).toBe(true);
    expect(mayUpload({ role: "prefecture" }, datasets.target_values)).toBe(false);
    expect(mayUpload({ role: "mhlw" }, datasets.target_values)).toBe(true);
  });
});

describe("landing by role", () => {
  const mhlw = { role: "mhlw", prefectureCode: null, localGovernmentCode: null } as const;
  const tottoriPref = { role: "prefecture", prefectureCode: "31", localGovernmentCode: null } as const;
  const tottoriCity = { role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" } as const;

  it("lands MHLW on the nation, a prefecture on its page, a municipality on its own body", () => {
    expect(landingPath(mhlw)).toBe("/");
    expect(landingPath(tottoriPref)).toBe("/prefectures/31");
    expect(landingPath(tottoriCity)).toBe("/municipalities/312011");
  });

  it("after login keeps a same-origin page asked for, and takes the site root or nothing for the landing page", () => {
    expect(afterLoginPath(tottoriCity, "/prefectures/31/supervision?fy=2025")).toBe("/prefectures/31/supervision?fy=2025");
    expect(afterLoginPath(tottoriCity, "/")).toBe("/municipalities/312011");
    expect(afterLoginPath(tottoriPref, "")).toBe("/prefectures/31");
    expect(afterLoginPath(tottoriPref, undefined)).toBe("/prefectures/31");
    expect(afterLoginPath(tottoriPref, "//evil.example")).toBe("/prefectures/31");
    expect(afterLoginPath(mhlw, null)).toBe("/");
  });
});

describe("canReviewBody", () => {
  it("lets only an official of the body's own prefecture confirm, return or reopen its months", () => {
    expect(canReviewBody(tottori, { prefectureCode: "31" })).toBe(true);
    expect(canReviewBody(tottori, { prefectureCode: "13" })).toBe(false);
    expect(canReviewBody(mhlw, { prefectureCode: "31" })).toBe(false);
    expect(canReviewBody(tottoriCity, { prefectureCode: "31" })).toBe(false);
  });
});

describe("the worklist and named lists (ADR 025)", () => {
  const tottori = { role: "prefecture" as const, prefectureCode: "31", localGovernmentCode: null };
  it("lets only the prefecture's own officials mark its worklist", () => {
    expect(canResolveWorklist(tottori, "31")).toBe(true);
    expect(canResolveWorklist(tottori, "13")).toBe(false);
    expect(canResolveWorklist({ role: "mhlw", prefectureCode: null, localGovernmentCode: null }, "31")).toBe(false);
    expect(canResolveWorklist({ role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" }, "31")).toBe(false);
  });

  it("opens a shared list only for whoever may see every body in it", () => {
    const members = [
      { code: "312011", prefectureCode: "31" },
      { code: "312029", prefectureCode: "31" },
    ];
    expect(canSeeBodyList(tottori, members)).toBe(true);
    expect(canSeeBodyList({ role: "municipality", prefectureCode: "31", localGovernmentCode: "312011" }, members)).toBe(false);
    expect(canSeeBodyList({ role: "prefecture", prefectureCode: "13", localGovernmentCode: null }, members)).toBe(false);
  });
});

describe("scopeKey (ADR 031)", () => {
  it("is one per MHLW, per prefecture and per body, whoever the viewer is", () => {
    expect(scopeKey({ ...tottori, id: 1 } as typeof tottori)).toBe(scopeKey({ ...tottori, id: 2 } as typeof tottori));
    const keys = [mhlw, tottori, tottoriCity, { ...tottori, prefectureCode: "13" }, { ...tottoriCity, localGovernmentCode: "312029" }].map(scopeKey);
    expect(keys).toEqual(["mhlw:-:-", "prefecture:31:-", "municipality:31:312011", "prefecture:13:-", "municipality:31:312029"]);
  });
});
