import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { jusouStatuses, optionalProgramStatuses, staffTraining } from "../../db/schema";
import { loadAnnualStatus } from "../../app/server/pages/reporting.server";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";

// The annual datasets against their due date (ADR 021): 任意事業 and 支援員配置・研修 are expected of the
// implementing bodies (鳥取県: the prefecture for its 郡部 and its 4 cities), 重層 of every municipality
// (its 4 cities, 14 towns and 1 village).

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadSampleBodiesAndUsers(handle.db);
  await handle.db.insert(optionalProgramStatuses).values([
    { localGovernmentCode: "312011", fiscalYear: 2025, program: "employment_preparation", implemented: true },
    { localGovernmentCode: "312011", fiscalYear: 2025, program: "household_budget", implemented: false },
    { localGovernmentCode: "312029", fiscalYear: 2025, program: "employment_preparation", implemented: true },
  ]);
  await handle.db.insert(staffTraining).values([{ localGovernmentCode: "312011", fiscalYear: 2025, role: "主任相談支援員", assigned: 2, nationalTrainingCompleted: 1, prefectureTrainingCompleted: 1, certified: 1 }]);
  await handle.db.insert(jusouStatuses).values([
    { localGovernmentCode: "312011", fiscalYear: 2025, status: "implementing" },
    { localGovernmentCode: "313025", fiscalYear: 2025, status: "implementing" },
  ]);
});
afterAll(async () => {
  await handle.close();
});

describe("annual datasets against their due date", () => {
  it("counts who reported each dataset of a fiscal year, and whether the due date has passed", async () => {
    const fy2025 = await loadAnnualStatus(handle.db, "31", 2025, "2026-12-02");
    expect(fy2025).toMatchObject({ fiscalYear: 2025, dueDate: "2026-05-31", overdue: true });
    const of = (dataset: string) => fy2025.datasets.find((d) => d.dataset === dataset)!;
    expect(of("optional_programs")).toMatchObject({ expected: 5, submitted: 2 });
    expect(of("optional_programs").missing.map((m) => m.code)).toEqual(["310000", "312037", "312045"]);
    expect(of("staff_training")).toMatchObject({ expected: 5, submitted: 1 });
    expect(of("jusou")).toMatchObject({ expected: 19, submitted: 2 });
    expect(of("jusou").missing).toHaveLength(17);

    // the current fiscal year is due on 31 May 2027: nobody is late yet
    const fy2026 = await loadAnnualStatus(handle.db, "31", 2026, "2026-12-02");
    expect(fy2026).toMatchObject({ dueDate: "2027-05-31", overdue: false });
    expect(fy2026.datasets.map((d) => [d.dataset, d.submitted, d.expected])).toEqual([
      ["optional_programs", 0, 5],
      ["jusou", 0, 19],
      ["staff_training", 0, 5],
    ]);
    // the due date itself is on time
    expect((await loadAnnualStatus(handle.db, "31", 2025, "2026-05-31")).overdue).toBe(false);
  });
});
