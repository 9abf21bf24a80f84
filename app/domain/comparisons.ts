// Comparison labels of a figure with its interval against a benchmark (nation, prefecture, peers) or
// the 目安値, with the polarity of the metric catalogue (ADR 024). Client-safe, pure. The texts, symbols
// and colours of the labels live here only; `ComparisonBadge` and `ComparisonLegend` draw them.

import type { ConfidenceLevel, FigureWithIntervals, Interval } from "./confidence-intervals";
import type { GoodDirection } from "./metric-catalogue";

export const comparisonLabelKeys = ["better", "similar", "worse", "higher", "lower", "notCompared"] as const;
export type ComparisonLabel = (typeof comparisonLabelKeys)[number];

/** What a figure is compared with. */
export const comparators = ["nation", "prefecture", "peers", "target"] as const;
export type Comparator = (typeof comparators)[number];

export const comparatorLabels: Record<Comparator, string> = {
  nation: "全国",
  prefecture: "都道府県",
  peers: "類似団体",
  target: "目安値",
};

/**
 * Text, symbol and colour of each label. The symbol says where the figure lies (▲ above, ▼ below,
 * ● similar), the text says whether that is good, the colour repeats it: never colour alone. Colours
 * reach 4.5:1 on white (WCAG 1.4.3) so they can colour the text itself.
 */
export const comparisonLabelStyles: Record<ComparisonLabel, { text: string; symbol: string; color: string; description: string }> = {
  better: { text: "良い", symbol: "▲", color: "#1a7f37", description: "有意に良い" },
  similar: { text: "同程度", symbol: "●", color: "#4d4d4d", description: "有意な差はない" },
  worse: { text: "悪い", symbol: "▼", color: "#c00000", description: "有意に悪い" },
  higher: { text: "高い", symbol: "▲", color: "#0017c1", description: "有意に高い（良し悪しの方向はない指標）" },
  lower: { text: "低い", symbol: "▼", color: "#6a1b9a", description: "有意に低い（良し悪しの方向はない指標）" },
  notCompared: { text: "比較不可", symbol: "－", color: "#4d4d4d", description: "値または比較対象がない" },
};

/** The labels a figure of this polarity can get, for its legend. */
export function comparisonLabelsFor(good: GoodDirection): readonly ComparisonLabel[] {
  return good === "none" ? ["higher", "similar", "lower", "notCompared"] : ["better", "similar", "worse", "notCompared"];
}

/** Below-better symbols flip: a figure below the benchmark where lower is good is ▼ but 良い. */
export function symbolOf(label: ComparisonLabel, position: "above" | "below" | "similar" | null): string {
  if (position === "above") return "▲";
  if (position === "below") return "▼";
  return comparisonLabelStyles[label].symbol;
}

/** Where the interval lies against a value: wholly above, wholly below, or overlapping it. */
export function positionOf(interval: Interval | null, value: number | null): "above" | "below" | "similar" | null {
  if (!interval || value === null || !Number.isFinite(value)) return null;
  if (interval.upper < value) return "below";
  if (interval.lower > value) return "above";
  return "similar";
}

function labelOf(position: ReturnType<typeof positionOf>, good: GoodDirection): ComparisonLabel {
  if (position === null) return "notCompared";
  if (position === "similar") return "similar";
  if (good === "none") return position === "above" ? "higher" : "lower";
  return (position === "above") === (good === "higher") ? "better" : "worse";
}

/**
 * A figure against a benchmark value (the nation's, its prefecture's, its peers'), taken as fixed: the
 * figure differs significantly when the benchmark lies outside its interval (Fingertips' method). Pass
 * the interval at the level tested (95% for the labels, 99.8% where a page says so).
 */
export function compareWithBenchmark(interval: Interval | null, benchmark: number | null, good: GoodDirection): ComparisonLabel {
  return labelOf(positionOf(interval, benchmark), good);
}

/**
 * A figure against the 目安値: "significantly below" only when the upper 95% limit is below the target
 * (so a village below it by chance is 同程度). The 目安値 is a fixed value; its metrics are higher-is-good.
 */
export function compareWithTarget(interval95: Interval | null, target: number | null, good: GoodDirection): ComparisonLabel {
  return compareWithBenchmark(interval95, target, good);
}

/** The sentence a legend shows: what was compared with what, and at which confidence. */
export function comparisonTestText(comparator: Comparator | readonly Comparator[], level: ConfidenceLevel = "95"): string {
  const list: readonly Comparator[] = typeof comparator === "string" ? [comparator] : comparator;
  const values = list.filter((c) => c !== "target").map((c) => comparatorLabels[c]);
  const parts = [...(values.length ? [`${values.join("・")}の値`] : []), ...(list.includes("target") ? ["目安値（固定値）"] : [])];
  const what = parts.join("や");
  return `${what}が${level}%信頼区間の外にあるとき有意な差とし、指標の良い方向に従って判定しています。区間が比較対象を含むときは「同程度」です。`;
}

/** A figure with its intervals, the benchmarks it was compared with and the labels (at 95%). */
export type ComparedFigure = FigureWithIntervals & {
  benchmarks: Partial<Record<Comparator, number | null>>;
  labels: Partial<Record<Comparator, ComparisonLabel>>;
};

export function compareFigure(figure: FigureWithIntervals, benchmarks: Partial<Record<Comparator, number | null>>, good: GoodDirection): ComparedFigure {
  const labels: Partial<Record<Comparator, ComparisonLabel>> = {};
  for (const c of comparators) {
    const benchmark = benchmarks[c];
    if (benchmark === undefined) continue;
    labels[c] = c === "target" ? compareWithTarget(figure.ci95, benchmark, good) : compareWithBenchmark(figure.ci95, benchmark, good);
  }
  return { ...figure, benchmarks, labels };
}
