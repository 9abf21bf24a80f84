import { describe, expect, it } from "vitest";
import type { SubmittedMonth } from "../../../db/queries/monthly-history";
import { MonthlyOutlierCheck } from "./outlier-check";
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

describe("the monthly outlier check", () => {
  it("reads the history of each body once, the first batch it appears in", async () => {
    const reads: string[][] = [];
    const check = new MonthlyOutlierCheck(async (codes) => {
      reads.push(codes);
      return new Map(codes.filter((c) => c === "312011").map((c) => [c, year2025]));
    });
    check.add(row(2, "312011", 1, 35));
    check.add(row(3, "312029", 1, 500));
    check.add(row(4, "312011", 2, 52));
    const first = await check.flush();
    check.add(row(5, "312011", 3, 20));
    check.add(row(6, "312029", 2, 500));
    const second = await check.flush();
    expect(reads).toEqual([["312011", "312029"]]);
    // 米子市 has no history: no judgement
    expect(first).toEqual([
      { line: 4, column: "新規相談件数", value: "52", reason: "新規相談受付件数 52 は鳥取市のこれまでの値（通常 20〜51、直近: 39, 40, 41）から大きく外れています" },
    ]);
    expect(second).toEqual([]);
  });
});
