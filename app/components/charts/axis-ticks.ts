/** A point on a time axis: a month, or a fiscal year drawn at its April. */
export type MonthPoint = { year: number; month: number };

const steps = [1, 2, 5, 10] as const;

/**
 * The points a trend axis ticks at: fiscal-year starts (April) only, never odd months. Every April
 * when at most `maxTicks` fit, else every 2nd, 5th or 10th fiscal year (years divisible by the step,
 * so the labels are round). Indices into `points`; a range without an April ticks at its first point.
 */
export function fiscalYearStartTicks(points: readonly MonthPoint[], maxTicks: number): number[] {
  const aprils = points.flatMap((p, i) => (p.month === 4 ? [i] : []));
  if (aprils.length === 0) return points.length > 0 ? [0] : [];
  const fit = Math.max(1, maxTicks);
  const step = steps.find((s) => Math.ceil(aprils.length / s) <= fit) ?? Math.ceil(aprils.length / fit / 10) * 10;
  if (step === 1) return aprils;
  const aligned = aprils.filter((i) => points[i]!.year % step === 0);
  return aligned.length > 0 ? aligned : [aprils[0]!];
}
