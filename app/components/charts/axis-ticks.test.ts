import { describe, expect, it } from "vitest";
import { fiscalYearStartTicks, type MonthPoint } from "./axis-ticks";

/** every month from (year, month) for `count` months */
function months(year: number, month: number, count: number): MonthPoint[] {
  return Array.from({ length: count }, (_, i) => ({ year: year + Math.floor((month - 1 + i) / 12), month: ((month - 1 + i) % 12) + 1 }));
}

describe("fiscalYearStartTicks", () => {
  // 2015年4月〜2026年10月: 139 months; the Aprils of 2015…2026 are at indices 0, 12, …, 132 (12 of them)
  const national = months(2015, 4, 139);
  const label = (points: MonthPoint[], indices: number[]) => indices.map((i) => `${points[i]!.year}/${points[i]!.month}`);

  it("ticks every April when twelve fit (the wide trend chart), never at odd months", () => {
    const ticks = fiscalYearStartTicks(national, 12);
    expect(ticks).toEqual([0, 12, 24, 36, 48, 60, 72, 84, 96, 108, 120, 132]);
    expect(label(national, ticks)).toEqual(["2015/4", "2016/4", "2017/4", "2018/4", "2019/4", "2020/4", "2021/4", "2022/4", "2023/4", "2024/4", "2025/4", "2026/4"]);
  });

  it("steps to every 2nd fiscal year (even years) when six fit", () => {
    // 12 Aprils: every year 12 > 6, every 2nd year ceil(12/2) = 6 ≤ 6 → 2016, 2018, …, 2026 at 12, 36, …, 132
    expect(label(national, fiscalYearStartTicks(national, 6))).toEqual(["2016/4", "2018/4", "2020/4", "2022/4", "2024/4", "2026/4"]);
  });

  it("steps to every 5th fiscal year when four fit (the narrow trend chart)", () => {
    // every 2nd year: 6 > 4; every 5th: ceil(12/5) = 3 ≤ 4 → 2015, 2020, 2025 at indices 0, 60, 120
    expect(fiscalYearStartTicks(national, 4)).toEqual([0, 60, 120]);
  });

  it("starts at the first April when the range starts mid-year", () => {
    // 2014年11月〜2016年3月: the only April is 2015年4月, five months in
    expect(fiscalYearStartTicks(months(2014, 11, 17), 12)).toEqual([5]);
  });

  it("ticks at the first point of a range without an April, and at nothing without points", () => {
    // 2025年5月〜2026年2月
    expect(fiscalYearStartTicks(months(2025, 5, 10), 12)).toEqual([0]);
    expect(fiscalYearStartTicks([], 12)).toEqual([]);
  });

  it("treats fiscal years (drawn at April) the same way", () => {
    // 2015…2026年度, four fit: every 5th year → 2015, 2020, 2025 at indices 0, 5, 10
    const fiscalYears = Array.from({ length: 12 }, (_, i) => ({ year: 2015 + i, month: 4 }));
    expect(fiscalYearStartTicks(fiscalYears, 4)).toEqual([0, 5, 10]);
    expect(fiscalYearStartTicks(fiscalYears, 12)).toHaveLength(12);
  });
});
