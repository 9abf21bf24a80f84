import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { fieldErrorsOf, pastDateField, textField } from "./form-fields";

afterEach(() => vi.useRealTimers());

const messages = (schema: z.ZodTypeAny, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("form fields", () => {
  it("gives one Japanese message per bad date, naming the field", () => {
    vi.useFakeTimers({ now: new Date("2026-11-24T03:00:00Z"), toFake: ["Date"] });
    const field = pastDateField("開催日");
    expect(messages(field, undefined)).toEqual(["開催日を入力してください"]);
    expect(messages(field, " ")).toEqual(["開催日を入力してください"]);
    expect(messages(field, "2025/6/12")).toEqual(["開催日を 2025-06-12 の形で入力してください"]);
    expect(messages(field, "2025-02-29")).toEqual(["開催日が正しくありません（存在しない日付です）"]);
    expect(messages(field, "2015-03-31")).toEqual(["開催日は2015年4月1日以降の日付にしてください"]);
    expect(messages(field, "2026-11-25")).toEqual(["開催日に未来の日付は入力できません"]);
    expect(field.parse(" 2024-02-29 ")).toBe("2024-02-29");
  });

  it("takes today in Japan, not in the server's zone", () => {
    // 2026-11-24T16:00Z is already 25 November in Tokyo
    vi.useFakeTimers({ now: new Date("2026-11-24T16:00:00Z"), toFake: ["Date"] });
    expect(pastDateField("実施日").parse("2026-11-25")).toBe("2026-11-25");
  });

  it("trims text and checks its length", () => {
    expect(textField("研修名", 5, { required: true }).parse("\u3000後期研修 ")).toBe("後期研修");
    expect(messages(textField("研修名", 5, { required: true }), "　")).toEqual(["研修名を入力してください"]);
    expect(messages(textField("内容", 3), "あいうえ")).toEqual(["内容は3文字以内で入力してください"]);
    expect(textField("内容", 3).parse(undefined)).toBe("");
  });

  it("keys errors by the field names, nested paths joined with dots", () => {
    const schema = z.object({ a: z.string(), participants: z.record(z.string(), z.number()) });
    const result = schema.safeParse({ a: 1, participants: { "312011.consultant": "x" } });
    expect(Object.keys(fieldErrorsOf(result.error!))).toEqual(["a", "participants.312011.consultant"]);
  });
});
