// The A4 profiles of a prefecture and of a body (issue 19): a few pages for a meeting, built from the
// named queries the full pages use, so every figure on a profile is the figure of its page.
import type { Database } from "../../../db";
import { jusouCountsByPrefecture } from "../../../db/queries/jusou";
import { optionalProgramRatesByPrefecture } from "../../../db/queries/optional-programs";
import { supervisionCoverageByPrefecture } from "../../../db/queries/supervision";
import { certificateCoverageByPrefecture } from "../../../db/queries/training";
import { optionalPrograms } from "~/domain/vocabulary";

/** A count of a denominator: 「595／862（69.0%）」 on the page. */
export type CountOf = { count: number; of: number };

/** The figures of a prefecture and of the nation that the profiles compare (one query per topic, each with its national row). */
export async function areaFigures(db: Database, fiscalYear: number, prefectureCode: string) {
  const [programs, jusou, supervision, certificates] = await Promise.all([
    optionalProgramRatesByPrefecture(db, fiscalYear),
    jusouCountsByPrefecture(db, fiscalYear),
    supervisionCoverageByPrefecture(db, fiscalYear),
    certificateCoverageByPrefecture(db, fiscalYear),
  ]);
  const pick = <T extends { prefectureCode: string | null }>(rows: T[], code: string | null) => rows.find((r) => r.prefectureCode === code) ?? null;
  const area = (code: string | null) => ({
    programs: optionalPrograms.map((program) => {
      const row = programs.find((r) => r.prefectureCode === code && r.program === program);
      return { program, implementing: { count: row?.implementing ?? 0, of: row?.bodies ?? 0 }, reported: row?.reported ?? 0 };
    }),
    jusou: pick(jusou, code),
    supervision: pick(supervision, code),
    certificates: pick(certificates, code),
  });
  return { prefecture: area(prefectureCode), nation: area(null) };
}

