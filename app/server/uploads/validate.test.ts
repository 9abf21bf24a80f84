import { describe, expect, it } from "vitest";
import { datasets } from "../../domain/datasets";
import { checkRecord, mapHeader, type HeaderMap } from "./validate";

function headerOf(cells: string[]): HeaderMap {
  const mapped = mapHeader(datasets.population, cells);
  if ("errors" in mapped) throw new Error(JSON.stringify(mapped.errors));
  return mapped.map;
}

const reasonOf = (header: HeaderMap, cells: string[]) => checkRecord(header, { line: 7, cells })?.reason ?? null;

describe("checkRecord: a row's cells against the header", () => {
  const titles = ["自治体コード", "基準日", "人口"];

  it("wants exactly the header's cells; blank ones after the last title only as far as the header itself goes (Excel's used range)", () => {
    const plain = headerOf(titles);
    expect(reasonOf(plain, ["312011", "2025-01-01", "181000"])).toBeNull();
    expect(reasonOf(plain, ["312011", "2025-01-01"])).toBe("列が足りません（見出しは3列、この行は2列）。区切りの「,」が抜けていないか確かめてください");
    // an unquoted 181,000 shifts the row by one cell, even when the cell pushed out is blank
    expect(reasonOf(plain, ["312011", "2025-01-01", "181", "000"])).toMatch(/^列が多すぎます（見出しは3列、この行は4列）/);
    expect(reasonOf(plain, ["312011", "2025-01-01", "181000", ""])).toMatch(/^列が多すぎます（見出しは3列、この行は4列）/);

    const padded = headerOf([...titles, "", ""]);
    expect(reasonOf(padded, ["312011", "2025-01-01", "181000", "", ""])).toBeNull();
    expect(reasonOf(padded, ["312011", "2025-01-01", "181000"])).toBeNull();
    expect(reasonOf(padded, ["312011", "2025-01-01", "181000", "", "", ""])).toMatch(/^列が多すぎます（見出しは5列、この行は6列）/);
  });

  it("refuses a totals row, naming the column of its label", () => {
    expect(checkRecord(headerOf(titles), { line: 9, cells: ["鳥取県計", "2025-01-01", "540000"] })).toEqual({
      line: 9,
      column: "自治体コード",
      value: "鳥取県計",
      reason: "合計行は取り込めません。合計・小計の行を削除してください",
    });
  });

  it("reports a quote problem at the line where its cell starts", () => {
    const issue = checkRecord(headerOf(titles), { line: 7, cells: ["312011", "2025-01-01", "18\r\n1000"], quoteError: { kind: "unclosed", line: 7, cell: 2 } });
    expect(issue).toMatchObject({ line: 7, column: "人口", value: "18\r\n1000" });
  });
});
