import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { columnWidths, displayWidth, exportTableCsv, xlsxFileName, type ExportTable } from "./table-export";
import { writeTableSheet } from "./table-xlsx";

const table: ExportTable = {
  title: "任意事業の実施率",
  notes: [{ label: "出典", value: "任意事業実施状況" }],
  columns: [
    { label: "都道府県", kind: "text" },
    { label: "実施数", kind: "count" },
    { label: "分母", kind: "count" },
    { label: "実施率", kind: "rate" },
    { label: "10万人あたり", kind: "number" },
  ],
  rows: [
    ["全国", 595, 862, 595 / 862, 12.345],
    ["=HYPERLINK(1)", null, 0, null, Number.NaN],
  ],
};

describe("exportTableCsv", () => {
  it("writes counts as integers and rates as the page shows them, beside their numerator and denominator", () => {
    // 595 / 862 = 0.690255… -> 69.0%; 12.345 -> 12.3 as shown; a formula-like text is neutralised; null and NaN are empty
    expect(exportTableCsv(table)).toBe("# 任意事業の実施率\r\n# 出典: 任意事業実施状況\r\n都道府県,実施数,分母,実施率,10万人あたり\r\n全国,595,862,69.0%,12.3\r\n'=HYPERLINK(1),,0,,\r\n");
  });

  it("writes the title block as # lines of one unquoted cell: ASCII commas, quotes and line breaks become full-width", () => {
    const notes = [{ label: "条件", value: '/compare?prefectures=31,13 "A"\nB' }];
    expect(exportTableCsv({ title: "比較", notes, columns: [{ label: "年度", kind: "text" }], rows: [] })).toBe("# 比較\r\n# 条件: /compare?prefectures=31，13 ＂A＂ B\r\n年度\r\n");
  });
});

describe("widths and names", () => {
  it("counts full-width characters as 2", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("鳥取県")).toBe(6);
    expect(displayWidth("n（実施主体数）")).toBe(1 + 7 * 2);
    expect(displayWidth("ｶﾅ")).toBe(2);
  });

  it("fits each column to its widest shown text plus 2, between 6 and 60", () => {
    // 都道府県 = 8 (the formula text is 13 half-width) -> 15; 実施数 = 6 -> 8; 分母 = 4 -> minimum 6;
    // 実施率 = 6 vs "69.0%" = 5 -> 8; 10万人あたり = 2 + 5×2 = 12 vs "12.3" -> 14
    expect(columnWidths(table)).toEqual([15, 8, 6, 8, 14]);
  });

  it("names the workbook after the CSV", () => {
    expect(xlsxFileName("任意事業実施率_2025.csv")).toBe("任意事業実施率_2025.xlsx");
  });
});

describe("writeTableSheet", () => {
  it("writes the title block, a frozen header and typed cells that ExcelJS reads back", async () => {
    const book = new ExcelJS.Workbook();
    writeTableSheet(book, table);
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await book.xlsx.writeBuffer());
    const sheet = read.worksheets[0]!;
    expect(sheet.name).toBe("任意事業の実施率");
    expect([sheet.getCell("A1").value, sheet.getCell("A2").value, sheet.getCell("B2").value, sheet.getCell("A3").value]).toEqual(["任意事業の実施率", "出典", "任意事業実施状況", null]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
    expect(sheet.getRow(4).values).toEqual([undefined, "都道府県", "実施数", "分母", "実施率", "10万人あたり"]);
    expect([sheet.getCell("B5").value, sheet.getCell("C5").value, sheet.getCell("D5").value]).toEqual([595, 862, 595 / 862]);
    expect([sheet.getCell("B5").numFmt, sheet.getCell("D5").numFmt, sheet.getCell("E5").numFmt]).toEqual(["#,##0", "0.0%", "#,##0.0"]);
    // the .xlsx keeps the text as typed: Excel does not evaluate a string cell
    expect(sheet.getCell("A6").value).toBe("=HYPERLINK(1)");
    expect(sheet.getCell("E6").value).toBeNull();
  });
});
