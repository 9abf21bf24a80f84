// The figures the comparison tables show (the per-10万人 figures with a 目安値, and 就労・増収率), each with
// its intervals, its labels against the benchmarks given, and its trend (client-safe, pure; ADR 024).
// Loaders pass SQL totals; this is the one place that turns them into compared figures.

import { perHundredThousandFigure, ratioFigure, type FigureWithIntervals, type Interval } from "./confidence-intervals";
import { compareFigure, compareWithBenchmark, type Comparator, type ComparedFigure, type ComparisonLabel } from "./comparisons";
import { byMetric, employmentOrIncomeRateSpec, goodOf, perPopulationAverageSpecs, targetValueMetrics, type DerivedMetric, type TargetValueMetric } from "./metric-catalogue";
import { employmentOrIncomeRate, perHundredThousandPerMonth, type Totals } from "./statistics";
import { poissonTrend, type Trend } from "./trends";
import { funnelLimits, funnelZoneOf } from "./funnel";

export type CountTotals = Pick<Totals, "perCapita" | "populationMonths" | "employed" | "increasedIncome" | "employmentSupportTargets">;

export const comparedFigureKeys = [...targetValueMetrics, employmentOrIncomeRateSpec.key] as const;
export type ComparedFigureKey = (typeof comparedFigureKeys)[number];

/** A group's figure is the pooled one: Σ counts ÷ Σ denominators (not the mean of its members' figures). */
export function pooledTotals(members: readonly CountTotals[]): CountTotals {
  return {
    perCapita: Object.fromEntries(
      Object.keys(members[0]?.perCapita ?? {}).map((k) => [k, members.reduce((s, t) => s + t.perCapita[k as keyof CountTotals["perCapita"]], 0)]),
    ) as CountTotals["perCapita"],
    populationMonths: members.reduce((s, t) => s + t.populationMonths, 0),
    employed: members.reduce((s, t) => s + t.employed, 0),
    increasedIncome: members.reduce((s, t) => s + t.increasedIncome, 0),
    employmentSupportTargets: members.reduce((s, t) => s + t.employmentSupportTargets, 0),
  };
}

export function valueOf(key: DerivedMetric, t: CountTotals | null): number | null {
  if (!t) return null;
  return key === "employmentOrIncomeRate" ? employmentOrIncomeRate(t) : perHundredThousandPerMonth(t.perCapita[key], t.populationMonths);
}

export function comparedFigures(
  own: CountTotals,
  benchmarks: Partial<Record<Exclude<Comparator, "target">, CountTotals | null>>,
  targets: Record<TargetValueMetric, number> | null,
): Record<ComparedFigureKey, ComparedFigure> {
  const values = (key: ComparedFigureKey) =>
    Object.fromEntries(Object.entries(benchmarks).map(([c, t]) => [c, valueOf(key, t)])) as Partial<Record<Comparator, number | null>>;
  return {
    ...byMetric(targetValueMetrics, (m) =>
      compareFigure(perHundredThousandFigure(own.perCapita[m], own.populationMonths), { ...values(m), target: targets?.[m] ?? null }, perPopulationAverageSpecs[m].good),
    ),
    employmentOrIncomeRate: compareFigure(ratioFigure(own.employed + own.increasedIncome, own.employmentSupportTargets), values("employmentOrIncomeRate"), employmentOrIncomeRateSpec.good),
  };
}

/** The trend of each compared figure over the years given (up to the page's fiscal year). */
export function figureTrends(years: readonly (CountTotals & { fiscalYear: number })[]): Record<ComparedFigureKey, Trend | null> {
  return {
    ...byMetric(targetValueMetrics, (m) => poissonTrend(years.map((r) => ({ fiscalYear: r.fiscalYear, count: r.perCapita[m], exposure: r.populationMonths })))),
    employmentOrIncomeRate: poissonTrend(years.map((r) => ({ fiscalYear: r.fiscalYear, count: r.employed + r.increasedIncome, exposure: r.employmentSupportTargets }))),
  };
}

export type FunnelBody = { code: string; name: string; totals: CountTotals };

/** A body's count and denominator for a compared figure: per-10万人 (per person-months ×100,000) or 就労・増収率. */
export function countAndDenominator(key: DerivedMetric, t: CountTotals): { count: number; denominator: number; multiplier: number } {
  return key === "employmentOrIncomeRate"
    ? { count: t.employed + t.increasedIncome, denominator: t.employmentSupportTargets, multiplier: 1 }
    : { count: t.perCapita[key], denominator: t.populationMonths, multiplier: 100_000 };
}

/** A derived figure of some totals with its 95% and 99.8% intervals (per-10万人: Poisson; 就労・増収率: the ratio interval). */
export function figureOf(key: DerivedMetric, t: CountTotals): FigureWithIntervals {
  const c = countAndDenominator(key, t);
  return key === "employmentOrIncomeRate" ? ratioFigure(c.count, c.denominator) : perHundredThousandFigure(c.count, c.denominator);
}

export type AreaFigure = { value: number | null; ci95: Interval | null; benchmark: number | null; label: ComparisonLabel };

/**
 * An area's figure (a prefecture's, a block's) against a benchmark's pooled figure, usually the nation's: the
 * value, its 95% interval and the label with the catalogue's polarity (the national map and /compare, ADR 024).
 */
export function areaFigure(key: DerivedMetric, own: CountTotals | null | undefined, benchmarkTotals: CountTotals | null | undefined): AreaFigure {
  const benchmark = valueOf(key, benchmarkTotals ?? null);
  if (!own) return { value: null, ci95: null, benchmark, label: "notCompared" };
  const figure = figureOf(key, own);
  return { value: figure.value, ci95: figure.ci95, benchmark, label: compareWithBenchmark(figure.ci95, benchmark, goodOf(key)) };
}

/**
 * The funnel plot of one figure over bodies: each body with its figure, 95% interval, label against the
 * benchmark (the pooled figure of `benchmark`) and zone, and the limit lines over the bodies' range.
 */
export function bodyFunnel(key: DerivedMetric, bodies: readonly FunnelBody[], benchmarkTotals: CountTotals) {
  const benchmark = valueOf(key, benchmarkTotals);
  const good = goodOf(key);
  const rows = bodies
    .map((b) => ({ b, c: countAndDenominator(key, b.totals) }))
    .filter(({ c }) => c.denominator > 0)
    .map(({ b, c }) => {
      const figure = figureOf(key, b.totals);
      const compared = compareFigure(figure, { [benchmarkComparator]: benchmark }, good);
      return {
        code: b.code,
        name: b.name,
        count: c.count,
        denominator: c.denominator,
        value: figure.value!,
        ci95: figure.ci95,
        label: compared.labels[benchmarkComparator] ?? "notCompared",
        zone: benchmark === null || !figure.ci95 || !figure.ci998 ? null : funnelZoneOf(figure.ci95, figure.ci998, benchmark),
      };
    });
  const denominators = rows.map((r) => r.denominator);
  const lines =
    benchmark === null || rows.length === 0
      ? []
      : funnelLimits(benchmark, Math.min(...denominators), Math.max(...denominators), { multiplier: key === "employmentOrIncomeRate" ? 1 : 100_000 }).map((l) => ({
          x: l.denominator,
          lower95: l.lower95,
          upper95: l.upper95,
          lower998: l.lower998,
          upper998: l.upper998,
          benchmark,
        }));
  return { benchmark, good, points: rows, lines };
}

/** The funnel compares with one benchmark; its labels are keyed as the nation's or the prefecture's by the page. */
const benchmarkComparator = "nation" as const;
