import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { optionalProgramFiscalYears, optionalProgramRatesByPrefecture } from "../../db/queries/optional-programs";
import { optionalPrograms } from "~/lib/domain";

export const nationalOverviewParams = z.object({
  fy: z.coerce.number().int().optional(),
  program: z.enum(optionalPrograms).default("employment_preparation"),
});

export async function loadNationalOverview(db: Database, params: z.infer<typeof nationalOverviewParams>) {
  const fiscalYears = await optionalProgramFiscalYears(db);
  const fiscalYear = params.fy ?? fiscalYears[0] ?? null;
  if (fiscalYear === null || !fiscalYears.includes(fiscalYear)) return null;
  const [prefectures, rows, dataDate] = await Promise.all([
    listPrefectures(db),
    optionalProgramRatesByPrefecture(db, fiscalYear),
    datasetUpdatedAt(db, "optional_programs"),
  ]);
  return { fiscalYear, fiscalYears, program: params.program, prefectures, rows, dataDate };
}
