import { describe, expect, it } from "vitest";
import { CsvFileError, StreamingCsvDecoder } from "./stream-decoder";

function decodeInChunks(bytes: Uint8Array, size: number) {
  const decoder = new StreamingCsvDecoder();
  let text = "";
  for (let i = 0; i < bytes.length; i += size) text += decoder.push(bytes.subarray(i, i + size));
  return { text: text + decoder.end(), encoding: decoder.encoding };
}

const sample = "自治体コード,市区町村名\r\n312011,鳥取市\r\n";
const utf8 = new TextEncoder().encode(sample);
// the same text in Shift_JIS, built from the known code points
const sjis = new Uint8Array([
  ...[0x8e, 0xa9, 0x8e, 0xa1, 0x91, 0xcc, 0x83, 0x52, 0x81, 0x5b, 0x83, 0x68], // 自治体コード
  0x2c,
  ...[0x8e, 0x73, 0x8b, 0xe6, 0x92, 0xac, 0x91, 0xba, 0x96, 0xbc], // 市区町村名
  0x0d, 0x0a,
  ...new TextEncoder().encode("312011,"),
  ...[0x92, 0xb9, 0x8e, 0xe6, 0x8e, 0x73], // 鳥取市
  0x0d, 0x0a,
]);

describe("StreamingCsvDecoder", () => {
  it("reads UTF-8 split at every possible byte boundary", () => {
    for (const size of [1, 2, 3, 5, 7, 64]) expect(decodeInChunks(utf8, size)).toEqual({ text: sample, encoding: "utf-8" });
  });

  it("reads Shift_JIS split into small chunks", () => {
    for (const size of [1, 3, 64]) expect(decodeInChunks(sjis, size)).toEqual({ text: sample, encoding: "shift_jis" });
  });

  it("drops a UTF-8 BOM and reports it", () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    expect(decodeInChunks(withBom, 4)).toEqual({ text: sample, encoding: "utf-8-bom" });
  });

  it("decides on the first non-ASCII byte even after a long ASCII prefix", () => {
    const ascii = new TextEncoder().encode("a,b\r\n".repeat(10000));
    const bytes = new Uint8Array([...ascii, ...sjis]);
    const result = decodeInChunks(bytes, 4096);
    expect(result.encoding).toBe("shift_jis");
    expect(result.text.endsWith(sample)).toBe(true);
  });

  it("rejects binary data and a file that turns invalid after looking like UTF-8", () => {
    expect(() => decodeInChunks(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 16)).toThrow(CsvFileError);
    const mixed = new Uint8Array([...utf8, 0x92, 0xb9, 0x0d, 0x0a]);
    expect(() => decodeInChunks(mixed, 16)).toThrow(/文字コードを判定できません/);
  });
});
