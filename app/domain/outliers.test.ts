import { describe, expect, it } from "vitest";
import { defaultOutlierSettings, historyWindow, judgeAgainstHistory, judgeAgainstPeers, median, modifiedZScore, nearestInPopulation, robustSpread } from "./outliers";

// 鳥取市's months as the issue describes them: 140–160.
const tottori = [140, 145, 148, 150, 152, 155, 160];

describe("median and the robust spread", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([160, 140, 150])).toBe(150);
    expect(median([10, 30, 10, 12, 10, 10])).toBe(10); // 10 10 10 10 12 30 → (10 + 10) / 2
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  it("gives the same middle for long lists and leaves its input as it was", () => {
    // 0 … 99 reversed: the middle two are 49 and 50; 0 … 100: 50; beyond the short lists' sort
    const hundred = Array.from({ length: 100 }, (_, i) => 99 - i);
    expect(median(hundred)).toBe(49.5);
    expect(hundred[0]).toBe(99);
    expect(median(Array.from({ length: 101 }, (_, i) => (i * 37) % 101))).toBe(50);
    // a short list after a long one: nothing of the long one is left over
    expect(median([3, 1, 2])).toBe(2);
    expect(robustSpread([5, 5, 5, 9]).median).toBe(5);
  });

  it("scales the MAD by 1 / 0.6745", () => {
    // median 150; |x − 150| = 10 5 2 0 2 5 10 → sorted 0 2 2 5 5 10 10 → MAD 5; 5 / 0.6745 = 7.41290
    const spread = robustSpread(tottori);
    expect(spread.median).toBe(150);
    expect(spread.scale).toBeCloseTo(7.4129, 4);
    // 0.6745 × (1028 − 150) / 5 = 0.6745 × 878 / 5 = 118.4422
    expect(modifiedZScore(1028, spread)).toBeCloseTo(118.4422, 4);
    // 0.6745 × (160 − 150) / 5 = 1.349
    expect(modifiedZScore(160, spread)).toBeCloseTo(1.349, 4);
  });

  it("falls back to 1.2533 × the mean absolute deviation when MAD is 0", () => {
    // median 10; |x − 10| = 0 0 0 0 2 20 → MAD = median(0 0 0 0 2 20) = 0; mean = 22 / 6 = 3.66667
    // scale = 3.66667 × 1.253314 = 4.59549
    const spread = robustSpread([10, 10, 10, 10, 12, 30]);
    expect(spread.median).toBe(10);
    expect(spread.scale).toBeCloseTo(4.59549, 4);
  });

  it("has no spread, and no score, when every value is the same", () => {
    const spread = robustSpread([3, 3, 3]);
    expect(spread).toEqual({ median: 3, scale: 0 });
    expect(modifiedZScore(9, spread)).toBeNull();
  });
});

describe("judging a value against its history (threshold 3.5, at least 6 values, ±5 at least)", () => {
  it("flags 1,028 against months of 140–160 and gives the typical range", () => {
    // half width 3.5 × 7.41290 = 25.9452 → 150 ± 25.9452 = 124.05 … 175.95 → whole counts 125〜175
    expect(judgeAgainstHistory(1028, tottori)).toEqual({ flagged: true, score: expect.closeTo(118.4422, 4), typical: { low: 125, high: 175 } });
  });

  it("does not flag values inside the range, and flags just outside it", () => {
    expect(judgeAgainstHistory(160, tottori)?.flagged).toBe(false);
    expect(judgeAgainstHistory(175, tottori)?.flagged).toBe(false);
    expect(judgeAgainstHistory(125, tottori)?.flagged).toBe(false);
    expect(judgeAgainstHistory(176, tottori)?.flagged).toBe(true);
    // a drop is as suspicious as a spike: 0.6745 × (124 − 150) / 5 = −3.5074
    expect(judgeAgainstHistory(124, tottori)).toMatchObject({ flagged: true, score: expect.closeTo(-3.5074, 4) });
  });

  it("uses the mean-absolute-deviation scale when MAD is 0", () => {
    // median 10, scale 4.59549; half width 3.5 × 4.59549 = 16.0842 → −6.08 … 26.08 → 0〜26 (clipped at 0)
    const history = [10, 10, 10, 10, 12, 30];
    expect(judgeAgainstHistory(26, history)).toMatchObject({ flagged: false, typical: { low: 0, high: 26 } });
    expect(judgeAgainstHistory(27, history)?.flagged).toBe(true);
  });

  it("judges small counts by the minimum deviation of 5", () => {
    // median 2; |x − 2| = 0 0 1 0 0 1 0 → MAD 0; mean 2 / 7 → scale 0.2857 × 1.253314 = 0.3581;
    // 3.5 × 0.3581 = 1.25 < 5, so the half width is 5: 2 ± 5 → 0〜7
    const history = [2, 2, 3, 2, 2, 3, 2];
    expect(judgeAgainstHistory(7, history)).toMatchObject({ flagged: false, typical: { low: 0, high: 7 } });
    expect(judgeAgainstHistory(8, history)?.flagged).toBe(true);
    // one repeated value: no score, the range is 1 ± 5 → 0〜6
    expect(judgeAgainstHistory(6, Array(12).fill(1))).toEqual({ flagged: false, score: null, typical: { low: 0, high: 6 } });
    expect(judgeAgainstHistory(40, Array(12).fill(1))).toEqual({ flagged: true, score: null, typical: { low: 0, high: 6 } });
  });

  it("makes no judgement on a history shorter than the minimum", () => {
    expect(judgeAgainstHistory(1028, [150, 150, 150, 150, 150])).toBeNull();
    expect(judgeAgainstHistory(1028, [])).toBeNull();
    expect(judgeAgainstHistory(1028, [150, 150, 150], { ...defaultOutlierSettings, minHistory: 3 })?.flagged).toBe(true);
  });

  it("takes the threshold as data", () => {
    // threshold 10: half width 10 × 7.41290 = 74.129 → 75.87 … 224.13 → 76〜224
    expect(judgeAgainstHistory(200, tottori, { ...defaultOutlierSettings, threshold: 10 })).toMatchObject({ flagged: false, typical: { low: 76, high: 224 } });
  });
});

describe("the history window", () => {
  const months = (from: [number, number], count: number) =>
    Array.from({ length: count }, (_, i) => {
      const index = from[0] * 12 + from[1] - 1 + i;
      return { year: Math.floor(index / 12), month: (index % 12) + 1 };
    });
  const label = (m: { year: number; month: number }) => `${m.year}-${m.month}`;

  it("is the same month of earlier years and the 12 latest months before", () => {
    // 2023-01 … 2025-06; for 2025-04: 2024-04 … 2025-03 (12 months) and 2023-04
    const window = historyWindow(months([2023, 1], 30), { year: 2025, month: 4 });
    expect(window.map(label)).toEqual(["2023-4", ...months([2024, 4], 12).map(label)]);
  });

  it("leaves out the month itself and later months (a correction of an old month)", () => {
    const window = historyWindow(months([2023, 1], 30), { year: 2024, month: 6 });
    expect(window.map(label)).toEqual(months([2023, 6], 12).map(label));
  });

  it("takes the latest submitted months across gaps", () => {
    const submitted = months([2024, 1], 12).filter((m) => m.month !== 5);
    // 11 months submitted in 2024 (May missing): all of them are among the 12 latest before 2025-01
    expect(historyWindow(submitted, { year: 2025, month: 1 }, 12)).toHaveLength(11);
    expect(historyWindow(submitted, { year: 2025, month: 1 }, 3).map(label)).toEqual(["2024-1", "2024-10", "2024-11", "2024-12"]);
  });
});

describe("a value against its peers per 10万人", () => {
  // ten peers whose rates per 10万人 are 20 22 24 25 26 27 28 30 32 60 (populations differ, so the rates are computed)
  const peers = [
    { population: 200_000, value: 40 },
    { population: 100_000, value: 22 },
    { population: 50_000, value: 12 },
    { population: 40_000, value: 10 },
    { population: 100_000, value: 26 },
    { population: 100_000, value: 27 },
    { population: 50_000, value: 14 },
    { population: 100_000, value: 30 },
    { population: 50_000, value: 16 },
    { population: 100_000, value: 60 },
  ];

  it("flags a count whose rate is far from the peers', and gives the range in counts for this body", () => {
    // median (26 + 27) / 2 = 26.5; |r − 26.5| sorted 0.5 0.5 1.5 1.5 2.5 3.5 4.5 5.5 6.5 33.5 → MAD 3;
    // scale 3 / 0.6745 = 4.4477; 3.5 × 4.4477 = 15.567 (5 件 for 50,000 people is 10 per 10万人: less);
    // rates 10.933 … 42.067 → for 50,000 people 5.47 … 21.03 件 → 6〜21
    const at50k = (value: number) => judgeAgainstPeers(value, 50_000, peers);
    expect(at50k(21)).toMatchObject({ flagged: false, typical: { low: 6, high: 21 }, peers: 10 });
    expect(at50k(22)).toMatchObject({ flagged: true, typical: { low: 6, high: 21 } });
    expect(at50k(6)!.flagged).toBe(false);
    expect(at50k(5)!.flagged).toBe(true);
    const judged = at50k(30)!;
    expect(judged.typicalRate.low).toBeCloseTo(10.933, 3);
    expect(judged.typicalRate.high).toBeCloseTo(42.067, 3);
    // rate 60: (60 − 26.5) / 4.4477 = 7.532
    expect(judged.score).toBeCloseTo(7.532, 3);
  });

  it("keeps 5 件 around the peers' median for a small body", () => {
    // 10,000 people: 5 件 is 50 per 10万人 > 15.567 → rates 0 … 76.5 → 0〜7 件
    expect(judgeAgainstPeers(7, 10_000, peers)).toMatchObject({ flagged: false, typical: { low: 0, high: 7 } });
    expect(judgeAgainstPeers(8, 10_000, peers)!.flagged).toBe(true);
  });

  it("makes no judgement with fewer than 6 peers or without a population", () => {
    expect(judgeAgainstPeers(100, 50_000, peers.slice(0, 5))).toBeNull();
    expect(judgeAgainstPeers(100, 0, peers)).toBeNull();
    expect(judgeAgainstPeers(100, 50_000, peers.slice(0, 6), { ...defaultOutlierSettings, minPeers: 7 })).toBeNull();
    expect(judgeAgainstPeers(100, 50_000, peers.slice(0, 6))).not.toBeNull();
  });

  it("takes the threshold from the settings", () => {
    // threshold 5: 5 × 4.4477 = 22.24 → rates 4.26 … 48.74 → for 50,000 people 2.13 … 24.37 → 3〜24
    expect(judgeAgainstPeers(24, 50_000, peers, { ...defaultOutlierSettings, threshold: 5 })).toMatchObject({ flagged: false, typical: { low: 3, high: 24 } });
  });
});

describe("the peers nearest in population", () => {
  it("orders by the distance of the logarithms, ties by code, and leaves out bodies without a population", () => {
    const candidates = [
      { code: "B", population: 100_000 },
      { code: "A", population: 25_000 },
      { code: "C", population: 60_000 },
      { code: "D", population: 40_000 },
      { code: "E", population: 0 },
    ];
    // from 50,000: 60,000 (ln 1.2 = 0.182), 40,000 (ln 1.25 = 0.223), then 25,000 and 100,000 both ln 2
    expect(nearestInPopulation(50_000, candidates, 3).map((c) => c.code)).toEqual(["C", "D", "A"]);
    expect(nearestInPopulation(50_000, candidates, 10).map((c) => c.code)).toEqual(["C", "D", "A", "B"]);
    expect(nearestInPopulation(50_000, candidates, 0)).toEqual([]);
  });

  it("picks only the candidates the filter includes", () => {
    const candidates = [
      { code: "B", population: 100_000, kind: "city" },
      { code: "A", population: 25_000, kind: "town" },
      { code: "C", population: 60_000, kind: "town" },
      { code: "D", population: 40_000, kind: "city" },
    ];
    expect(nearestInPopulation(50_000, candidates, 2, (c) => c.kind === "city").map((c) => c.code)).toEqual(["D", "B"]);
  });

  it("chooses what a full sort by distance and code would, equal populations included", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // 600 bodies over 40 distinct populations: many ties, broken by code
    const candidates = Array.from({ length: 600 }, (_, i) => ({ code: String(100000 + ((i * 7919) % 600)), population: 1000 * (1 + Math.floor(random() * 40)) }));
    const bySort = (population: number, count: number) =>
      candidates
        .map((c) => ({ c, d: Math.abs(Math.log(c.population) - Math.log(population)) }))
        .sort((a, b) => a.d - b.d || (a.c.code < b.c.code ? -1 : 1))
        .slice(0, count)
        .map(({ c }) => c.code);
    for (const [population, count] of [[17_000, 10], [1_000, 25], [40_000, 1], [23_456, 600]] as const)
      expect(nearestInPopulation(population, candidates, count).map((c) => c.code)).toEqual(bySort(population, count));
  });
});
