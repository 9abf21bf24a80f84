import { useFormat } from "~/components/shell/format-context";
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { requireUser } from "~/server/auth/session.server";
import { comparisonMethodText, goodDirectionTexts, intervalMethodTexts, peerMethodText, shareIntervalText, trendMethodText } from "~/domain/indicators";
import { indicatorPath } from "~/domain/metric-catalogue";
import { loadIndicators } from "~/server/pages/indicators.server";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction = () => [{ title: "指標の定義 | つなぐ" }];

/** Definitions only, so every role may read them. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadIndicators(await getReadDb());
}

type IndicatorsData = SerializeFrom<typeof loader>;

/** The catalogue as the page's table and `?format=csv|xlsx` (ADR 028). */
function catalogueTable(d: Pick<IndicatorsData, "indicators">) {
  const columns: DataColumn<IndicatorsData["indicators"][number]>[] = [
    { key: "label", label: "指標", rowHeader: true, value: (i) => i.label, render: (i) => <AppLink to={indicatorPath(i.key)}>{i.label}</AppLink> },
    { key: "definition", label: "定義", value: (i) => i.definition },
    { key: "unit", label: "単位", value: (i) => i.unit },
    { key: "good", label: "良い方向", value: (i) => goodDirectionTexts[i.good] },
  ];
  return { caption: "指標の一覧", fileName: "指標の一覧.csv", rows: [...d.indicators], columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as IndicatorsData;
    return pageTableOf(catalogueTable(d), { source: indicatorsSource, dataDate: d.dataDate }, context);
  },
};

const indicatorsSource = "厚生労働省 生活困窮者自立支援制度 支援状況調査、人口、目安値";

export default function Indicators() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>指標の定義</h1>
      <p className="lead">つなぐが示す指標の定義、計算式、分母、出典と、信頼区間・比較・推移の求め方です。</p>
      <DataTable id="indicators" {...catalogueTable(d)} />
      <h2 id="methods">信頼区間・比較・推移の求め方</h2>
      <h3 id="intervals">信頼区間（95%と99.8%）</h3>
      <ul>
        <li>人口10万人あたりの値: {intervalMethodTexts.poissonRate}</li>
        <li>就労・増収率: {intervalMethodTexts.ratio}</li>
        <li>{shareIntervalText}</li>
      </ul>
      <h3 id="comparisons">比較（良い／同程度／悪い、高い／同程度／低い）</h3>
      <p>{comparisonMethodText}</p>
      <h3 id="peers">類似団体</h3>
      <p>{peerMethodText}</p>
      <h3 id="trends">推移（増加／減少／変化なし）</h3>
      <p>{trendMethodText}</p>
      <p className="kpi__note">出典: {indicatorsSource}{d.dataDate ? ` ／ データ時点: ${format.date(d.dataDate)}` : null}</p>
    </>
  );
}
