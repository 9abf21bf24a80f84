import { describe, expect, it } from "vitest";
import { parseBodyCodes } from "./body-lists";

describe("parseBodyCodes", () => {
  it("reads codes separated by newlines, commas, 、 and spaces, full-width digits included, once each", () => {
    expect(parseBodyCodes("312011\n312029, 312037、３１２０４５  312011")).toEqual({ codes: ["312011", "312029", "312037", "312045"], errors: [] });
  });

  it("names each bad entry with its position, value and why", () => {
    expect(parseBodyCodes("312011 31201 鳥取市").errors).toEqual([
      "2番目の「31201」: 自治体コードは6桁の数字（検査数字を含む）で入力してください",
      "3番目の「鳥取市」: 自治体コードは6桁の数字（検査数字を含む）で入力してください",
    ]);
  });
});

describe("parseBodyCodes on any text", () => {
  it("never throws; every code it keeps is 6 digits, and every error names the entry's position", async () => {
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { codes, errors } = parseBodyCodes(text);
        expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
        expect(new Set(codes).size).toBe(codes.length);
        expect(errors.every((e) => /^\d+番目の「|^実施主体は/.test(e))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
