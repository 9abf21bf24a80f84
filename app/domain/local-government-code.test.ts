import { describe, expect, it } from "vitest";
import { checkDigit, isValidLocalGovernmentCode, prefectureBodyCode, toSixDigitCode } from "./local-government-code";

describe("全国地方公共団体コード", () => {
  it("computes check digits by hand-checked examples", () => {
    // 13000: 1*6 + 3*5 = 21; 21 mod 11 = 10; (11-10) mod 10 = 1 -> 130001 (東京都)
    expect(checkDigit("13000")).toBe(1);
    // 01000: 1*5 = 5; (11-5) mod 10 = 6 -> 010006 (北海道)
    expect(checkDigit("01000")).toBe(6);
    // 31201: 3*6+1*5+2*4+0*3+1*2 = 33; 33 mod 11 = 0; (11-0) mod 10 = 1 -> 312011 (鳥取市)
    expect(checkDigit("31201")).toBe(1);
  });
  it("validates six-digit codes and completes five-digit ones", () => {
    expect(isValidLocalGovernmentCode("312011")).toBe(true);
    expect(isValidLocalGovernmentCode("312012")).toBe(false);
    expect(toSixDigitCode("31201")).toBe("312011");
    expect(toSixDigitCode("312012")).toBeNull();
    expect(prefectureBodyCode("13")).toBe("130001");
    expect(prefectureBodyCode("1")).toBe("010006");
  });
});
