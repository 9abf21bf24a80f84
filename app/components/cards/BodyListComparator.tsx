import { Form, Link } from "@remix-run/react";
import { MetricLabel } from "~/components/ui/MetricLabel";
import { comparableMetrics, formatMetric, type ComparableMetric } from "~/domain/metrics";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber } from "~/domain/format";

export type ListComparator = {
  lists: { id: number; name: string; members: number }[];
  selected: { id: number; name: string; memberCount: number; aggregate: Record<ComparableMetric, number | null>; members: { code: string; name: string; prefectureName: string }[] } | null;
  refusal: string | null;
  body: Record<ComparableMetric, number | null> | null;
};

/**
 * A named list of bodies as the comparator (ADR 025): choose one of the user's lists (a shared list
 * arrives by its ?list= link), then the list's aggregate beside the body's own figures, and its members.
 */
export function BodyListComparator({ comparator, bodyName, fiscalYear, hidden }: { comparator: ListComparator; bodyName: string; fiscalYear: number; hidden: Record<string, string> }) {
  const { selected } = comparator;
  return (
    <section aria-labelledby="list-comparator-title" id="list-comparator">
      <h2 id="list-comparator-title">比較リストとの比較（{formatFiscalYear(fiscalYear)}）</h2>
      <Form method="get" className="filters" aria-label="比較リストを選ぶ">
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="field">
          <label htmlFor="comparator-list">比較リスト</label>
          <select id="comparator-list" name="list" defaultValue={selected ? String(selected.id) : ""}>
            <option value="">選ばない</option>
            {selected && !comparator.lists.some((l) => l.id === selected.id) ? <option value={selected.id}>{selected.name}（共有）</option> : null}
            {comparator.lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}（{formatNumber(l.members)}団体）
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          リストと比べる
        </button>
        <Link to="/lists">比較リストを作る・編集する</Link>
      </Form>
      {comparator.refusal ? (
        <p className="notice" role="alert">
          {comparator.refusal}
        </p>
      ) : null}
      {selected && comparator.body ? (
        <>
          <div className="table-scroll">
          <table className="data">
            <caption>
              {bodyName}と比較リスト「{selected.name}」全体（{formatNumber(selected.memberCount)}団体、件数の合計÷人口×提出月数の合計）
            </caption>
            <thead>
              <tr>
                <th scope="col">指標</th>
                <th scope="col">{bodyName}</th>
                <th scope="col">
                  <Link to={`/lists/${selected.id}?fy=${fiscalYear}`}>{selected.name}</Link>全体
                </th>
              </tr>
            </thead>
            <tbody>
              {comparableMetrics.map((m) => (
                <tr key={m}>
                  <th scope="row">
                    <MetricLabel metric={m} figure="derived" />
                  </th>
                  <td className="num">{formatMetric(m, comparator.body![m])}</td>
                  <td className="num">{formatMetric(m, selected.aggregate[m])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <p className="kpi__note">
            リストの実施主体: {selected.members.map((m) => `${m.prefectureName === m.name.replace("（郡部）", "") ? "" : m.prefectureName}${m.name}`).join("、")}
          </p>
        </>
      ) : null}
    </section>
  );
}
