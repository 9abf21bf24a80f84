import { formatPercent } from "~/domain/format";
import { submissionStates, type SubmissionState } from "~/domain/reporting";
import { submissionStateLabels } from "~/domain/vocabulary";
import type { DataColumn } from "~/components/ui/DataTable";
import { AppLink } from "~/components/ui/AppLink";

export type SubmissionMatrixRow = {
  code: string;
  name: string;
  cells: ({ month: string; state: SubmissionState; submittedOn: string | null; deadline: string } | null)[];
  year: { reportingRate: number | null; onTimeRate: number | null; expected: number; submitted: number; onTime: number };
};

/** Short marks beside the colour, so the state never rests on colour alone. */
const marks: Record<SubmissionState, string> = { on_time: "○", late: "△", not_submitted: "×", not_yet_due: "－" };

function dayJa(iso: string): string {
  const [, m, d] = iso.split("-").map(Number);
  return `${m}/${d}`;
}

export function SubmissionLegend() {
  return (
    <ul className="submission-legend" aria-label="凡例">
      {submissionStates.map((s) => (
        <li key={s}>
          <span className={`submission-cell submission-cell--${s}`} aria-hidden="true">
            {marks[s]}
          </span>
          {submissionStateLabels[s]}
        </li>
      ))}
    </ul>
  );
}

type MatrixProps = { rows: SubmissionMatrixRow[]; months: string[]; caption: string; selectedMonth: string };

/**
 * The matrix as a table description: its header labels, and what
 * `/prefectures/:code/submissions?format=csv|xlsx` writes (a cell's state, with the day it came; ADR 028).
 */
export function submissionMatrixTable({ rows, months, caption }: Omit<MatrixProps, "selectedMonth">) {
  const columns: DataColumn<SubmissionMatrixRow>[] = [
    { key: "name", label: "実施主体", rowHeader: true, value: (r) => r.name },
    ...months.map((m, i) => ({
      key: m,
      label: `${Number(m.slice(5, 7))}月`,
      value: (r: SubmissionMatrixRow) => {
        const c = r.cells[i];
        if (!c) return "対象外";
        return c.submittedOn && (c.state === "on_time" || c.state === "late") ? `${submissionStateLabels[c.state]}（${c.submittedOn}）` : submissionStateLabels[c.state];
      },
    })),
    {
      key: "yearRate",
      label: "年度の提出率",
      numeric: true,
      value: (r) => r.year.reportingRate,
      rate: { numerator: (r) => r.year.submitted, denominator: (r) => r.year.expected, numeratorLabel: "提出", denominatorLabel: "対象" },
    },
    {
      key: "yearOnTime",
      label: "年度の期限内提出率",
      numeric: true,
      value: (r) => r.year.onTimeRate,
      rate: { numerator: (r) => r.year.onTime, denominator: (r) => r.year.expected, numeratorLabel: "期限内提出", denominatorLabel: "対象" },
    },
  ];
  return { caption, fileName: "提出状況.csv", rows, columns };
}

/** Rows bodies, columns the fiscal year's months; each cell colour + mark + text, the row header kept in view while scrolling sideways. */
export function SubmissionMatrix({ rows, months, caption, selectedMonth }: MatrixProps) {
  const { columns } = submissionMatrixTable({ rows, months, caption });
  const label = (key: string) => columns.find((c) => c.key === key)!.label;
  return (
    <div className="table-scroll submission-matrix" tabIndex={0} role="region" aria-label={caption}>
      <table className="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label("name")}</th>
            {months.map((m) => (
              <th scope="col" key={m} aria-current={m === selectedMonth ? "true" : undefined}>
                {label(m)}
              </th>
            ))}
            <th scope="col">{label("yearRate")}</th>
            <th scope="col">{label("yearOnTime")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                <AppLink to={`/municipalities/${r.code}`}>{r.name}</AppLink>
              </th>
              {r.cells.map((c, i) =>
                c === null ? (
                  <td key={months[i]}>
                    <span className="visually-hidden">対象外（この月は実施主体ではありません）</span>
                    <span aria-hidden="true">{"\u3000"}</span>
                  </td>
                ) : (
                  <td key={c.month} className={`submission-cell submission-cell--${c.state}`} title={`提出期限 ${c.deadline}`}>
                    <span aria-hidden="true">{marks[c.state]} </span>
                    {submissionStateLabels[c.state]}
                    {c.submittedOn && (c.state === "on_time" || c.state === "late") ? <span className="submission-cell__date">（{dayJa(c.submittedOn)}）</span> : null}
                  </td>
                ),
              )}
              <td className="num">{r.year.expected === 0 ? "－" : formatPercent(r.year.reportingRate)}</td>
              <td className="num">{r.year.expected === 0 ? "－" : formatPercent(r.year.onTimeRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
