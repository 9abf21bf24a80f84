import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvLine, encodeCsv, neutralizeFormula } from "./write";

describe("CSV downloads", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(neutralizeFormula("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(neutralizeFormula("+1")).toBe("'+1");
    expect(neutralizeFormula("-2")).toBe("'-2");
    expect(neutralizeFormula("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralizeFormula("鳥取市")).toBe("鳥取市");
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(csvLine(["a,b", 'say "hi"', "x\ny", 12, null])).toBe('"a,b","say ""hi""","x\ny",12,\r\n');
  });

  it("writes UTF-8 with a BOM once, or Shift_JIS", () => {
    expect([...encodeCsv("市", "utf-8-bom", true)]).toEqual([0xef, 0xbb, 0xbf, 0xe5, 0xb8, 0x82]);
    expect([...encodeCsv("市", "utf-8-bom", false)]).toEqual([0xe5, 0xb8, 0x82]);
    const sjis = encodeCsv("鳥取市,①", "shift_jis", true);
    expect(iconv.decode(Buffer.from(sjis), "cp932")).toBe("鳥取市,①");
    expect([...sjis.slice(0, 2)]).toEqual([0x92, 0xb9]);
  });
});
