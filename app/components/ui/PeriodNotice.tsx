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
