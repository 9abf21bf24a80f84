// The indicator pages' content (/indicators, /indicators/:key), read from the metric catalogue:
// one entry per monthly metric (with its per-10万人 figure where it has one) and one for 就労・増収率.
// Also the method texts every page that shows intervals, labels or trends links to (ADR 024).

import { exactPoissonBelow } from "./confidence-intervals";
import {
  employmentOrIncomeRateSpec,
  monthlyMetricCatalogue,
  monthlyMetricLabels,
  perPopulationAverageSpecs,
  type GoodDirection,
  type PerPopulationMetric,
} from "./metric-catalogue";
import { trendYears } from "./trends";

export const goodDirectionTexts: Record<GoodDirection, string> = {
  higher: "高いほど良い（比較は「良い／同程度／悪い」）",
  lower: "低いほど良い（比較は「良い／同程度／悪い」）",
  none: "良し悪しの方向はない（比較は「高い／同程度／低い」）",
};

export type IndicatorEntry = {
  key: string;
  label: string;
  definition: string;
  explanation: string | null;
  unit: string;
  /** 計算式 */
  formula: string;
  /** 分母 */
  denominator: string;
  source: string;
  good: GoodDirection;
  hasTargetValue: boolean;
  /** which interval method applies (a key of intervalMethodTexts) */
  interval: "poissonRate" | "ratio" | "count";
};

const perPopulationFormula = (label: string) => `${label}（提出月の合計）× 100,000 ÷ 人口×月（同じ提出月の人口の合計）`;

export const indicatorEntries: readonly IndicatorEntry[] = [
  ...monthlyMetricCatalogue.map((m): IndicatorEntry => {
    const perPopulation = m.perPopulation ? perPopulationAverageSpecs[m.key as PerPopulationMetric] : null;
    return {
      key: m.key,
      label: m.label,
      definition: perPopulation ? `${m.definition}。人口10万人あたり月平均でも示します。` : `${m.definition}。`,
      explanation: perPopulation?.explanation ?? null,
      unit: perPopulation ? `${m.unit}（人口10万人あたり月平均は ${perPopulation.unit}）` : m.unit,
      formula: perPopulation ? perPopulationFormula(m.label) : `各月の${m.label}の合計`,
      denominator: perPopulation ? "人口×月: 件数を提出した月の、各月の人口の合計（人口のない月は除く）" : "なし（件数）",
      source: m.source,
      good: m.good,
      hasTargetValue: m.targetValue !== false,
      interval: perPopulation ? "poissonRate" : "count",
    };
  }),
  {
    key: employmentOrIncomeRateSpec.key,
    label: employmentOrIncomeRateSpec.label,
    definition: `${employmentOrIncomeRateSpec.definition}。`,
    explanation: employmentOrIncomeRateSpec.explanation,
    unit: employmentOrIncomeRateSpec.unit,
    formula: `（${employmentOrIncomeRateSpec.formula.numerator.map((k) => monthlyMetricLabels[k]).join(" ＋ ")}）÷ ${monthlyMetricLabels[employmentOrIncomeRateSpec.formula.denominator]}`,
    denominator: monthlyMetricLabels[employmentOrIncomeRateSpec.formula.denominator],
    source: employmentOrIncomeRateSpec.source,
    good: employmentOrIncomeRateSpec.good,
    hasTargetValue: false,
    interval: "ratio",
  },
];

export function indicatorEntry(key: string): IndicatorEntry | null {
  return indicatorEntries.find((e) => e.key === key) ?? null;
}

export const intervalMethodTexts: Record<IndicatorEntry["interval"], string> = {
  poissonRate: `件数をポアソン分布に従うとみなし、件数の信頼区間を人口×月で割って10万を掛けます（人口は誤差のない値として扱います）。件数が${exactPoissonBelow}未満ではカイ二乗分布による正確な区間、${exactPoissonBelow}以上ではByarの近似を使います（英国公衆衛生庁 PHE「Technical Guide: Confidence intervals」、PHEindicatormethods と同じ方法）。`,
  count: `件数をポアソン分布に従うとみなした区間です（${exactPoissonBelow}未満は正確な区間、以上はByarの近似）。`,
  ratio:
    "分子（就労者＋増収者）と分母（就労支援対象者）をそれぞれポアソン分布に従う件数とみなし、両者の合計を条件としたとき分子が二項分布に従うことを使う「条件付き二項法」です。π = 分子 ÷（分子＋分母）の Wilson のスコア区間から、比 = π ÷（1 − π）として求めます（条件付きスコア法、Graham, Mengersen & Morton 2003）。100%を超える値にも使えます。就労者と増収者の両方に数えられる人がいるため、二つの件数を独立とみなすのは近似です。",
};

export const shareIntervalText = "実施率などの割合（分子が分母の内数）は Wilson のスコア区間で求めます（PHEindicatormethods の phe_proportion と同じ方法）。";

export const comparisonMethodText =
  "比較対象（全国・都道府県・類似団体の値、または目安値）が値の95%信頼区間の外にあるときに有意な差とし、区間が比較対象を含むときは「同程度」とします。比較対象の値は固定値として扱います（Fingertips と同じ方法）。良い方向が決まっている指標は「良い／同程度／悪い」、決まっていない指標は「高い／同程度／低い」で示します。目安値については、95%信頼区間の上限が目安値を下回るときだけ「目安値を有意に下回る（悪い）」とします。ファネルプロットには比較対象のまわりの95%と99.8%の管理限界（その規模で比較対象どおりのときに期待される件数の区間）を描き、各点の位置は自身の95%・99.8%信頼区間が比較対象を含むかで判定します。";

export const peerMethodText =
  "類似団体は、同じ種類の実施主体（政令指定都市・中核市・市・特別区・町村・都道府県（郡部））のうち、その年度の初日の人口が対数で最も近い5団体です。人口の差が同じときは団体コードの小さい順です。同じ種類の団体が5つに満たないときは、その数だけを比べます。";

export const trendMethodText = `直近${trendYears}年度の年度ごとの件数を、人口×月の対数をオフセットとするポアソン回帰に当てはめ、年度の係数（傾き）のWald検定（95%）で有意なときに「増加」または「減少」、そうでないときに「変化なし」とします。年度が3つに満たないときは判定しません。`;
