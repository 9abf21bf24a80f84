import { describe, expect, it } from "vitest";
import { splitAxisLabel, splitLabel } from "./ScaledChart";

describe("splitLabel", () => {
  it("cuts a label into lines of at most the given number of characters", () => {
    expect(splitLabel("就労準備支援事業", 3)).toEqual(["就労準", "備支援", "事業"]);
    expect(splitLabel("鳥取県", 8)).toEqual(["鳥取県"]);
    expect(splitLabel("", 4)).toEqual([""]);
    expect(splitLabel("ab", 0)).toEqual(["a", "b"]);
  });
});

describe("splitAxisLabel", () => {
  it("breaks a fiscal year before 年度 when both parts fit, else every few characters", () => {
    expect(splitAxisLabel("平成30年度", 4)).toEqual(["平成30", "年度"]);
    expect(splitAxisLabel("令和元年度", 3)).toEqual(["令和元", "年度"]);
    // 平成30 is 4 characters: in lines of 3 it is cut where it must be
    expect(splitAxisLabel("平成30年度", 3)).toEqual(["平成3", "0年度"]);
    expect(splitAxisLabel("2024年4月", 4)).toEqual(["2024", "年4月"]);
    // a label that fits stays whole
    expect(splitAxisLabel("令和7年度", 5)).toEqual(["令和7年度"]);
  });
});
