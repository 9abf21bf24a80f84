import { describe, expect, it } from "vitest";
import { perHundredThousand, transferFigures } from "./figures";

describe("transferFigures", () => {
  it("computes the share of respondents with cases, the average among them and the rate per 10万人", () => {
    // the source's FY2020 shape: 536 respondents, 175 with cases (175/536 = 32.6%), 822 cases (822/175 = 4.697 ≈ 4.7)
    const f = transferFigures({ respondents: 536, withCases: 175, casesAfterDiscontinuation: 822, population: 41_100_000 });
    expect(f.shareWithCases).toBeCloseTo(0.3265, 4);
    expect(f.averageAmongWithCases).toBeCloseTo(4.697, 3);
    // 822 × 100,000 ÷ 41,100,000 = 2.0
    expect(f.perHundredThousand).toBeCloseTo(2.0, 6);
  });

  it("gives null, not zero, where there is no denominator", () => {
    expect(transferFigures({ respondents: 0, withCases: 0, casesAfterDiscontinuation: 0, population: 0 })).toEqual({
      shareWithCases: null,
      averageAmongWithCases: null,
      perHundredThousand: null,
    });
    expect(perHundredThousand(3, null)).toBeNull();
    // 3 × 100,000 ÷ 50,000 = 6
    expect(perHundredThousand(3, 50_000)).toBe(6);
  });
});
