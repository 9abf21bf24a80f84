import type { z } from "zod";
import type { Database } from "../../db";
import type { getBody } from "../../db/queries/bodies";
import { programHistory } from "../../db/queries/optional-programs";
import { totalsByPrefecture } from "../../db/queries/support-statistics";
import { employmentOrIncomeRate, perHundredThousandPerMonth } from "~/domain/statistics";
import { withMonthsDue } from "~/server/pages/fiscal-year-policy";
import { loadMunicipality, type municipalityQuery } from "~/server/pages/municipality-page.server";

export { municipalityQuery as municipalityProfileQuery } from "~/server/pages/municipality-page.server";

/** A body's profile: its figures against its prefecture and the nation, programs, 重層, staff and training, supervision and reporting. */
export async function loadMunicipalityProfile(db: Database, body: NonNullable<Awaited<ReturnType<typeof getBody>>>, query: z.infer<typeof municipalityQuery>, today: string) {
  const page = await loadMunicipality(db, body, query, today);
  const [totals, history] = await Promise.all([totalsByPrefecture(db, page.fiscalYear), programHistory(db, body.code)]);
  const summarize = (t: (typeof totals)[number] | undefined) => {
    if (!t) return null;
    const withDue = withMonthsDue(t, page.fiscalYear, today);
    return {
      newConsultations: perHundredThousandPerMonth(withDue.perCapita.newConsultations, withDue.populationMonths),
      plansCreated: perHundredThousandPerMonth(withDue.perCapita.plansCreated, withDue.populationMonths),
      employmentOrIncomeRate: employmentOrIncomeRate(withDue),
    };
  };
  const self = page.peers.find((p) => p.group === "self") ?? null;
  return {
    body,
    fiscalYear: page.fiscalYear,
    fiscalYears: page.fiscalYears,
    period: page.period,
    own: self,
    prefecture: summarize(totals.find((t) => t.prefectureCode === body.prefectureCode)),
    nation: summarize(totals.find((t) => t.prefectureCode === null)),
    targets: page.targets,
    monthsDue: page.monthsDue,
    missingMonths: page.missingMonths,
    returned: page.returned,
    programs: history.filter((p) => p.fiscalYear === page.fiscalYear),
    jusou: page.jusou.find((j) => j.fiscalYear === page.fiscalYear)?.status ?? null,
    staff: page.staff,
    contacts: page.contacts.slice(0, 5),
    dataDate: page.dataDate,
  };
}
