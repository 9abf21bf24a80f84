import { describe, expect, it } from "vitest";
import { decodeCsvBytes, detectEncoding, normalizeHeader } from "./decode";

// "団体コード,市区町村名\r\n" in Shift_JIS, written out byte by byte.
const shiftJisBytes = new Uint8Array([
  0x92, 0x63, 0x91, 0xcc, 0x83, 0x52, 0x81, 0x5b, 0x83, 0x68, 0x2c, 0x8e, 0x73, 0x8b, 0xe6, 0x92, 0xac, 0x91,
  0xba, 0x96, 0xbc, 0x0d, 0x0a,
]);

describe("detectEncoding / decodeCsvBytes", () => {
  it("reads Shift_JIS", () => {
    expect(detectEncoding(shiftJisBytes)).toBe("shift_jis");
    expect(decodeCsvBytes(shiftJisBytes).text).toBe("団体コード,市区町村名\r\n");
  });

  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("団体コード")]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "団体コード", encoding: "utf-8-bom" });
  });

  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("鳥取市"))).toEqual({ text: "鳥取市", encoding: "utf-8" });
  });
});

describe("normalizeHeader", () => {
  it("folds full-width characters, line breaks and case", () => {
    expect(normalizeHeader("市区町村名\n（ｶﾅ）")).toBe("市区町村名(カナ)");
    expect(normalizeHeader(" LGCode ")).toBe("lgcode");
  });
});
