import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { ensurePrefectures } from "../../db/queries/geography";
import { optionalProgramRatesByPrefecture } from "../../db/queries/optional-programs";
import { localGovernments, optionalProgramStatuses } from "../../db/schema";
import { checkDigit } from "../../app/domain/local-government-code";
import { createTestDatabase } from "../setup/database";

let handle: DatabaseHandle;
const successor = `31206${checkDigit("31206")}`;

beforeAll(async () => {
  handle = await createTestDatabase();
  await ensurePrefectures(handle.db);
  const body = (code: string, name: string, kind: string, hasWelfareOffice: boolean, extra = {}) => ({
    code,
    prefectureCode: code.slice(0, 2),
    name,
    kind,
    hasWelfareOffice,
    ...extra,
  });
  await handle.db.insert(localGovernments).values([
    body("312011", "鳥取市", "core_city", true),
    body("312029", "米子市", "city", true),
    // merged on 1 October 2021 into a new city: counted in FY2021 (exists on 1 April), not in FY2022
    body("312037", "倉吉市", "city", true, { validTo: "2021-10-01", successorCode: successor }),
    body(successor, "新倉吉市", "city", true, { validFrom: "2021-10-01" }),
    body("313289", "智頭町", "town", false), // no welfare office: the prefecture implements for it
    body("011011", "札幌市中央区", "ward", false), // wards are never implementing bodies
  ]);
  const status = (code: string, fiscalYear: number, implemented: boolean) => ({
    localGovernmentCode: code,
    fiscalYear,
    program: "employment_preparation",
    implemented,
  });
  await handle.db.insert(optionalProgramStatuses).values([
    status("312011", 2021, true),
    status("312029", 2021, false),
    status("312037", 2021, true),
    status("313289", 2021, true),
    status("312011", 2022, true),
    status(successor, 2022, true),
  ]);
});
afterAll(async () => {
  await handle.close();
});

describe("optionalProgramRatesByPrefecture", () => {
  it("counts implementing bodies on 1 April, prefectures included, wards and towns without an office excluded", async () => {
    const rows = await optionalProgramRatesByPrefecture(handle.db, 2021);
    const tottori = rows.find((r) => r.prefectureCode === "31" && r.program === "employment_preparation");
    // 鳥取県 itself + 鳥取市 + 米子市 + 倉吉市 = 4; implementing: 鳥取市, 倉吉市; 鳥取県 has no row
    expect(tottori).toEqual({ prefectureCode: "31", program: "employment_preparation", bodies: 4, implementing: 2, reported: 3 });
    const national = rows.find((r) => r.prefectureCode === null && r.program === "employment_preparation");
    // 47 prefectures + 3 cities
    expect(national).toEqual({ prefectureCode: null, program: "employment_preparation", bodies: 50, implementing: 2, reported: 3 });
    const hokkaido = rows.find((r) => r.prefectureCode === "01" && r.program === "employment_preparation");
    expect(hokkaido).toMatchObject({ bodies: 1, implementing: 0 });
  });

  it("counts a merged body once: the successor replaces its predecessor from the next fiscal year", async () => {
    const rows = await optionalProgramRatesByPrefecture(handle.db, 2022);
    const tottori = rows.find((r) => r.prefectureCode === "31" && r.program === "employment_preparation");
    // 鳥取県, 鳥取市, 米子市, 新倉吉市 = 4; implementing: 鳥取市, 新倉吉市
    expect(tottori).toMatchObject({ bodies: 4, implementing: 2, reported: 2 });
  });
});
