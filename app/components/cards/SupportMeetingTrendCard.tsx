import { ColumnChart } from "~/components/charts/ColumnChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import type { SupportMeetingShare } from "~/domain/figures";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";

/** The share of implementing bodies with a 支援会議 (法第9条) per fiscal year, over the bodies that answered. */
export function SupportMeetingTrendCard({
  fiscalYear,
  rows,
  scopeLabel = "全国",
  dataDate = null,
}: {
  fiscalYear: number;
  rows: SupportMeetingShare[];
  scopeLabel?: string;
  dataDate?: string | null;
}) {
  const data = rows.map((r) => ({ ...r, share: ratio(r.established, r.answered) }));
  const current = data.find((r) => r.fiscalYear === fiscalYear);
  const title = `支援会議を設置している実施主体の割合（${scopeLabel}、年度別、回答した実施主体が分母）`;
  return (
    <section aria-labelledby="support-meeting-heading">
      <h2 id="support-meeting-heading">支援会議（生活困窮者自立支援法第9条）</h2>
      {current ? (
        <p role="status" id="support-meeting-share">
          {formatFiscalYear(fiscalYear)}: 設置 <strong>{formatNumber(current.established)}</strong>／回答 {formatNumber(current.answered)}
          （<strong>{formatPercent(current.share)}</strong>、実施主体 {formatNumber(current.bodies)}のうち未回答 {formatNumber(current.bodies - current.answered)}
          は分母に含めません）
        </p>
      ) : (
        <p>{formatFiscalYear(fiscalYear)}の支援会議の設置状況はまだ登録されていません。</p>
      )}
      {data.length > 0 ? (
        <ChartFigure
          id="support-meeting"
          title={title}
          source="支援会議の設置状況（実施主体ごと・年度ごと）"
          dataDate={dataDate}
          chart={
            <ColumnChart
              id="support-meeting-chart"
              data={data.map((r) => ({ key: String(r.fiscalYear), label: formatFiscalYear(r.fiscalYear).replace(/（.*）/, ""), value: r.share }))}
              max={1}
              format={(v) => formatPercent(v)}
              description={`${title}。${data.map((r) => `${formatFiscalYear(r.fiscalYear)}: ${formatPercent(r.share)}（n=${r.answered}）`).join("。")}`}
            />
          }
          table={
            <DataTable
              id="support-meeting-data"
              caption={`支援会議の設置状況（${scopeLabel}、年度別）`}
              fileName={`支援会議_${scopeLabel}.csv`}
              rows={data}
              columns={[
                { key: "fy", label: "年度", rowHeader: true, value: (r) => formatFiscalYear(r.fiscalYear) },
                { key: "bodies", label: "実施主体数", numeric: true, value: (r) => r.bodies },
                { key: "answered", label: "回答数（n）", numeric: true, value: (r) => r.answered },
                { key: "established", label: "設置", numeric: true, value: (r) => r.established },
                { key: "share", label: "設置の割合", numeric: true, kind: "rate", value: (r) => r.share, render: (r) => formatPercent(r.share) },
              ]}
            />
          }
        />
      ) : null}
    </section>
  );
}
