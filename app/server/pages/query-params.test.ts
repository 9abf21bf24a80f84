import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inMonthRange } from "~/domain/month-range";
import { filterDate, fiscalYearParam, monthRangeParams, pageNumber, parseQuery, queryOf, rowId } from "./query-params";

const query = z.object({ from: filterDate, page: pageNumber, id: rowId.optional().catch(undefined) });

describe("query parameters bounded to what the database holds", () => {
  it("keeps calendar dates, leap days included, and ignores what is no date at all", () => {
    expect(query.parse({ from: "2024-02-29" }).from).toBe("2024-02-29");
    expect(query.parse({ from: " 2025-04-01 " }).from).toBe("2025-04-01");
    expect(query.parse({}).from).toBeUndefined();
    expect(query.parse({ from: "" }).from).toBeUndefined();
    expect(query.parse({ from: "yesterday" }).from).toBeUndefined();
    expect(query.parse({ from: ["2024-01-01", "2024-01-02"] }).from).toBeUndefined();
  });

  it("refuses a date that is not on the calendar with a 400 naming it", async () => {
    for (const value of ["2024-02-30", "2023-02-29", "2025-04-31", "2025-13-01", "2025-00-10", "0000-01-01"]) {
      let thrown: unknown;
      try {
        query.parse({ from: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, value).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
      expect(await (thrown as Response).text()).toBe(`期間の日付「${value}」は存在しません。カレンダーにある日付を指定してください。`);
    }
  });

  it("takes ids and page numbers up to 2147483647 only", () => {
    expect(query.parse({ id: "2147483647", page: "2147483647" })).toMatchObject({ id: 2147483647, page: 2147483647 });
    expect(query.parse({ id: "2147483648", page: "2147483648" })).toMatchObject({ id: undefined, page: 1 });
    expect(query.parse({ id: "99999999999999999999", page: "99999999999999999999" })).toMatchObject({ id: undefined, page: 1 });
    expect(query.parse({ id: "0", page: "0" })).toMatchObject({ id: undefined, page: 1 });
  });
});

describe("month range", () => {
  it("keeps months inside the range, both ends included", () => {
    const range = monthRangeParams.parse({ from: "2020-04", to: "2021-03" });
    expect(inMonthRange({ year: 2020, month: 4 }, range)).toBe(true);
    expect(inMonthRange({ year: 2021, month: 3 }, range)).toBe(true);
    expect(inMonthRange({ year: 2020, month: 3 }, range)).toBe(false);
    expect(inMonthRange({ year: 2021, month: 4 }, range)).toBe(false);
  });
  it("ignores malformed bounds", () => {
    expect(monthRangeParams.parse({ from: "2020-13", to: "x" })).toEqual({ from: undefined, to: undefined });
    expect(inMonthRange({ year: 2015, month: 4 }, {})).toBe(true);
  });
});

describe("?fy=", () => {
  it("is a fiscal year from 2015 to 2100, anything else no year", () => {
    const fy = z.object({ fy: fiscalYearParam });
    expect(fy.parse({ fy: "2025" }).fy).toBe(2025);
    for (const value of [undefined, "", "abc", "2014", "2101", "2025.5", "99999999999999999999", ["2024", "2025"]]) expect(fy.parse({ fy: value }).fy, String(value)).toBeUndefined();
  });
});

describe("the query of a request", () => {
  it("is an object of its parameters, a repeated one keeping its last value, parsed by the page's schema", () => {
    const request = new Request("http://localhost/prefectures/31?fy=2024&page=2&fy=2025");
    expect(queryOf(request)).toEqual({ fy: "2025", page: "2" });
    expect(parseQuery(z.object({ fy: fiscalYearParam, page: pageNumber }), request)).toEqual({ fy: 2025, page: 2 });
  });
});
