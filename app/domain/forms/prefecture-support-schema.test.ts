import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./form-fields";
import { prefectureSupportSchema } from "./prefecture-support-schema";

describe("prefecture support form", () => {
  it("reads checked boxes as 実施 and every unchecked item as not done", () => {
    const result = prefectureSupportSchema.parse({ fiscalYear: "2024", prefecture_training: "yes", supervision_for_staff: "yes" });
    expect(result.fiscalYear).toBe(2024);
    expect(Object.values(result.items).filter(Boolean)).toHaveLength(2);
    expect(result.items).toMatchObject({ prefecture_training: true, supervision_for_staff: true, work_training_advisor: false, other: false });
    expect(Object.keys(result.items)).toHaveLength(12);
  });

  it("refuses a missing or out-of-range year and a forged checkbox value", () => {
    const errors = fieldErrorsOf(prefectureSupportSchema.safeParse({ fiscalYear: "2014", other: "maybe" }).error!);
    expect(errors).toEqual({ fiscalYear: ["年度は平成27年度から今年度までの間で選んでください"], other: ["チェックボックスの値が正しくありません"] });
    expect(fieldErrorsOf(prefectureSupportSchema.safeParse({ fiscalYear: "" }).error!).fiscalYear).toBeDefined();
  });
});
