import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db";
import { optionalProgramRatesByPrefecture } from "../../db/queries/optional-programs";
import { seedDemo } from "../../seeds/demo";
import { nationalTotalsByFiscalYear } from "../../seeds/published-figures";
import { createTestDatabase } from "../setup/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db);
});
afterAll(async () => {
  await handle.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(handle.db, query);

describe("demo dataset calibration", () => {
  it("reproduces the published national totals exactly, FY2015–FY2022", async () => {
    const totals = await rows<{ fiscal_year: number; new_consultations: number; plans: number; housing: number; targets: number }>(
      sql`select fiscal_year, sum(new_consultations)::int as new_consultations, sum(plans_created)::int as plans,
                 sum(housing_benefit_decisions)::int as housing, sum(employment_support_targets)::int as targets
          from monthly_support_statistics group by fiscal_year order by fiscal_year`,
    );
    const byYear = new Map(totals.map((t) => [Number(t.fiscal_year), t]));
    expect(byYear.get(2015)).toMatchObject({ new_consultations: 226411, plans: 55570, housing: 6613, targets: 28207 });
    expect(byYear.get(2017)).toMatchObject({ new_consultations: 229685, plans: 71293, housing: 4109 });
    expect(byYear.get(2020)).toMatchObject({ new_consultations: 786163, housing: 134946 });
    expect(byYear.get(2021)).toMatchObject({ new_consultations: 555779, housing: 45671 });
    expect(byYear.get(2022)).toMatchObject({ new_consultations: 353095, targets: 57720, housing: 24272 });
    for (const [fy, t] of byYear) expect(t.new_consultations).toBe(nationalTotalsByFiscalYear[fy]!.newConsultations);
  });

  it("shows the FY2020 surge in the spring months", async () => {
    const [april2019, may2020] = await rows<{ n: number }>(
      sql`select sum(new_consultations)::int as n from monthly_support_statistics where (year, month) in ((2019, 5))
          union all
          select sum(new_consultations)::int from monthly_support_statistics where (year, month) in ((2020, 5))`,
    );
    expect(may2020!.n / april2019!.n).toBeGreaterThan(3);
  });

  it("leaves some months unsubmitted rather than zero", async () => {
    const [gaps] = await rows<{ missing: number; bodies: number }>(
      sql`select (count(distinct local_government_code) * 12 - count(*))::int as missing,
                 count(distinct local_government_code)::int as bodies
          from monthly_support_statistics where fiscal_year = 2021`,
    );
    expect(gaps!.bodies).toBe(862);
    expect(gaps!.missing).toBeGreaterThan(0);
    expect(gaps!.missing).toBeLessThan(862 * 12 * 0.05);
  });

  it("implements the optional programs at the published FY2015 and FY2021 rates over n=862", async () => {
    const rate = async (fy: number) =>
      (await optionalProgramRatesByPrefecture(handle.db, fy))
        .filter((r) => r.prefectureCode === null)
        .map((r) => [r.program, r.bodies, r.implementing]);
    // round(share × 862): 0.69→595, 0.71→612, 0.37→319, 0.65→560
    expect(await rate(2021)).toEqual([
      ["children_learning", 862, 560],
      ["employment_preparation", 862, 595],
      ["household_budget", 862, 612],
      ["temporary_living", 862, 319],
    ]);
    // 0.33→284, 0.28→241, 0.23→198, 0.19→164
    expect(await rate(2015)).toEqual([
      ["children_learning", 862, 284],
      ["employment_preparation", 862, 241],
      ["household_budget", 862, 198],
      ["temporary_living", 862, 164],
    ]);
  });

  it("follows the published 重層 counts: 42, 134, 189, 346, 473", async () => {
    const counts = await rows<{ fiscal_year: number; n: number }>(
      sql`select fiscal_year, count(*)::int as n from jusou_statuses where status = 'implementing' group by fiscal_year order by fiscal_year`,
    );
    expect(counts.map((c) => [Number(c.fiscal_year), c.n])).toEqual([
      [2021, 42],
      [2022, 134],
      [2023, 189],
      [2024, 346],
      [2025, 473],
    ]);
    const [preparing] = await rows<{ n: number }>(
      sql`select count(*)::int as n from jusou_statuses where status = 'transition_preparation' and fiscal_year = 2022`,
    );
    expect(preparing!.n).toBe(229);
  });

  it("has the 11 prefecture support items at the before/after shares of the slides", async () => {
    const items = await rows<{ item: string; fiscal_year: number; n: number }>(
      sql`select item, fiscal_year, count(*) filter (where implemented)::int as n from prefecture_support_activities
          where fiscal_year in (2017, 2019) and item in ('supervision_for_staff', 'promote_optional_programs')
          group by item, fiscal_year order by item, fiscal_year`,
    );
    // round(47 × 0.538) = 25, round(47 × 0.769) = 36; round(47 × 0.103) = 5, round(47 × 0.128) = 6
    expect(items.map((i) => [i.item, Number(i.fiscal_year), i.n])).toEqual([
      ["promote_optional_programs", 2017, 25],
      ["promote_optional_programs", 2019, 36],
      ["supervision_for_staff", 2017, 5],
      ["supervision_for_staff", 2019, 6],
    ]);
  });

  it("keeps certificates within the staff who completed both trainings", async () => {
    const [bad] = await rows<{ n: number }>(
      sql`select count(*)::int as n from staff_training
          where certified > least(national_training_completed, prefecture_training_completed) or national_training_completed > assigned`,
    );
    expect(bad!.n).toBe(0);
  });

  it("creates one demo account per role and marks the database as demo", async () => {
    const users = await rows<{ role: string; n: number }>(sql`select role, count(*)::int as n from users group by role order by role`);
    expect(users).toEqual([
      { role: "mhlw", n: 1 },
      { role: "municipality", n: 1 },
      { role: "prefecture", n: 2 },
    ]);
    const [meta] = await rows<{ value: string }>(sql`select value from app_meta where key = 'demo_dataset'`);
    expect(meta!.value).toBe("true");
  });
});
