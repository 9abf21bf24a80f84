import { describe, expect, it } from "vitest";
import { splitLabel } from "./ScaledChart";

describe("splitLabel", () => {
  it("cuts a label into lines of at most the given number of characters", () => {
    expect(splitLabel("就労準備支援事業", 3)).toEqual(["就労準", "備支援", "事業"]);
    expect(splitLabel("鳥取県", 8)).toEqual(["鳥取県"]);
    expect(splitLabel("", 4)).toEqual([""]);
    expect(splitLabel("ab", 0)).toEqual(["a", "b"]);
  });
});
