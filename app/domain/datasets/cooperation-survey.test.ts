import { describe, expect, it } from "vitest";
import { checkCell } from "./cooperation-survey";

describe("checkCell (a multiple-answer column)", () => {
  it("reads ○ and its variants as chosen, a blank or 0/×/－ as not chosen", () => {
    for (const v of ["○", "〇", "◯", "1", "１", " ○ ", "有", "はい"]) expect(checkCell.parse(v), v).toBe(true);
    for (const v of ["", " ", "0", "×", "－", "無", "いいえ"]) expect(checkCell.parse(v), v).toBe(false);
  });

  it("refuses anything else with a Japanese message", () => {
    const result = checkCell.safeParse("x");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("選んだ回答は ○（または 1）、選ばない回答は空欄（または 0）で入力してください");
  });
});
