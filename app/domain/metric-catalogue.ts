// The metric catalogue: every figure of the monthly 支援状況調査 and every figure derived from it,
// with how it is named, stored, judged and computed (docs/domain.md §4). Everything else derives from
// it: the MonthlyCounts type, the drizzle columns, the SQL sums, the upload columns, CSV headers,
// preview labels, table columns and the metrics charts and maps offer.
//
// A new monthly metric is one entry here plus a migration (`npm run db:generate`, then append to it the
// trigger-kept totals' refresh functions that `npx tsx scripts/metric-totals-sql.ts` prints).

import { formatNumber, formatPercent } from "./format";
import type { OutlierSettings } from "./outliers";

/** Which way a figure is better: more consultations is reach, fewer referrals is no judgement. */
export type GoodDirection = "higher" | "lower" | "none";

export type MonthlyMetricSpec = {
  /** property of MonthlyCounts and of the drizzle tables (db/schema/support.ts, staging.ts) */
  key: string;
  /** the SQL column: the key in snake_case, as drizzle's casing names it */
  column: string;
  label: string;
  shortLabel: string;
  unit: "件" | "人";
  /** also published per 人口10万人 per month (a map, ranking and comparison metric) */
  perPopulation: boolean;
  /** decimals of its per-10万人 figure */
  perPopulationDecimals?: number;
  /** MHLW sets a 目安値 (per 10万人 per month) for it: a column of the target-value dataset, with the template's example */
  targetValue: false | { example: string };
  good: GoodDirection;
  definition: string;
  source: string;
  /** the monthly upload: header aliases, the help table's example, the two template rows' values */
  upload: { aliases: readonly string[]; example: string; templateValues: readonly [string, string] };
  /** a count as tables show it */
  format: (value: number) => string;
  /** its own outlier-check settings where the defaults (outliers.ts) do not fit it */
  outliers?: Partial<OutlierSettings>;
};

const survey = "生活困窮者自立支援制度 支援状況調査（厚生労働省、月次）";

/** The monthly 支援状況調査's columns, in MHLW's order. */
export const monthlyMetricCatalogue = [
  {
    key: "newConsultations",
    column: "new_consultations",
    label: "新規相談受付件数",
    shortLabel: "新規相談",
    unit: "件",
    perPopulation: true,
    perPopulationDecimals: 1,
    targetValue: { example: "20" },
    good: "higher",
    definition: "その月に新たに受け付けた相談の件数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["新規相談件数", "new_consultations"], example: "152", templateValues: ["152", "98"] },
  },
  {
    key: "plansCreated",
    column: "plans_created",
    label: "プラン作成件数",
    shortLabel: "プラン作成",
    unit: "件",
    perPopulation: true,
    perPopulationDecimals: 1,
    targetValue: { example: "10" },
    good: "higher",
    definition: "その月に作成した支援プランの件数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["プラン作成数", "plans", "plans_created"], example: "0", templateValues: ["38", "25"] },
  },
  {
    key: "employmentSupportTargets",
    column: "employment_support_targets",
    label: "就労支援対象者数",
    shortLabel: "就労支援対象",
    unit: "人",
    perPopulation: true,
    perPopulationDecimals: 1,
    targetValue: { example: "6" },
    good: "higher",
    definition: "プラン作成者のうち就労支援の対象とした人数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["就労支援対象者", "employment_support_targets"], example: "0", templateValues: ["20", "14"] },
  },
  {
    key: "employed",
    column: "employed",
    label: "就労者数",
    shortLabel: "就労者",
    unit: "人",
    perPopulation: false,
    targetValue: false,
    good: "higher",
    definition: "就労支援対象者のうち就労した人数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["就労者", "employed"], example: "0", templateValues: ["12", "9"] },
  },
  {
    key: "increasedIncome",
    column: "increased_income",
    label: "増収者数",
    shortLabel: "増収者",
    unit: "人",
    perPopulation: false,
    targetValue: false,
    good: "higher",
    definition: "就労支援対象者のうち収入が増えた人数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["増収者", "increased_income"], example: "0", templateValues: ["4", "2"] },
  },
  {
    key: "housingBenefitDecisions",
    column: "housing_benefit_decisions",
    label: "住居確保給付金支給決定件数",
    shortLabel: "住居確保給付金",
    unit: "件",
    perPopulation: false,
    targetValue: false,
    good: "none",
    definition: "住居確保給付金の新規支給決定件数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["住居確保給付金", "住居確保給付金決定件数", "housing_benefit_decisions"], example: "0", templateValues: ["6", "－"] },
  },
  {
    key: "referralsToPublicAssistance",
    column: "referrals_to_public_assistance",
    label: "生活保護へのつなぎ件数",
    shortLabel: "生活保護へのつなぎ",
    unit: "件",
    perPopulation: true,
    // about one per 10万人 a month: a second decimal keeps prefectures apart
    perPopulationDecimals: 2,
    targetValue: false,
    good: "none",
    definition: "スクリーニングで他制度・他機関へつなぐと判断し、生活保護担当部署へつないだ件数",
    source: survey,
    format: formatNumber,
    upload: { aliases: ["生活保護へのつなぎ", "referrals_to_public_assistance"], example: "0", templateValues: ["3", "1"] },
  },
] as const satisfies readonly MonthlyMetricSpec[];

type MonthlyEntry = (typeof monthlyMetricCatalogue)[number];
export type MonthlyMetric = MonthlyEntry["key"];
export type PerPopulationMetric = Extract<MonthlyEntry, { perPopulation: true }>["key"];
export type TargetValueMetric = Exclude<MonthlyEntry, { targetValue: false }>["key"];

/** One count per monthly metric: a body's month, a year's total, a national calibration figure. */
export type MonthlyCounts = Record<MonthlyMetric, number>;

export const monthlyMetrics = monthlyMetricCatalogue.map((m) => m.key) as readonly MonthlyMetric[];
export const perPopulationMetrics = monthlyMetricCatalogue.filter((m) => m.perPopulation).map((m) => m.key) as readonly PerPopulationMetric[];
export const targetValueMetrics = monthlyMetricCatalogue.filter((m) => m.targetValue !== false).map((m) => m.key) as readonly TargetValueMetric[];

export const monthlyMetricLabels = Object.fromEntries(monthlyMetricCatalogue.map((m) => [m.key, m.label])) as Record<MonthlyMetric, string>;
export const monthlyMetricShortLabels = Object.fromEntries(monthlyMetricCatalogue.map((m) => [m.key, m.shortLabel])) as Record<MonthlyMetric, string>;

/** { key: f(key) } over the monthly metrics (or a subset), typed. */
export function byMetric<K extends MonthlyMetric, V>(keys: readonly K[], f: (key: K) => V): Record<K, V> {
  // a plain loop: loaders call this per row (a body's ~140 months, its peers), where Object.fromEntries
  // over mapped pairs allocated two arrays per call
  const out = {} as Record<K, V>;
  for (const k of keys) out[k] = f(k);
  return out;
}

/**
 * How a derived figure is computed from SQL totals:
 * - ratio: Σ numerator ÷ denominator (null when the denominator is 0)
 * - perHundredThousandPerMonth: the count over the submitted months with a population ×
 *   100,000 ÷ the population summed over those months (null without population)
 */
export type Formula =
  | { kind: "ratio"; numerator: readonly MonthlyMetric[]; denominator: MonthlyMetric }
  | { kind: "perHundredThousandPerMonth"; count: PerPopulationMetric };

export type DerivedMetricSpec = {
  key: string;
  label: string;
  shortLabel: string;
  unit: "%" | "件/10万人・月" | "人/10万人・月";
  good: GoodDirection;
  definition: string;
  /** what the indicator page adds to the definition (its caveats), when there is more to say */
  explanation?: string;
  formula: Formula;
  source: string;
  /** where maps, rankings and comparisons list it: after this monthly metric */
  listedAfter: MonthlyMetric;
  format: (value: number) => string;
  /** decimals `format` shows of a figure that is not a share (downloads write as many) */
  decimals?: number;
};

export const employmentOrIncomeRateSpec = {
  key: "employmentOrIncomeRate",
  label: "就労・増収率",
  shortLabel: "就労・増収率",
  unit: "%",
  good: "higher",
  definition: "就労支援対象者のうち、就労した人と収入が増えた人の割合",
  explanation:
    "就労者と増収者は、その年度の就労支援対象者の内数ではありません（前年度からの対象者が就労・増収することも、同じ人が両方に数えられることもあります）。そのため100%を超えることがあり、公表値の平成27年度全国は（21,465 + 6,946）÷ 28,207 = 100.7%です。割合（比率）ではなく二つの件数の比として扱い、信頼区間も比の方法で求めます。",
  formula: { kind: "ratio", numerator: ["employed", "increasedIncome"], denominator: "employmentSupportTargets" },
  source: survey,
  listedAfter: "increasedIncome",
  format: formatPercent,
} as const satisfies DerivedMetricSpec;

export type DerivedMetric = PerPopulationMetric | (typeof employmentOrIncomeRateSpec)["key"];

/** 人口10万人あたり月平均 of each per-population metric. */
export const perPopulationAverageSpecs = Object.fromEntries(
  monthlyMetricCatalogue
    .filter((m) => m.perPopulation)
    .map((m) => [
      m.key,
      {
        key: m.key,
        label: `${m.label}（人口10万人あたり月平均）`,
        shortLabel: `${m.shortLabel}/10万人`,
        unit: `${m.unit}/10万人・月`,
        good: m.good,
        definition: `${m.definition}の、人口10万人あたりの月平均`,
        explanation:
          "件数を提出された月だけで合計し、同じ月の人口の合計で割って10万を掛けます（12か月すべて提出なら、年間件数 ÷ 12 ÷ 人口 × 10万）。人口の小さな自治体では1件の違いで値が大きく動くため、信頼区間とあわせて見てください。",
        formula: { kind: "perHundredThousandPerMonth", count: m.key },
        source: m.source,
        listedAfter: m.key,
        format: (value: number) => value.toFixed(m.perPopulationDecimals),
        decimals: m.perPopulationDecimals,
      } satisfies DerivedMetricSpec,
    ]),
) as Record<PerPopulationMetric, DerivedMetricSpec>;

/** Figures computed from SQL totals, in the order maps, rankings and comparisons list them. */
export const derivedMetricCatalogue: readonly DerivedMetricSpec[] = monthlyMetricCatalogue.flatMap((m) => [
  ...(m.perPopulation ? [perPopulationAverageSpecs[m.key as PerPopulationMetric]] : []),
  ...[employmentOrIncomeRateSpec].filter((d) => d.listedAfter === m.key),
]);

/** A catalogue metric as pages name it: a monthly count, or the figure derived from it (per 10万人, 就労・増収率). */
export type CatalogueMetric = MonthlyMetric | DerivedMetric;
/** Which of a key's figures a label names: its count, or its derived figure (the per-10万人 one, 就労・増収率). */
export type MetricFigure = "count" | "derived";

/**
 * The catalogue's label of a metric, as every page shows it. A key without the figure asked for falls back
 * to the one it has (就労者数 has no per-10万人 figure, 就労・増収率 no count).
 */
export function catalogueLabel(key: CatalogueMetric, figure: MetricFigure = "count", length: "full" | "short" = "full"): string {
  const monthly = monthlyMetricCatalogue.find((m) => m.key === key);
  const derived = derivedMetricCatalogue.find((d) => d.key === key);
  const spec = (figure === "derived" ? (derived ?? monthly) : (monthly ?? derived))!;
  return length === "short" ? spec.shortLabel : spec.label;
}

/** The page of a metric's definition (/indicators/:key), where every label of it links. */
export function indicatorPath(key: string): `/indicators/${string}` {
  return `/indicators/${encodeURIComponent(key)}`;
}

/** Which way a derived figure is better, as comparison labels and legends read it. */
export function goodOf(key: DerivedMetric): GoodDirection {
  return key === "employmentOrIncomeRate" ? employmentOrIncomeRateSpec.good : perPopulationAverageSpecs[key].good;
}
