import type { z } from "zod";
import type { Database } from "../../db";
import { areaFigures } from "~/server/pages/profile.server";
import { loadAnnualStatus, loadPrefectureWork } from "~/server/pages/reporting.server";
import { loadPrefecture, type prefectureQuery } from "~/server/pages/prefecture-page.server";

export { prefectureQuery as prefectureProfileQuery } from "~/server/pages/prefecture-page.server";

/** A prefecture's profile: its page's figures, the 任意事業・重層・supervision・certificates against the nation, and (MHLW, its officials) the worklist and its bodies. */
export async function loadPrefectureProfile(db: Database, prefectureCode: string, query: z.infer<typeof prefectureQuery>, today: string, detail: boolean) {
  const page = await loadPrefecture(db, prefectureCode, query, today, detail);
  if (!page) return null;
  const [areas, work, annual] = await Promise.all([
    areaFigures(db, page.fiscalYear, prefectureCode),
    detail ? loadPrefectureWork(db, prefectureCode, today) : Promise.resolve(null),
    detail ? loadAnnualStatus(db, prefectureCode, page.fiscalYear, today) : Promise.resolve(null),
  ]);
  return {
    prefecture: page.prefecture,
    fiscalYear: page.fiscalYear,
    fiscalYears: page.fiscalYears,
    period: page.period,
    own: page.own,
    nation: page.nation,
    targets: page.targets,
    bodies: page.bodies,
    dataDate: page.dataDate,
    areas,
    work,
    annual,
  };
}

