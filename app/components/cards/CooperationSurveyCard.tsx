import { HorizontalBarChart } from "~/components/charts/HorizontalBarChart";
import { ChartFigure } from "~/components/ui/ChartFigure";
import { DataTable } from "~/components/ui/DataTable";
import type { SurveyDistribution } from "~/domain/figures";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatPercent, ratio } from "~/domain/format";
import { cooperationSurveyQuestions, type CooperationSurveyQuestion } from "~/domain/vocabulary";

export const cooperationSurveySource = "生活保護との連携に関する調査（実施主体ごと・年度ごと、複数回答）";

/** One question of the cooperation survey as the source draws it: the share of answering bodies per answer, n stated. */
export function CooperationSurveyCard({
  question,
  fiscalYear,
  distribution,
  scopeLabel = "全国",
  dataDate = null,
}: {
  question: CooperationSurveyQuestion;
  fiscalYear: number;
  distribution: SurveyDistribution;
  scopeLabel?: string;
  dataDate?: string | null;
}) {
  const q = cooperationSurveyQuestions.find((x) => x.key === question)!;
  const n = distribution.respondents;
  const rows = q.answers.map((answer) => ({ key: answer, label: q.labels[answer]!, count: distribution[answer], share: ratio(distribution[answer], n) }));
  const id = `survey-${question}`;
  const title = `${q.label}（${scopeLabel}、${formatFiscalYear(fiscalYear)}、n=${formatNumber(n)}、複数回答）`;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {q.label}（{formatFiscalYear(fiscalYear)}）
      </h2>
      {n === 0 ? (
        <p>この年度の回答はまだ登録されていません。</p>
      ) : (
        <ChartFigure
          id={id}
          title={title}
          source={`${cooperationSurveySource}。回答した実施主体が分母（n）で、回答のない実施主体は n に含めません`}
          dataDate={dataDate}
          chart={
            <HorizontalBarChart
              id={`${id}-chart`}
              data={rows.map((r) => ({ key: r.key, label: r.label, value: r.share }))}
              max={1}
              format={(v) => formatPercent(v)}
              description={`${title}。${rows.map((r) => `${r.label}: ${formatPercent(r.share)}`).join("。")}`}
              labelWidth={260}
              rowHeight={24}
            />
          }
          table={
            <DataTable
              id={`${id}-data`}
              caption={`${q.label}の回答別の実施主体数と割合（${scopeLabel}、n=${formatNumber(n)}）`}
              fileName={`${q.label}_${scopeLabel}_${fiscalYear}.csv`}
              rows={rows}
              columns={[
                { key: "answer", label: "回答", rowHeader: true, value: (r) => r.label },
                { key: "count", label: "実施主体数", numeric: true, value: (r) => r.count },
                { key: "share", label: "割合", numeric: true, kind: "rate", value: (r) => r.share, render: (r) => formatPercent(r.share) },
              ]}
            />
          }
        />
      )}
    </section>
  );
}
