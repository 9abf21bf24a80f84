import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./form-fields";
import { trainingSessionFormValues, trainingSessionSchema } from "./training-session-schema";

const form = (fields: Record<string, string>) => trainingSessionSchema.safeParse(trainingSessionFormValues(fields));
const valid = { heldOn: "2025-10-15", title: "人材養成研修（後期）", kind: "latter_term", hours: "10.5" };

describe("training session form", () => {
  it("accepts a 後期研修 of 10.5 hours and keeps only the participants entered", () => {
    const result = form({ ...valid, "participants.312011.consultant": "２", "participants.312011.chief_consultant": "", "participants.312029.consultant": "0" });
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      heldOn: "2025-10-15",
      title: "人材養成研修（後期）",
      kind: "latter_term",
      hours: 10.5,
      participants: [{ localGovernmentCode: "312011", role: "consultant", participants: 2 }],
    });
  });

  it("refuses a 後期研修 shorter than 10.5 hours but not a shorter course of another kind", () => {
    expect(fieldErrorsOf(form({ ...valid, hours: "10" }).error!)).toEqual({ hours: ["後期研修は10.5時間以上必要です（入力は10時間）"] });
    expect(form({ ...valid, kind: "follow_up", hours: "3" }).success).toBe(true);
  });

  it("names every bad field in Japanese", () => {
    const result = form({ heldOn: "", title: "", kind: "seminar", hours: "10.25", "participants.312011.consultant": "-1", "participants.31201.x": "1" });
    expect(fieldErrorsOf(result.error!)).toEqual({
      heldOn: ["開催日を入力してください"],
      title: ["研修名を入力してください"],
      kind: ["種別を選んでください"],
      hours: ["時間数は 10.5 のように数値で入力してください"],
      "participants.312011.consultant": ["参加人数は0〜999の整数で入力してください"],
      "participants.31201.x": ["参加者の欄が正しくありません"],
    });
    expect(fieldErrorsOf(form({ ...valid, hours: "0.7" }).error!).hours).toEqual(["時間数は0.5時間単位で入力してください"]);
    expect(fieldErrorsOf(form({ ...valid, hours: "0" }).error!).hours).toEqual(["時間数は0.5〜99.5時間の範囲で入力してください"]);
  });
});
