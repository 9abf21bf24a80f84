import { formatNumber } from "~/domain/format";
import { useFormat } from "~/components/shell/format-context";
import { AppLink } from "~/components/ui/AppLink";

export type PrefectureWork = {
  month: string;
  deadline: string;
  deadlinePassed: boolean;
  bodiesWithoutMonth: number;
  overdueBodyMonths: number;
  overdueBodies: number;
  toConfirm: number;
  returned: number;
};

/** A prefecture official's work on landing (issue 16): the month now due, who is late, what awaits their check. */
export function PrefectureWorkCard({ prefectureCode, work }: { prefectureCode: string; work: PrefectureWork }) {
  const format = useFormat();
  return (
    <section className="notice" aria-labelledby="work-title" id="prefecture-work">
      <h2 id="work-title">担当者の作業</h2>
      <ul>
        <li>
          {format.reportingMonth(work.month)}（提出期限 {format.date(work.deadline)}）: 未提出 {formatNumber(work.bodiesWithoutMonth)}実施主体
          {work.deadlinePassed ? "（期限超過）" : "（期限前）"}
        </li>
        <li>
          期限を過ぎて未提出の月: {formatNumber(work.overdueBodyMonths)}件（{formatNumber(work.overdueBodies)}実施主体）{" "}
          <AppLink to={`/prefectures/${prefectureCode}/submissions`}>提出状況と督促</AppLink>
        </li>
        <li>
          確認待ち {formatNumber(work.toConfirm)}件・差戻し中 {formatNumber(work.returned)}件{" "}
          <AppLink to={`/prefectures/${prefectureCode}/review`}>月次の確認</AppLink>
        </li>
      </ul>
    </section>
  );
}
