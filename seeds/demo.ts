import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import Papa from "papaparse";
import type { Database } from "../db/client";
import { queryRows } from "../db/client";
import { ensurePrefectures } from "../db/queries/geography";
import { loadBuiltInMasterIfEmpty } from "../app/server/master/built-in-master";
import { loadBodyRecords } from "../db/queries/uploads";
import { BodyResolver } from "../app/server/uploads/body-resolver";
import {
  appMeta,
  cooperationSurveys,
  jusouStatuses,
  publicAssistanceTransfers,
  monthlySupportStatistics,
  optionalProgramStatuses,
  populations,
  prefectureSupportActivities,
  staffTraining,
  supervisionContacts,
  supportMeetingStatuses,
  targetValues,
  trainingSessionParticipants,
  trainingSessions,
} from "../db/schema";
import {
  deliveryForms,
  implementationMethods,
  integratedDeliveryCategories,
  optionalPrograms,
  prefectureSupportItems,
  supervisionForms,
  supportStaffRoles,
  cooperationSurveyQuestions,
  surveyAnswers,
  type SurveyAnswer,
  type IntegratedDeliveryCategory,
  type JusouStatus,
} from "../app/domain/vocabulary";
import { fiscalYearOfMonth, monthsOfFiscalYear } from "../app/domain/fiscal-year";
import { byMetric, monthlyMetrics } from "../app/domain/metric-catalogue";
import { parseMasterList, type MasterListEntry } from "../app/domain/master-list";
import { groupBy } from "../app/domain/collections";
import { allocate, normalHash, unitHash } from "./random";
import {
  demoFirstFiscalYear,
  demoLastFiscalYear,
  integratedDeliveryCounts,
  jusouImplementingCounts,
  nationalTotalsByFiscalYear,
  optionalProgramRates,
  prefectureSupportShares,
  publicAssistanceTransferFigures,
  cooperationSurveyShares,
  targetValuesByFiscalYear,
  type NationalMonthlyTotals,
} from "./published-figures";
import { createDemoUsers } from "./demo-users";

export const demoSampleFile = path.resolve(process.cwd(), "seeds/demo-local-governments.csv");
/** The FY2022 重層 lists of the training slides by name (134 実施, 229 移行準備事業), as an office would upload them. */
export const jusouSourceListFile = path.resolve(process.cwd(), "seeds/jusou-fy2022-source.csv");

export type SampleBody = {
  code: string;
  prefectureCode: string;
  name: string;
  kind: string;
  population2020: number;
  implementing: boolean;
};

const fiscalYears = Array.from({ length: demoLastFiscalYear - demoFirstFiscalYear + 1 }, (_, i) => demoFirstFiscalYear + i);

/** The sample file read and parsed once: its master-list entries and the bodies the generator fills. */
export function readDemoFile(): { entries: MasterListEntry[]; sample: SampleBody[] } {
  const { entries } = parseMasterList(readFileSync(demoSampleFile));
  const sample = entries.map((e) => ({
    code: e.code,
    prefectureCode: e.prefectureCode,
    name: e.name,
    kind: e.kind,
    population2020: e.population ?? 0,
    implementing: e.hasWelfareOffice === true,
  }));
  return { entries, sample };
}

export function readDemoSample(): SampleBody[] {
  return readDemoFile().sample;
}

export type JusouSourceRow = { line: number; prefectureName: string; municipalityName: string; status: "implementing" | "transition_preparation" };

/** The FY2022 lists as written in the source (都道府県名 + 市区町村名), with their line numbers. */
export function readJusouSourceList(): JusouSourceRow[] {
  const text = readFileSync(jusouSourceListFile, "utf8").replace(/^\uFEFF/, "");
  const statuses: Record<string, JusouSourceRow["status"]> = { 実施: "implementing", 移行準備事業: "transition_preparation" };
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  return data.map((row, i) => {
    const status = statuses[row["状況"] ?? ""];
    if (!status) throw new Error(`${jusouSourceListFile}:${i + 2}: unknown status ${row["状況"]}`);
    return { line: i + 2, prefectureName: row["都道府県名"] ?? "", municipalityName: row["市区町村名"] ?? "", status };
  });
}

/** The source's FY2022 lists resolved to codes the way an upload resolves them; any name that does not resolve is an error. */
export async function resolveJusouSourceList(db: Database): Promise<Map<string, JusouSourceRow["status"]>> {
  const resolver = new BodyResolver(await loadBodyRecords(db));
  const codes = new Map<string, JusouSourceRow["status"]>();
  for (const row of readJusouSourceList()) {
    const resolution = resolver.resolve({ bodyCode: "", ...row }, "municipality", "2022-04-01");
    if ("error" in resolution) throw new Error(`${jusouSourceListFile}:${row.line}: ${resolution.error.message}`);
    codes.set(resolution.body.code, row.status);
  }
  return codes;
}

/** Population on 1 January of a year: big cities grow slowly, most bodies shrink. */
function populationOn(body: SampleBody, year: number): number {
  const growth = body.population2020 > 500_000 ? 0.002 : -0.004 - 0.006 * unitHash(body.code, "growth");
  return Math.round(body.population2020 * (1 + growth) ** (year - 2020));
}

const seasonal = [1.08, 1.0, 1.0, 1.02, 0.96, 0.95, 1.0, 0.96, 0.9, 1.02, 0.98, 1.13]; // April first
// COVID-19: consultations and housing benefits surged from April 2020 (FY2020) and eased in FY2021.
const surge: Record<number, { consultations: number[]; housing: number[] }> = {
  2020: {
    consultations: [3.2, 4.2, 2.6, 1.8, 1.5, 1.3, 1.2, 1.1, 1.2, 1.3, 1.2, 1.2],
    housing: [4.5, 9.0, 5.0, 2.5, 1.5, 1.0, 0.8, 0.7, 0.9, 1.4, 1.2, 1.0],
  },
  2021: {
    consultations: [1.3, 1.2, 1.1, 1.1, 1.0, 1.0, 0.95, 0.9, 0.9, 0.9, 0.85, 0.85],
    housing: [1.6, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.7, 0.6, 0.6],
  },
};

function monthWeight(fiscalYear: number, monthIndex: number, metric: keyof NationalMonthlyTotals): number {
  const base = seasonal[monthIndex]!;
  const s = surge[fiscalYear];
  if (!s) return base;
  if (metric === "housingBenefitDecisions") return base * s.housing[monthIndex]!;
  if (metric === "newConsultations" || metric === "plansCreated" || metric === "referralsToPublicAssistance")
    return base * s.consultations[monthIndex]!;
  return base;
}

/** Whether a body submitted a month: ~2% gaps, and some late submitters at the end of the last year. */
export function submitted(code: string, year: number, month: number): boolean {
  if (code.slice(2, 5) === "000") return true;
  const fy = fiscalYearOfMonth(year, month);
  if (fy === demoLastFiscalYear && (month === 2 || month === 3) && unitHash(code, "late") < 0.05) return false;
  return unitHash(code, year, month, "submitted") >= 0.02;
}

type MonthlyRow = typeof monthlySupportStatistics.$inferInsert;

export function generateMonthlyStatistics(bodies: SampleBody[]): MonthlyRow[] {
  const implementing = bodies.filter((b) => b.implementing);
  const rows: MonthlyRow[] = [];
  for (const fy of fiscalYears) {
    const totals = nationalTotalsByFiscalYear[fy]!;
    const months = monthsOfFiscalYear(fy);
    const cells: { body: SampleBody; year: number; month: number; monthIndex: number; activity: number }[] = [];
    for (const body of implementing) {
      const activity = Math.exp(0.3 * normalHash(body.code, "activity")) * Math.exp(0.1 * normalHash(body.code, fy));
      months.forEach(({ year, month }, monthIndex) => {
        if (submitted(body.code, year, month)) cells.push({ body, year, month, monthIndex, activity });
      });
    }
    const allocated = byMetric(monthlyMetrics, (metric) =>
        allocate(
          totals[metric] ?? 0,
          cells.map(
            (c) =>
              populationOn(c.body, c.year) *
              c.activity *
              monthWeight(fy, c.monthIndex, metric) *
              Math.exp(0.15 * normalHash(c.body.code, metric)),
          ),
        ),
    );
    cells.forEach((c, i) => {
      rows.push({
        localGovernmentCode: c.body.code,
        year: c.year,
        month: c.month,
        fiscalYear: fy,
        ...byMetric(monthlyMetrics, (metric) => allocated[metric][i]!),
      });
    });
  }
  return rows;
}

function programRate(fy: number, programIndex: number): number {
  const points = Object.entries(optionalProgramRates)
    .map(([y, r]) => [Number(y), r[programIndex]!] as const)
    .sort((a, b) => a[0] - b[0]);
  const after = points.find(([y]) => y >= fy) ?? points[points.length - 1]!;
  const before = [...points].reverse().find(([y]) => y <= fy) ?? points[0]!;
  if (after[0] === before[0]) return before[1];
  return before[1] + ((after[1] - before[1]) * (fy - before[0])) / (after[0] - before[0]);
}

/** Bodies ranked for a program: larger bodies start earlier, and once a body implements it keeps doing so. */
function rankForProgram(bodies: SampleBody[], program: string): SampleBody[] {
  const score = (b: SampleBody) => unitHash(b.code, program) + 0.35 * Math.min(1, Math.log10(Math.max(b.population2020, 1)) / 6);
  return [...bodies].sort((a, b) => score(b) - score(a) || a.code.localeCompare(b.code));
}

function pickWeighted<T>(options: readonly T[], weights: readonly number[], u: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < options.length; i++) {
    acc += weights[i]! / total;
    if (u < acc) return options[i]!;
  }
  return options[options.length - 1]!;
}

export function generateOptionalProgramStatuses(bodies: SampleBody[]) {
  const implementing = bodies.filter((b) => b.implementing);
  const rows: (typeof optionalProgramStatuses.$inferInsert)[] = [];
  optionalPrograms.forEach((program, programIndex) => {
    const ranked = rankForProgram(implementing, program);
    for (const fy of fiscalYears) {
      const count = Math.round(programRate(fy, programIndex) * implementing.length);
      const doing = new Set(ranked.slice(0, count).map((b) => b.code));
      for (const body of implementing) {
        const implemented = doing.has(body.code);
        let integratedDelivery: IntegratedDeliveryCategory | null = null;
        if (fy >= 2019 && (program === "employment_preparation" || program === "household_budget")) {
          const c = integratedDeliveryCounts[program];
          const u = unitHash(body.code, program, "integrated");
          integratedDelivery = implemented
            ? pickWeighted(integratedDeliveryCategories.slice(0, 3), c.slice(0, 3), u)
            : pickWeighted(integratedDeliveryCategories.slice(3), c.slice(3), u);
        }
        rows.push({
          localGovernmentCode: body.code,
          fiscalYear: fy,
          program,
          implemented,
          deliveryForm: implemented ? pickWeighted(deliveryForms, [25, 60, 15], unitHash(body.code, program, "form")) : null,
          implementationMethod: implemented
            ? body.kind === "prefecture"
              ? "single"
              : pickWeighted(implementationMethods, [85, 8, 7], unitHash(body.code, program, "method"))
            : null,
          integratedDelivery,
        });
      }
    }
  });
  return rows;
}

/** A municipality as the 重層 generator sees it: every one of the country, with the sample's population where known. */
export type JusouMunicipality = { code: string; population2020: number | null };

/**
 * 重層 statuses of every municipality: FY2022 is the slides' lists by name (the rest 未実施); the other
 * years are filled so the national counts match the published ones (42, 134, 189, 346, 473 planned).
 */
export function generateJusouStatuses(municipalities: JusouMunicipality[], fy2022: Map<string, "implementing" | "transition_preparation">) {
  const byHash = <T extends { code: string }>(list: T[], salt: string) =>
    [...list].sort((a, b) => unitHash(a.code, salt) - unitHash(b.code, salt) || a.code.localeCompare(b.code));
  const named2022 = municipalities.filter((b) => fy2022.get(b.code) === "implementing");
  if (named2022.length !== jusouImplementingCounts[2022]) {
    throw new Error(`the FY2022 list names ${named2022.length} implementing municipalities, the published count is ${jusouImplementingCounts[2022]}`);
  }
  const preparers = byHash(municipalities.filter((b) => fy2022.get(b.code) === "transition_preparation"), "prep");
  // Towns without a population in the sample weigh like a town of 15,000.
  const weight = (b: JusouMunicipality) => (b.population2020 ?? 15_000) * (0.5 + unitHash(b.code, "jusou"));
  const others = municipalities.filter((b) => !fy2022.has(b.code)).sort((a, b) => weight(b) - weight(a) || a.code.localeCompare(b.code));
  const firstYear = new Map<string, number>();
  byHash(named2022, "r3").forEach((b, i) => firstYear.set(b.code, i < jusouImplementingCounts[2021]! ? 2021 : 2022));
  const later = [...preparers, ...others];
  let cursor = 0;
  for (const fy of [2023, 2024, 2025]) {
    const need = jusouImplementingCounts[fy]! - jusouImplementingCounts[fy - 1]!;
    for (const b of later.slice(cursor, cursor + need)) firstYear.set(b.code, fy);
    cursor += need;
  }
  const preparingFrom = new Map<string, number>();
  for (const b of named2022) if (firstYear.get(b.code) === 2022) preparingFrom.set(b.code, 2021);
  preparers.forEach((b, i) => preparingFrom.set(b.code, i < 146 ? 2021 : 2022));
  for (const b of later.slice(cursor, cursor + 100)) preparingFrom.set(b.code, 2025);
  const modelProject = new Set(
    [...byHash(named2022, "model").slice(0, 99), ...byHash(preparers, "model").slice(0, 114)].map((b) => b.code),
  );

  const rows: (typeof jusouStatuses.$inferInsert)[] = [];
  for (const body of municipalities) {
    for (const fy of fiscalYears) {
      let status: JusouStatus = "not_implemented";
      const start = firstYear.get(body.code);
      const preparing = preparingFrom.get(body.code);
      if (start !== undefined && fy >= start) status = "implementing";
      else if (preparing !== undefined && fy >= preparing) status = "transition_preparation";
      else if (modelProject.has(body.code) && fy >= 2017 && fy <= 2020) status = "model_project";
      rows.push({ localGovernmentCode: body.code, fiscalYear: fy, status });
    }
  }
  return rows;
}

/**
 * 支援会議 (法第9条) per implementing body from FY2018 at rising demo shares; where the body runs 重層
 * that year, the 重層事業's 支援会議 and 重層的支援会議 too (demo estimates; null elsewhere).
 */
export function generateSupportMeetingStatuses(bodies: SampleBody[], jusouRows: (typeof jusouStatuses.$inferInsert)[] = []) {
  const shares: Record<number, number> = { 2018: 0.1, 2019: 0.25, 2020: 0.35, 2021: 0.45, 2022: 0.52, 2023: 0.58, 2024: 0.63, 2025: 0.67 };
  const jusou = new Set(jusouRows.filter((r) => r.status === "implementing").map((r) => `${r.localGovernmentCode}:${r.fiscalYear}`));
  return bodies
    .filter((b) => b.implementing)
    .flatMap((body) =>
      fiscalYears
        .filter((fy) => fy >= 2018)
        .map((fy) => {
          const runsJusou = jusou.has(`${body.code}:${fy}`);
          return {
            localGovernmentCode: body.code,
            fiscalYear: fy,
            established: unitHash(body.code, "meeting") < shares[fy]!,
            jusouSupportMeeting: runsJusou ? unitHash(body.code, "jusou-meeting") < 0.75 : null,
            multiAgencyMeeting: runsJusou ? unitHash(body.code, "multi-agency") < 0.9 : null,
          };
        }),
    );
}

/** The implementing bodies answering the cooperation survey (and the 保護→困窮 question) in a fiscal year: a fixed count, picked by hash. */
function cooperationRespondents(bodies: SampleBody[], fy: number): SampleBody[] {
  const count = publicAssistanceTransferFigures[fy]?.respondents ?? 0;
  return bodies
    .filter((b) => b.implementing)
    .sort((a, b) => unitHash(a.code, "cooperation-respondent", fy) - unitHash(b.code, "cooperation-respondent", fy) || a.code.localeCompare(b.code))
    .slice(0, count);
}

/**
 * 保護→困窮 per responding body: exactly round(share × respondents) bodies with cases (larger bodies more
 * often), round(average × those) cases among them (FY2020: 175 of 536 bodies, 822 cases); the
 * welfare offices' referrals ア/イ/ウ are demo estimates scaled by population.
 */
export function generatePublicAssistanceTransfers(bodies: SampleBody[]) {
  const rows: (typeof publicAssistanceTransfers.$inferInsert)[] = [];
  for (const fy of fiscalYears.filter((y) => publicAssistanceTransferFigures[y])) {
    const f = publicAssistanceTransferFigures[fy]!;
    const respondents = cooperationRespondents(bodies, fy);
    const withCases = Math.round(f.shareWithCases * respondents.length);
    const weight = (b: SampleBody) => Math.sqrt(b.population2020) * (0.3 + unitHash(b.code, "transfer-cases", fy));
    const ranked = [...respondents].sort((a, b) => weight(b) - weight(a) || a.code.localeCompare(b.code));
    const having = ranked.slice(0, withCases);
    // one case each, then the rest by weight: every body with cases has at least one
    const extra = allocate(Math.round(f.averageCases * withCases) - withCases, having.map(weight));
    const cases = new Map(having.map((b, i) => [b.code, 1 + extra[i]!]));
    for (const b of respondents) {
      const scale = b.population2020 / 100_000;
      rows.push({
        localGovernmentCode: b.code,
        fiscalYear: fy,
        casesAfterDiscontinuation: cases.get(b.code) ?? 0,
        referredAtRisk: Math.round(scale * 6 * unitHash(b.code, "ref-a", fy)),
        referredAfterRejection: Math.round(scale * 2.5 * unitHash(b.code, "ref-b", fy)),
        referredAfterExit: Math.round(scale * 1.5 * unitHash(b.code, "ref-c", fy)),
      });
    }
  }
  return rows;
}

/**
 * The cooperation survey per responding body: each answer chosen by exactly round(share × respondents)
 * bodies (the FY2020 shares of the source, every year). 「特に必要はない」「特に課題はない」 are chosen
 * alone; the other answers go first to bodies with no answer yet, so every body answers each question.
 */
export function generateCooperationSurveys(bodies: SampleBody[]) {
  const rows: (typeof cooperationSurveys.$inferInsert)[] = [];
  for (const fy of fiscalYears.filter((y) => publicAssistanceTransferFigures[y])) {
    const respondents = cooperationRespondents(bodies, fy);
    const chosen = new Map(respondents.map((b) => [b.code, new Set<SurveyAnswer>()]));
    for (const q of cooperationSurveyQuestions) {
      const none = q.answers.find((a) => a === "practiceNoneNeeded" || a === "issueNoIssue")!;
      const order = (salt: string) => [...respondents].sort((a, b) => unitHash(a.code, salt, fy) - unitHash(b.code, salt, fy) || a.code.localeCompare(b.code));
      const noneBodies = new Set(order(none).slice(0, Math.round(cooperationSurveyShares[none] * respondents.length)).map((b) => b.code));
      for (const code of noneBodies) chosen.get(code)!.add(none);
      const answered = new Map(respondents.map((b) => [b.code, 0]));
      for (const answer of q.answers.filter((a) => a !== none)) {
        const pick = order(answer)
          .filter((b) => !noneBodies.has(b.code))
          .sort((a, b) => answered.get(a.code)! - answered.get(b.code)!)
          .slice(0, Math.round(cooperationSurveyShares[answer] * respondents.length));
        for (const b of pick) {
          chosen.get(b.code)!.add(answer);
          answered.set(b.code, answered.get(b.code)! + 1);
        }
      }
    }
    for (const b of respondents) {
      const set = chosen.get(b.code)!;
      rows.push({
        localGovernmentCode: b.code,
        fiscalYear: fy,
        ...(Object.fromEntries(surveyAnswers.map((a) => [a, set.has(a)])) as Record<SurveyAnswer, boolean>),
      });
    }
  }
  return rows;
}

export function generateStaffTraining(bodies: SampleBody[], programRows: (typeof optionalProgramStatuses.$inferInsert)[]) {
  const runs = new Set(programRows.filter((r) => r.implemented).map((r) => `${r.localGovernmentCode}:${r.fiscalYear}:${r.program}`));
  const rows: (typeof staffTraining.$inferInsert)[] = [];
  for (const body of bodies.filter((b) => b.implementing)) {
    const p = body.population2020;
    for (const fy of fiscalYears) {
      const assignedByRole: Record<string, number> = {
        chief_consultant: 1 + Math.floor(p / 400_000),
        consultant: 1 + Math.round(p / 70_000),
        employment_supporter: 1 + Math.round(p / 180_000),
        employment_preparation_staff: runs.has(`${body.code}:${fy}:employment_preparation`) ? 1 + Math.round(p / 250_000) : 0,
        household_budget_staff: runs.has(`${body.code}:${fy}:household_budget`) ? 1 + Math.round(p / 250_000) : 0,
      };
      const diligence = unitHash(body.code, "training");
      for (const role of supportStaffRoles) {
        const assigned = assignedByRole[role]!;
        if (assigned === 0) continue;
        const nationalShare = Math.min(1, 0.55 + 0.03 * (fy - 2015) + 0.25 * diligence);
        const prefectureShare = fy < 2019 ? 0.1 * diligence : Math.min(1, 0.25 + 0.08 * (fy - 2019) + 0.3 * diligence);
        const national = Math.min(assigned, Math.round(assigned * nationalShare));
        const prefecture = Math.min(national, Math.round(assigned * prefectureShare));
        const certified = fy < 2019 ? 0 : Math.min(national, prefecture);
        rows.push({
          localGovernmentCode: body.code,
          fiscalYear: fy,
          role,
          assigned,
          nationalTrainingCompleted: national,
          prefectureTrainingCompleted: prefecture,
          certified,
        });
      }
    }
  }
  return rows;
}

const contactContents: Record<string, string> = {
  visit: "相談窓口を訪問し、支援状況と体制について意見交換",
  phone_email: "支援員からの相談に電話で助言",
  case_review: "支援困難ケースの検討に参加し助言",
  coordination_meeting: "支援調整会議に出席しプラン内容に助言",
  accompanied_interview: "相談支援員の面談に同席",
  other: "任意事業の実施に向けた情報提供",
};

/** Supervision is the weakest prefecture activity: most prefectures reach few bodies. */
export function generateSupervisionContacts(bodies: SampleBody[]) {
  const rows: (typeof supervisionContacts.$inferInsert)[] = [];
  const seen = new Set<string>();
  const byPrefecture = groupBy(bodies.filter((b) => b.implementing), (b) => b.prefectureCode);
  for (const [prefectureCode, prefBodies] of byPrefecture) {
    const engagement = prefectureCode === "31" ? 0.75 : 0.1 + 0.6 * unitHash(prefectureCode, "supervision") ** 2;
    // The demo prefecture (鳥取県) leaves its smallest city without contact in the last year.
    const smallest = [...prefBodies].sort((a, b) => a.population2020 - b.population2020)[0];
    for (const fy of fiscalYears.filter((y) => y >= 2016)) {
      for (const body of prefBodies) {
        if (prefectureCode === "31" && fy === demoLastFiscalYear && body.code === smallest?.code) continue;
        if (unitHash(body.code, fy, "contacted") >= engagement) continue;
        const contacts = 1 + Math.floor(unitHash(body.code, fy, "n") * 4);
        for (let i = 0; i < contacts; i++) {
          const months = monthsOfFiscalYear(fy);
          const m = months[Math.floor(unitHash(body.code, fy, i, "month") * 12)]!;
          const day = 1 + Math.floor(unitHash(body.code, fy, i, "day") * 28);
          const form = pickWeighted(supervisionForms, [30, 30, 15, 15, 5, 5], unitHash(body.code, fy, i, "form"));
          const contactedOn = `${m.year}-${String(m.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
          if (seen.has(`${body.code}:${contactedOn}:${form}`)) continue;
          seen.add(`${body.code}:${contactedOn}:${form}`);
          rows.push({
            prefectureCode,
            localGovernmentCode: body.code,
            contactedOn,
            form,
            content: contactContents[form]!,
            responder: "生活困窮者自立支援担当",
          });
        }
      }
    }
  }
  return rows;
}

export function generatePrefectureSupportActivities(prefectureCodes: string[]) {
  const rows: (typeof prefectureSupportActivities.$inferInsert)[] = [];
  for (const item of prefectureSupportItems) {
    const [before, after] = prefectureSupportShares[item]!;
    const ranked = [...prefectureCodes].sort((a, b) => unitHash(b, item) - unitHash(a, item));
    for (const fy of fiscalYears) {
      const share = fy <= 2018 ? before : after;
      const doing = new Set(ranked.slice(0, Math.round(share * prefectureCodes.length)));
      for (const prefectureCode of prefectureCodes)
        rows.push({ prefectureCode, fiscalYear: fy, item, implemented: doing.has(prefectureCode) });
    }
  }
  return rows;
}

export function generateTargetValues() {
  return fiscalYears.map((fy) => {
    const [newConsultations, plansCreated, employmentSupportTargets] =
      targetValuesByFiscalYear[fy] ?? targetValuesByFiscalYear[2017]!;
    return { fiscalYear: fy, newConsultations, plansCreated, employmentSupportTargets };
  });
}

async function insertInBatches<T extends Record<string, unknown>>(
  db: Database,
  table: Parameters<Database["insert"]>[0],
  rows: T[],
  batchSize = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) await db.insert(table).values(rows.slice(i, i + batchSize) as never);
}

/** No accounts and no figures yet: the built-in master list alone does not make a database non-empty. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(
    db,
    sql`select not exists (select 1 from users) and not exists (select 1 from monthly_support_statistics)
           and not exists (select 1 from uploads) as empty`,
  );
  return row?.empty === true;
}

/** Loads the whole demo dataset in one transaction. */
export async function seedDemo(db: Database): Promise<{ bodies: number; monthlyRows: number }> {
  const { entries, sample } = readDemoFile();
  return db.transaction(async (tx) => {
    await ensurePrefectures(tx);
    await loadBuiltInMasterIfEmpty(tx);
    await assertSampleInMaster(tx, entries);
    const result = await generateDataset(tx, sample);
    await createDemoUsers(tx);
    await tx
      .insert(appMeta)
      .values({ key: "demo_dataset", value: "true" })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: "true" } });
    return result;
  });
}

/** The sample adds populations, never bodies: each of its codes must be registered under the same name. */
async function assertSampleInMaster(db: Database, entries: MasterListEntry[]): Promise<void> {
  const registered = new Map(
    (await queryRows<{ code: string; name: string }>(db, sql`select code, name from local_governments`)).map((r) => [r.code, r.name]),
  );
  const missing = entries.filter((e) => registered.get(e.code) !== e.name);
  if (missing.length > 0) {
    throw new Error(`${demoSampleFile}: not in the master list: ${missing.map((e) => `${e.line}行目 ${e.code} ${e.name}`).join(", ")}`);
  }
}

/**
 * Fills every dataset for FY2015–FY2025 for the given bodies (which must already be in
 * local_governments): the demo sample, or the whole national list for benchmarks.
 */
export async function generateDataset(db: Database, sample: SampleBody[]): Promise<{ bodies: number; monthlyRows: number }> {
  const populationRows = sample.flatMap((b) =>
    Array.from({ length: 12 }, (_, i) => 2015 + i).map((year) => ({
      localGovernmentCode: b.code,
      asOf: `${year}-01-01`,
      population: populationOn(b, year),
    })),
  );
  await insertInBatches(db, populations, populationRows);
  const monthly = generateMonthlyStatistics(sample);
  await insertInBatches(db, monthlySupportStatistics, monthly, 2000);
  const programs = generateOptionalProgramStatuses(sample);
  await insertInBatches(db, optionalProgramStatuses, programs);
  const jusouRows = generateJusouStatuses(await jusouMunicipalities(db, sample), await resolveJusouSourceList(db));
  await insertInBatches(db, jusouStatuses, jusouRows);
  await insertInBatches(db, supportMeetingStatuses, generateSupportMeetingStatuses(sample, jusouRows));
  await insertInBatches(db, publicAssistanceTransfers, generatePublicAssistanceTransfers(sample));
  await insertInBatches(db, cooperationSurveys, generateCooperationSurveys(sample));
  await insertInBatches(db, staffTraining, generateStaffTraining(sample, programs));
  await insertInBatches(db, supervisionContacts, generateSupervisionContacts(sample));
  const prefectureCodes = [...new Set(sample.map((b) => b.prefectureCode))].sort();
  await insertInBatches(db, prefectureSupportActivities, generatePrefectureSupportActivities(prefectureCodes));
  await insertInBatches(db, targetValues, generateTargetValues());
  await seedTrainingSessions(db, sample);
  return { bodies: sample.length, monthlyRows: monthly.length };
}

/** Every municipality in the database (the whole country once the master list is loaded), with the sample's populations. */
async function jusouMunicipalities(db: Database, sample: SampleBody[]): Promise<JusouMunicipality[]> {
  const population = new Map(sample.map((b) => [b.code, b.population2020]));
  const rows = await queryRows<{ code: string }>(
    db,
    sql`select code from local_governments where kind not in ('prefecture', 'ward') and administered order by code`,
  );
  return rows.map((r) => ({ code: r.code, population2020: population.get(r.code) ?? null }));
}

async function seedTrainingSessions(db: Database, sample: SampleBody[]) {
  const byPrefecture = groupBy(sample.filter((b) => b.implementing), (b) => b.prefectureCode);
  for (const [prefectureCode, prefBodies] of byPrefecture) {
    for (const fy of fiscalYears.filter((y) => y >= 2019)) {
      const kinds = [
        { kind: "latter_term", title: "生活困窮者自立支援制度 人材養成研修（後期）", hours: 10.5 + Math.floor(unitHash(prefectureCode, fy) * 4) * 0.5, month: 10 },
        ...(unitHash(prefectureCode, fy, "new") < 0.6 ? [{ kind: "new_staff", title: "新任支援員研修", hours: 6, month: 6 }] : []),
        ...(unitHash(prefectureCode, fy, "follow") < 0.4 ? [{ kind: "follow_up", title: "フォローアップ研修", hours: 3, month: 1 }] : []),
      ];
      for (const s of kinds) {
        const year = s.month >= 4 ? fy : fy + 1;
        const [session] = await db
          .insert(trainingSessions)
          .values({
            prefectureCode,
            heldOn: `${year}-${String(s.month).padStart(2, "0")}-${String(10 + Math.floor(unitHash(prefectureCode, fy, s.kind) * 15)).padStart(2, "0")}`,
            fiscalYear: fy,
            title: s.title,
            kind: s.kind,
            hours: s.hours,
          })
          .returning({ id: trainingSessions.id });
        const participants = prefBodies
          .filter((b) => unitHash(b.code, fy, s.kind, "joins") < 0.7)
          .flatMap((b) =>
            (["chief_consultant", "consultant", "employment_supporter"] as const).map((role) => ({
              sessionId: session!.id,
              localGovernmentCode: b.code,
              role,
              participants: 1 + Math.floor(unitHash(b.code, fy, role, s.kind) * (b.population2020 > 300_000 ? 4 : 2)),
            })),
          );
        await insertInBatches(db, trainingSessionParticipants, participants);
      }
    }
  }
}
