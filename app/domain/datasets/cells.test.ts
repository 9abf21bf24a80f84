import { describe, expect, it } from "vitest";
import { countCell, dateCell, decimalCell, fiscalYearCell, isTotalsLabel, normalizeBodyCode, parseDate, parseFiscalYear, parseYearMonth, yesNoCell } from "./cells";

describe("cells as offices write them", () => {
  it("reads counts with full-width digits, separators and 「－」", () => {
    expect(countCell.parse("１，２３４")).toBe(1234);
    expect(countCell.parse(" 1,234 ")).toBe(1234);
    expect(countCell.parse("－")).toBe(0);
    expect(countCell.parse("-")).toBe(0);
    expect(countCell.safeParse("").error?.issues[0]?.message).toBe("空欄です。0件の場合は 0 または「－」を入力してください");
    expect(countCell.safeParse("-3").error?.issues[0]?.message).toBe("負の数は入力できません");
    expect(countCell.safeParse("1.5").error?.issues[0]?.message).toBe("0以上の整数で入力してください");
  });

  it("keeps 目安値 within what the table holds (found by fuzzing: 100000 used to fail in the database)", () => {
    expect(decimalCell.parse("２０．５")).toBe(20.5);
    expect(decimalCell.parse("99999.9")).toBe(99999.9);
    expect(decimalCell.safeParse("100000").error?.issues[0]?.message).toBe("値が大きすぎます（99999.9まで）");
    expect(decimalCell.safeParse("1.25").error?.issues[0]?.message).toBe("0以上の数（小数第1位まで）で入力してください");
  });

  it("reads 年度 in every common form", () => {
    expect(["2021", "２０２１", "2021年度", "R3", "R03", "r3", "令和3年度", "令和３年度"].map(parseFiscalYear)).toEqual(Array(8).fill(2021));
    expect(parseFiscalYear("令和元年度")).toBe(2019);
    expect(parseFiscalYear("平成31年度")).toBe(2019);
    expect(parseFiscalYear("令和1年度")).toBe(2019);
    expect(parseFiscalYear("H27")).toBe(2015);
    expect(parseFiscalYear("平成32年度")).toBeNull();
    expect(fiscalYearCell.safeParse("昭和60").success).toBe(false);
  });

  it("reads 年月 and dates, rejecting impossible ones", () => {
    expect(parseYearMonth("2022-01")).toEqual({ year: 2022, month: 1 });
    expect(parseYearMonth("202201")).toEqual({ year: 2022, month: 1 });
    expect(parseYearMonth("令和4年1月")).toEqual({ year: 2022, month: 1 });
    expect(parseYearMonth("R4.1")).toEqual({ year: 2022, month: 1 });
    expect(parseYearMonth("2022-13")).toBeNull();
    expect(parseDate("令和3年4月1日")).toBe("2021-04-01");
    expect(parseDate("2021/4/1")).toBe("2021-04-01");
    expect(parseDate("R3.4.1")).toBe("2021-04-01");
    expect(parseDate("2021-02-30")).toBeNull();
    expect(dateCell.safeParse("昨日").success).toBe(false);
  });

  it("reads 有/無 and codes", () => {
    expect(yesNoCell.parse("有")).toBe("yes");
    expect(yesNoCell.parse("○")).toBe("yes");
    expect(yesNoCell.parse("無")).toBe("no");
    expect(yesNoCell.safeParse("たぶん").error?.issues[0]?.message).toBe("実施の有無は有・無のいずれかで入力してください");
    expect(normalizeBodyCode("31201")).toBe("312011");
    expect(normalizeBodyCode("３１２０１１")).toBe("312011");
    expect(normalizeBodyCode("31")).toBe("31");
    expect(normalizeBodyCode("abc")).toBeNull();
  });
});

describe("fast paths agree with the schemas", () => {
  it("gives the same value as zod for canonical cells and defers everything else", async () => {
    const { fastPathOf, monthCell } = await import("./cells");
    for (const [cell, samples] of [
      [countCell, ["0", "7", "123456789", "１２", "1,234", "－", "", "-1", "01"]],
      [fiscalYearCell, ["2021", "2099", "R3", "1999", "２０２１"]],
      [monthCell, ["1", "12", "13", "0", "4月", "04"]],
    ] as const) {
      const fast = fastPathOf(cell)!;
      for (const raw of samples) {
        const quick = fast(raw);
        if (quick !== undefined) expect(quick).toBe(cell.parse(raw));
      }
    }
    expect(fastPathOf(countCell)!("１２")).toBeUndefined();
  });
});

describe("dates and 年月 as Excel and offices write them (issue 15)", () => {
  it("reads a date in western, Excel and 和暦 forms", () => {
    for (const raw of ["2026/8/1", "2026-08-01", "2026年8月1日", "R8.8.1", "令和8年8月1日", "Ｒ８．８．１", "2026/8/1 0:00", "2026/08/01 00:00:00"]) {
      expect(parseDate(raw), raw).toBe("2026-08-01");
    }
    expect(parseDate("令和元年5月1日")).toBe("2019-05-01");
    expect(parseDate("H31.4.30")).toBe("2019-04-30");
    expect(parseDate("平成32年1月1日")).toBeNull();
    expect(parseDate("R8.2.30")).toBeNull();
    expect(parseDate("2026/8/1 9:30")).toBeNull();
  });

  it("reads a 年月 in the same forms, and a date as its month", () => {
    for (const raw of ["2026/8", "2026-08", "2026年8月", "R8.8", "令和8年8月", "2026/8/1", "令和8年8月1日", "R8.8.1"]) {
      expect(parseYearMonth(raw), raw).toEqual({ year: 2026, month: 8 });
    }
    expect(parseYearMonth("2026/2/30")).toBeNull();
  });

  it("knows a totals row's label and nothing else", () => {
    for (const label of ["合計", "計", "総計", "小計", " 合 計 ", "（合計）", "【総計】", "鳥取県計", "市町村計", "全国計", "累計"]) expect(isTotalsLabel(label), label).toBe(true);
    for (const value of ["鳥取市", "鳥取県", "計画相談", "会計年度", "1,234", "", "－", "日野町"]) expect(isTotalsLabel(value), value).toBe(false);
  });
});
