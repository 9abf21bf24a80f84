import { describe, expect, it } from "vitest";
import { newUserSchema } from "./user-schema";

const base = { loginId: "kurayoshi", displayName: "倉吉市", role: "municipality", localGovernmentCode: "312037", password: "mori-no-komichi-7", passwordConfirm: "mori-no-komichi-7" };

describe("new user e-mail address", () => {
  it("is optional: blank or absent is no address", () => {
    expect(newUserSchema.parse({ ...base, email: "  " }).email).toBeUndefined();
    expect(newUserSchema.parse(base).email).toBeUndefined();
  });
  it("is trimmed when given", () => {
    expect(newUserSchema.parse({ ...base, email: " fukushi@city.kurayoshi.example.jp " }).email).toBe("fukushi@city.kurayoshi.example.jp");
  });
  it("refuses what is not an address, saying so in Japanese", () => {
    const result = newUserSchema.safeParse({ ...base, email: "fukushi@" });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["email", "メールアドレスの形が正しくありません（例: fukushi@city.example.lg.jp）"]]);
  });
});
