import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { streamTableXlsx } from "./xlsx-stream.server";

const pageSize = 2_000;
const pages = 20;

function source() {
  let served = 0;
  const next = async () => {
    if (served === pages) return null;
    served += 1;
    const first = (served - 1) * pageSize;
    // random-looking digits compress badly, so each page makes zip output of its own
    return Array.from({ length: pageSize }, (_, i) => [`${String(first + i).padStart(6, "0")}`, first + i, ((first + i) * 7919) % 100_003]);
  };
  return { next, served: () => served };
}

describe("streamTableXlsx", () => {
  it("reads a page only when the client has taken what was written (back-pressure), and writes every row", async () => {
    const rows = source();
    const stream = streamTableXlsx(
      { title: "テスト", notes: [{ label: "出典", value: "テスト" }], columns: [{ label: "コード", kind: "text" }, { label: "番号", kind: "count" }, { label: "値", kind: "count" }] },
      rows.next,
    );
    const reader = stream.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    chunks.push(first.value!);
    // the stream fills its one-chunk queue and stops: a page or two read ahead, never the 20, however long the client waits
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rows.served()).toBeLessThanOrEqual(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rows.served()).toBeLessThanOrEqual(4);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(rows.served()).toBe(pages);
    const book = new ExcelJS.Workbook();
    const all = Buffer.concat(chunks);
    await book.xlsx.load(all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    // title, 1 note, a blank row, the header on row 4, then 20 × 2,000 = 40,000 rows
    expect(sheet.getCell("A4").value).toBe("コード");
    expect(sheet.rowCount).toBe(4 + pages * pageSize);
    expect([sheet.getCell("A5").value, sheet.getCell("B5").value]).toEqual(["000000", 0]);
    // the last row: 39,999, and 39,999 × 7,919 = 316,752,081; minus 3,167 × 100,003 = 316,709,501 leaves 42,580
    expect([sheet.getCell(`A${4 + 40_000}`).value, sheet.getCell(`B${4 + 40_000}`).value, sheet.getCell(`C${4 + 40_000}`).value]).toEqual(["039999", 39_999, 42_580]);
  });
});
