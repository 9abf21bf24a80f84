import { describe, expect, it } from "vitest";
import type { PeerMonth, SubmittedMonth } from "../../../db/queries/monthly-history";
import { MonthlyOutlierCheck, type PeerReader } from "./outlier-check";
import type { RowToCheck } from "./validate-stream";

const counts = (newConsultations: number) => ({
  newConsultations,
  plansCreated: 10,
  employmentSupportTargets: 4,
  employed: 2,
  increasedIncome: 1,
  housingBenefitDecisions: 2,
  referralsToPublicAssistance: 1,
});
// twelve months of 2025, new consultations 30 … 41: median 35.5, MAD 3 → 3.5 × 3 / 0.6745 = 15.57 → 19.93 … 51.07 → 20〜51
const year2025: SubmittedMonth[] = Array.from({ length: 12 }, (_, i) => ({ year: 2025, month: i + 1, counts: counts(30 + i) }));

const row = (line: number, code: string, month: number, newConsultations: number): RowToCheck => ({
  line,
  body: { code, prefectureCode: "31", name: code === "312011" ? "鳥取市" : "米子市", kind: "city" },
  records: [
    {
      key: { local_government_code: code, year: 2026, month },
      values: {
        fiscal_year: 2025,
        new_consultations: newConsultations,
        plans_created: 10,
        employment_support_targets: 4,
        employed: 2,
        increased_income: 1,
        housing_benefit_decisions: 2,
        referrals_to_public_assistance: 1,
      },
    },
  ],
  cell: (key) => ({ column: key === "newConsultations" ? "新規相談件数" : key, value: String(newConsultations) }),
});

const noPeers: PeerReader = async (months) => new Map(months.map((m) => [`${m.year}-${m.month}`, []]));

// 2026-03: ten peers whose 新規相談 per 10万人 are 20 22 24 25 26 27 28 30 32 60, and 米子市 (50,000 people, not submitted)
const peerPopulations: [number, number][] = [
  [200_000, 40],
  [100_000, 22],
  [50_000, 12],
  [40_000, 10],
  [100_000, 26],
  [100_000, 27],
  [50_000, 14],
  [100_000, 30],
  [50_000, 16],
  [100_000, 60],
];
const march2026: PeerMonth[] = [
  { code: "312029", population: 50_000, counts: null },
  ...peerPopulations.map(([population, value], i) => ({ code: `9000${String(i).padStart(2, "0")}`, population, counts: counts(value) })),
];

describe("the monthly outlier check", () => {
  it("reads the history of each body once, the first batch it appears in", async () => {
    const reads: string[][] = [];
    const check = new MonthlyOutlierCheck(
      async (codes) => {
        reads.push(codes);
        return new Map(codes.filter((c) => c === "312011").map((c) => [c, year2025]));
      },
      noPeers,
    );
    check.add(row(2, "312011", 1, 35));
    check.add(row(3, "312029", 1, 500));
    check.add(row(4, "312011", 2, 52));
    const first = await check.flush();
    check.add(row(5, "312011", 3, 20));
    check.add(row(6, "312029", 2, 500));
    const second = await check.flush();
    expect(reads).toEqual([["312011", "312029"]]);
    // 米子市 has no history and no peers submitted: no judgement
    expect(first).toEqual([
      { line: 4, column: "新規相談件数", value: "52", reason: "新規相談受付件数 52 は鳥取市のこれまでの値（通常 20〜51、直近: 39, 40, 41）から大きく外れています" },
    ]);
    expect(second).toEqual([]);
  });
});

describe("the outlier check of a body with short history", () => {
  it("compares the value per 10万人 with the peers of the same month, reading each month's peers once", async () => {
    const peerReads: string[][] = [];
    const check = new MonthlyOutlierCheck(
      async (codes) => new Map(codes.map((c) => [c, c === "312011" ? year2025 : []])),
      async (months, codes) => {
        peerReads.push([...months.map((m) => `${m.year}-${m.month}`), ...codes]);
        // as peerMonthsOf: the bodies that submitted the month, and those asked for
        const march = [...march2026, { code: "312037", population: 50_000, counts: null }].filter((b) => b.counts !== null || codes.includes(b.code));
        return new Map(months.map((m) => [`${m.year}-${m.month}`, m.month === 3 ? march : []]));
      },
    );
    check.add(row(2, "312029", 3, 22));
    check.add(row(3, "312029", 3, 21));
    check.add(row(4, "312011", 3, 35));
    const first = await check.flush();
    // peers' rates: median 26.5, MAD 3 → 26.5 ± 3.5 × 3 / 0.6745 = 10.93 … 42.07 per 10万人 → 5.47 … 21.03 for 50,000 people → 6〜21
    // (鳥取市 has 12 months of history: judged against it, within 20〜51)
    expect(first).toEqual([
      {
        line: 2,
        column: "新規相談件数",
        value: "22",
        reason:
          "新規相談受付件数 22 は人口規模の近い10団体の2026年3月（人口10万人あたり 通常 10.9〜42.1件）から大きく外れています。米子市（人口50,000人）では 6〜21件にあたります（これまでの提出が0か月分のため類似団体と比べています）",
      },
    ]);
    check.add(row(5, "312029", 3, 40));
    check.add(row(6, "312029", 4, 40));
    const second = await check.flush();
    check.add(row(7, "312037", 3, 5));
    const third = await check.flush();
    // March is read once for 米子市; April has no peers: no judgement; for 倉吉市, first met in a later batch, March is
    // asked again for its population alone, and its 5 is below the 6〜21 of 50,000 people
    expect(peerReads).toEqual([["2026-3", "312029"], ["2026-4", "312029"], ["2026-3", "312037"]]);
    expect(second.map((i) => i.line)).toEqual([5]);
    expect(third.map((i) => i.line)).toEqual([7]);
    // April, read before with no submitting body, has no peers for anyone: 倉吉市's population there is never asked for
    check.add(row(8, "312037", 4, 500));
    expect(await check.flush()).toEqual([]);
    expect(peerReads).toHaveLength(3);
  });

  it("takes the threshold and the minimum history from its settings", async () => {
    const history = async (codes: string[]) => new Map(codes.map((c) => [c, year2025] as const));
    // threshold 10: 35.5 ± 10 × 3 / 0.6745 = 35.5 ± 44.5 → 52 is usual
    expect(await flushOne(new MonthlyOutlierCheck(history, noPeers, { threshold: 10 }), row(2, "312011", 2, 52))).toEqual([]);
    // 13 months needed: 鳥取市's 12 are too few, and the peers (none here) decide
    expect(await flushOne(new MonthlyOutlierCheck(history, noPeers, { minHistory: 13 }), row(2, "312011", 2, 500))).toEqual([]);
    expect(await flushOne(new MonthlyOutlierCheck(history, noPeers, { minHistory: 12 }), row(2, "312011", 2, 500))).toHaveLength(1);
  });
});

async function flushOne(check: MonthlyOutlierCheck, one: RowToCheck) {
  check.add(one);
  return check.flush();
}
