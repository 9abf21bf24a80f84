import { describe, expect, it } from "vitest";
import { canManageUpload } from "./upload-access";

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
