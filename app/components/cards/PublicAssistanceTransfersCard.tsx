import { useFormat } from "~/components/shell/format-context";
import { DataTable } from "~/components/ui/DataTable";
import { transferFigures, type TransferSummary } from "~/domain/figures";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber, formatOneDecimal, formatPercent } from "~/domain/format";

const formatPer100k = (v: number | null) => formatOneDecimal(v);
const formatAverage = (v: number | null) => formatOneDecimal(v, "件");

export const transfersSource = "生活保護から困窮制度への移行・つなぎ（実施主体ごと・年度ごと）";

/**
 * 保護→困窮 in one scope: the share of answering bodies with cases moved from 保護 after 保護廃止, the
 * average among them, per 10万人 and the welfare offices' referrals by category; optionally per prefecture.
 */
export function PublicAssistanceTransfersCard({
  fiscalYear,
  summary,
  scopeLabel = "全国",
  nation,
  byPrefecture,
  dataDate = null,
}: {
  fiscalYear: number;
  summary: TransferSummary | null;
  scopeLabel?: string;
  /** the national figures beside a prefecture's */
  nation?: TransferSummary | null;
  byPrefecture?: (TransferSummary & { name: string })[];
  dataDate?: string | null;
}) {
  const format = useFormat();
  const f = summary ? transferFigures(summary) : null;
  const n = nation ? transferFigures(nation) : null;
  return (
    <section aria-labelledby="transfers-heading">
      <h2 id="transfers-heading">
        生活保護から困窮制度へ（保護→困窮、{scopeLabel}、{formatFiscalYear(fiscalYear)}）
      </h2>
      {summary && f ? (
        <>
          <p role="status" id="transfers-summary">
            回答した実施主体 <strong>n={formatNumber(summary.respondents)}</strong> のうち、保護廃止後に困窮制度へ移行したケースがある実施主体は{" "}
            <strong>{formatNumber(summary.withCases)}（{formatPercent(f.shareWithCases)}）</strong>、その実施主体あたり平均{" "}
            <strong>{formatAverage(f.averageAmongWithCases)}</strong>
            {n ? `（全国 ${formatPercent(n.shareWithCases)}、平均 ${formatAverage(n.averageAmongWithCases)}）` : ""}。移行ケースは人口10万人あたり{" "}
            {formatPer100k(f.perHundredThousand)}件（年度計、回答した実施主体の人口）。福祉事務所からのつなぎ: ア {formatNumber(summary.referredAtRisk)}人・イ{" "}
            {formatNumber(summary.referredAfterRejection)}人・ウ {formatNumber(summary.referredAfterExit)}人。
          </p>
          <p className="notice">回答のない実施主体は n に含めません（0件とはみなしません）。</p>
        </>
      ) : (
        <p>この年度の保護→困窮の回答はまだ登録されていません。</p>
      )}
      {byPrefecture && byPrefecture.length > 0 ? (
        <DataTable
          id="transfers-by-prefecture"
          caption={`都道府県別の保護→困窮（${formatFiscalYear(fiscalYear)}、回答した実施主体が分母。出典: ${transfersSource}${dataDate ? `、データ時点 ${format.date(dataDate)}` : ""}）`}
          fileName={`保護から困窮_${fiscalYear}.csv`}
          rows={byPrefecture.map((r) => ({ ...r, ...transferFigures(r) }))}
          columns={[
            { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name },
            { key: "n", label: "回答数（n）", numeric: true, value: (r) => r.respondents },
            { key: "with", label: "移行ケースあり", numeric: true, value: (r) => r.withCases },
            { key: "share", label: "ありの割合", numeric: true, kind: "rate", value: (r) => r.shareWithCases, render: (r) => formatPercent(r.shareWithCases) },
            { key: "avg", label: "ありの平均件数", numeric: true, value: (r) => r.averageAmongWithCases, render: (r) => formatAverage(r.averageAmongWithCases) },
            { key: "per", label: "移行ケース 10万人あたり", numeric: true, value: (r) => r.perHundredThousand, render: (r) => formatPer100k(r.perHundredThousand) },
            { key: "a", label: "つなぎ ア", numeric: true, value: (r) => r.referredAtRisk },
            { key: "b", label: "つなぎ イ", numeric: true, value: (r) => r.referredAfterRejection },
            { key: "c", label: "つなぎ ウ", numeric: true, value: (r) => r.referredAfterExit },
          ]}
        />
      ) : null}
    </section>
  );
}
