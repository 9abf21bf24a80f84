import type { ReactNode } from "react";
import { useFormat } from "~/components/shell/format-context";
import { MetricLabel } from "~/components/ui/MetricLabel";
import type { CatalogueMetric } from "~/domain/metric-catalogue";
import { ratio } from "~/domain/format";
import { jusouStatusLabels, optionalProgramLabels, type OptionalProgram } from "~/domain/vocabulary";
import type { CertificateCoverage, JusouStatusCounts } from "~/domain/figures";

/** 「595／862（69.0%）」: a count, its denominator and the share, every number with separators. */
export function CountOfCell({ count, of }: { count: number; of: number }) {
  const format = useFormat();
  return (
    <span className="nowrap">
      {format.number(count)}／{format.number(of)}（{format.percent(ratio(count, of))}）
    </span>
  );
}

export type KeyFigureRow = {
  key: string;
  label: string;
  /** the area's value, then the areas it is compared with (都道府県, 全国) */
  values: (number | null)[];
  target?: number | null;
  kind: "perCapita" | "rate" | "count";
  /** a catalogue metric: the row header is its label linking to the definition (a count's or its derived figure's, by kind) */
  metric?: CatalogueMetric;
};

/**
 * The key figures of a profile. `comparisons` is the slot for the comparison labels and intervals of
 * `~/domain/comparisons` (issue 17: 「全国より高い（95%信頼区間）」): when a page passes them, a column
 * appears; until then the table has no empty column.
 */
export function KeyFiguresTable({
  id,
  caption,
  columns,
  rows,
  comparisons,
}: {
  id: string;
  caption: string;
  columns: string[];
  rows: KeyFigureRow[];
  comparisons?: Record<string, ReactNode>;
}) {
  const format = useFormat();
  const show = (row: KeyFigureRow, value: number | null) =>
    row.kind === "rate" ? format.percent(value) : row.kind === "count" ? format.number(value) : format.decimal(value, 1);
  const hasTarget = rows.some((r) => r.target !== undefined);
  return (
    <table className="data" id={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">指標</th>
          {columns.map((c) => (
            <th key={c} scope="col" className="num">
              {c}
            </th>
          ))}
          {hasTarget ? (
            <th scope="col" className="num">
              目安値
            </th>
          ) : null}
          {comparisons ? <th scope="col">比較</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.metric ? <MetricLabel metric={row.metric} figure={row.kind === "count" ? "count" : "derived"} /> : row.label}</th>
            {row.values.map((v, i) => (
              <td key={columns[i]} className="num">
                {show(row, v)}
              </td>
            ))}
            {hasTarget ? <td className="num">{row.target === undefined || row.target === null ? "－" : format.decimal(row.target, 1)}</td> : null}
            {comparisons ? <td>{comparisons[row.key] ?? "－"}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Area = {
  programs: { program: OptionalProgram; implementing: { count: number; of: number }; reported: number }[];
  jusou: JusouStatusCounts | null;
  supervision: { bodies: number; covered: number; contacts: number } | null;
  certificates: CertificateCoverage | null;
};

/** 任意事業, 重層, supervision and certificates of an area (its prefecture) against the nation, as counts of their denominators. */
export function AreaComparisonTables({ areaName, area, nation }: { areaName: string; area: Area; nation: Area }) {
  const areas = [
    { name: areaName, of: area },
    { name: "全国", of: nation },
  ];
  return (
    <>
      <section aria-labelledby="profile-programs" className="print-keep">
        <h2 id="profile-programs">任意事業の実施（実施主体数に対する実施数）</h2>
        <table className="data" id="profile-programs-table">
          <caption className="visually-hidden">任意事業の実施状況</caption>
          <thead>
            <tr>
              <th scope="col">事業</th>
              {areas.map((a) => (
                <th key={a.name} scope="col" className="num">
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {area.programs.map((p, i) => (
              <tr key={p.program}>
                <th scope="row">{optionalProgramLabels[p.program]}</th>
                {areas.map((a) => (
                  <td key={a.name} className="num">
                    <CountOfCell {...a.of.programs[i]!.implementing} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="profile-jusou" className="print-keep">
        <h2 id="profile-jusou">重層的支援体制整備事業（市区町村数に対する数）</h2>
        <table className="data" id="profile-jusou-table">
          <caption className="visually-hidden">重層的支援体制整備事業の状況</caption>
          <thead>
            <tr>
              <th scope="col">状況</th>
              {areas.map((a) => (
                <th key={a.name} scope="col" className="num">
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["implementing", jusouStatusLabels.implementing],
                ["transitionPreparation", jusouStatusLabels.transition_preparation],
                ["modelProject", jusouStatusLabels.model_project],
                ["notImplemented", jusouStatusLabels.not_implemented],
                ["notReported", "未報告"],
              ] as const
            ).map(([key, label]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                {areas.map((a) => (
                  <td key={a.name} className="num">
                    {a.of.jusou ? <CountOfCell count={a.of.jusou[key]} of={a.of.jusou.municipalities} /> : "－"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="profile-supervision" className="print-keep">
        <h2 id="profile-supervision">スーパーバイズと研修</h2>
        <table className="data" id="profile-supervision-table">
          <caption className="visually-hidden">スーパーバイズと研修の状況</caption>
          <thead>
            <tr>
              <th scope="col">指標</th>
              {areas.map((a) => (
                <th key={a.name} scope="col" className="num">
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">スーパーバイズの記録がある実施主体</th>
              {areas.map((a) => (
                <td key={a.name} className="num">
                  {a.of.supervision ? <CountOfCell count={a.of.supervision.covered} of={a.of.supervision.bodies} /> : "－"}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">修了証を持つ支援員（配置人数に対して）</th>
              {areas.map((a) => (
                <td key={a.name} className="num">
                  {a.of.certificates ? <CountOfCell count={a.of.certificates.certified} of={a.of.certificates.assigned} /> : "－"}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">全員が修了証を持つ実施主体</th>
              {areas.map((a) => (
                <td key={a.name} className="num">
                  {a.of.certificates ? <CountOfCell count={a.of.certificates.complete} of={a.of.certificates.bodies} /> : "－"}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </section>
    </>
  );
}
