import { japaneseEraYear } from "~/domain/fiscal-year";

export type Period = { fiscalYear: number; label: string; hasData: boolean; monthsDue: number; current: { fiscalYear: number; label: string } };

/** Says when the fiscal year shown has no data yet, or is not over (its figures cover the months so far). */
export function PeriodNotice({ period }: { period: Period }) {
  if (!period.hasData) {
    return (
      <p className="notice" role="status">
        {japaneseEraYear(period.fiscalYear)}のデータはまだありません。
      </p>
    );
  }
  if (period.monthsDue < 12) {
    return (
      <p className="notice" role="status">
        {period.label}：年度途中の集計です。
      </p>
    );
  }
  return null;
}

/**
 * On demo data, which cooperation figures follow the source (the FY2020 survey: national 保護→困窮 and the
 * survey's shares per answer) and which are the demo's estimates (every other year, every body).
 */
export function DemoCooperationNotice({ figures, fiscalYear }: { figures: "source" | "estimate" | null; fiscalYear: number }) {
  if (figures === null) return null;
  return (
    <p className="notice" role="note">
      {figures === "source"
        ? `デモデータ：${japaneseEraYear(fiscalYear)}の全国の保護→困窮（回答した実施主体の割合と平均件数）と連携の取組・課題の割合は、出典（令和2年度の調査）の公表値に合わせています。実施主体ごとの値と他の年度は推計値です。`
        : `デモデータ：${japaneseEraYear(fiscalYear)}の保護→困窮と連携の取組・課題の値は、出典（令和2年度の調査）をもとに作った推計値で、公表値ではありません。`}
    </p>
  );
}
