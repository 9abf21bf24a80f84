import { describe, expect, it } from "vitest";
import { newPasswordProblems } from "../../domain/forms/password-policy";
import { canAdministerUsers, canManageUser, creatableRoles } from "./user-admin";
import { newUserSchema, passwordChangeSchema } from "../../domain/forms/user-schema";
import { fieldErrorsOf } from "../../domain/forms/form-fields";

const mhlw = { id: 1, role: "mhlw" as const, prefectureCode: null };
const tottori = { id: 2, role: "prefecture" as const, prefectureCode: "31" };
const tottoriCity = { id: 3, role: "municipality" as const, prefectureCode: "31" };
const tokyoWard = { id: 4, role: "municipality" as const, prefectureCode: "13" };
const tokyo = { id: 5, role: "prefecture" as const, prefectureCode: "13" };

describe("user administration", () => {
  it("lets MHLW open MHLW and prefecture accounts, a prefecture only its municipalities'", () => {
    expect(creatableRoles(mhlw)).toEqual(["mhlw", "prefecture"]);
    expect(creatableRoles(tottori)).toEqual(["municipality"]);
    expect(creatableRoles(tottoriCity)).toEqual([]);
    expect([mhlw, tottori, tottoriCity].map(canAdministerUsers)).toEqual([true, true, false]);
  });

  it("lets MHLW manage anyone else and a prefecture only its own municipalities' accounts", () => {
    expect(canManageUser(mhlw, tokyo)).toBe(true);
    expect(canManageUser(mhlw, mhlw)).toBe(false);
    expect(canManageUser(tottori, tottoriCity)).toBe(true);
    expect(canManageUser(tottori, tokyoWard)).toBe(false);
    expect(canManageUser(tottori, tokyo)).toBe(false);
    expect(canManageUser(tottori, mhlw)).toBe(false);
    expect(canManageUser(tottoriCity, tottoriCity)).toBe(false);
  });
});

describe("password rules", () => {
  it("wants long passwords without the login id or common words", () => {
    expect(newPasswordProblems("森の小道を歩く朝7時", "tanaka")).toEqual(["パスワードは12文字以上にしてください"]);
    expect(newPasswordProblems("mori-no-komichi-7", "tanaka")).toEqual([]);
    expect(newPasswordProblems("tanaka-tottori-2026", "tanaka")).toEqual(["ログインIDを含むパスワードは使えません"]);
    expect(newPasswordProblems("aaaaaaaaaaaaaaaa", "x")).toEqual(["パスワードには異なる文字を5種類以上使ってください（同じ文字の繰り返しは1種類です。大文字と小文字は同じ文字と数えます）"]);
    // a, b, A, B, 1 and 2: a and A are one kind, so five kinds are not reached
    expect(newPasswordProblems("abABab12abAB", "x")).toEqual(["パスワードには異なる文字を5種類以上使ってください（同じ文字の繰り返しは1種類です。大文字と小文字は同じ文字と数えます）"]);
    expect(newPasswordProblems("abcdABCD1234", "x")).toEqual([]);
    expect(newPasswordProblems("123456789012345", "x")).toContain("数字だけのパスワードは使えません");
    expect(newPasswordProblems("MyPassword2026!", "x")).toEqual(["推測されやすい語（password、123456 など）を含むパスワードは使えません"]);
  });

  it("checks the new account form field by field", () => {
    const result = newUserSchema.safeParse({ loginId: "Tanaka", displayName: "", role: "municipality", password: "short", passwordConfirm: "other" });
    expect(fieldErrorsOf(result.error!)).toEqual({
      loginId: ["ログインIDは半角英小文字・数字と . _ - で入力してください"],
      displayName: ["表示名を入力してください"],
      password: ["パスワードは12文字以上にしてください"],
      passwordConfirm: ["確認用のパスワードが一致しません"],
      localGovernmentCode: ["自治体を選んでください"],
    });
  });

  it("refuses reusing the current password", () => {
    const result = passwordChangeSchema.safeParse({ loginId: "tanaka", currentPassword: "mori-no-komichi-7", password: "mori-no-komichi-7", passwordConfirm: "mori-no-komichi-7" });
    expect(fieldErrorsOf(result.error!)).toEqual({ password: ["現在と異なるパスワードにしてください"] });
  });
});
