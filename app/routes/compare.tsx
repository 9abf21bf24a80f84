import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getReadDb } from "../../db";
import { MetricField } from "~/components/ui/FilterFields";
import { listPrefectures } from "../../db/queries/geography";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { totalsByFiscalYearAndArea } from "../../db/queries/support-statistics";
import { ComparisonTrendCard } from "~/components/cards/ComparisonTrendCard";
import { requireUser } from "~/server/auth/session.server";
import { regionalBlockLabels, regionalBlocks, type RegionalBlock } from "~/domain/vocabulary";
import { comparableMetrics, metricValue } from "~/domain/metrics";

const list = (pattern: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").filter((x) => pattern.test(x)));
const query = z.object({
  prefectures: list(/^\d{2}$/),
  blocks: list(/^[a-z_]+$/).transform((v) => v.filter((b): b is RegionalBlock => (regionalBlocks as readonly string[]).includes(b))),
  metric: z.enum(comparableMetrics).default("newConsultations").catch("newConsultations"),
});

export const meta: MetaFunction = () => [{ title: "比較 | つなぐ" }];

/** Aggregates only, so every role may compare prefectures and blocks. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const url = new URL(request.url);
  // checkboxes arrive as repeated parameters; shared links use comma lists
  const q = query.parse({
    prefectures: url.searchParams.getAll("prefectures").join(",") || undefined,
    blocks: url.searchParams.getAll("blocks").join(",") || undefined,
    metric: url.searchParams.get("metric") ?? undefined,
  });
  const db = await getReadDb();
  const prefectures = await listPrefectures(db);
  const selectedPrefectures = q.prefectures.filter((c) => prefectures.some((p) => p.code === c)).slice(0, 8);
  const selectedBlocks = q.blocks.slice(0, 8);
  const [byPrefecture, byBlock, dataDate] = await Promise.all([
    selectedPrefectures.length > 0 ? totalsByFiscalYearAndArea(db, "prefecture") : Promise.resolve([]),
    selectedBlocks.length > 0 ? totalsByFiscalYearAndArea(db, "block") : Promise.resolve([]),
    datasetUpdatedAt(db, "monthly_support"),
  ]);
  const series = [
    ...selectedPrefectures.map((c) => ({ key: `p${c}`, label: prefectures.find((p) => p.code === c)!.name, rows: byPrefecture.filter((r) => r.area === c) })),
    ...selectedBlocks.map((b) => ({ key: `b${b}`, label: `${regionalBlockLabels[b]}ブロック`, rows: byBlock.filter((r) => r.area === b) })),
  ];
  const years = [...new Set(series.flatMap((s) => s.rows.map((r) => r.fiscalYear)))].sort();
  return {
    prefectures,
    metric: q.metric,
    selectedPrefectures,
    selectedBlocks,
    series: series.map((s) => ({ key: s.key, label: s.label })),
    rows: years.map((fy) => ({
      fiscalYear: fy,
      ...Object.fromEntries(series.map((s) => {
        const t = s.rows.find((r) => r.fiscalYear === fy);
        return [s.key, t ? metricValue(q.metric, t) : null];
      })),
    })),
    dataDate,
  };
}

export default function Compare() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>都道府県・地方ブロックの比較</h1>
      <Form method="get" aria-label="比較の条件">
        <div className="filters">
          <MetricField label="指標" value={d.metric} />
        </div>
        <fieldset>
          <legend>地方ブロック</legend>
          {regionalBlocks.map((b) => (
            <label key={b} className="check">
              <input type="checkbox" name="blocks" value={b} defaultChecked={d.selectedBlocks.includes(b)} /> {regionalBlockLabels[b]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>都道府県（8つまで）</legend>
          {d.prefectures.map((p) => (
            <label key={p.code} className="check">
              <input type="checkbox" name="prefectures" value={p.code} defaultChecked={d.selectedPrefectures.includes(p.code)} /> {p.name}
            </label>
          ))}
        </fieldset>
        <p className="actions">
          <button type="submit" className="button">
            比較する
          </button>
        </p>
      </Form>
      {d.series.length === 0 ? (
        <p>比較する都道府県または地方ブロックを選んでください。</p>
      ) : (
        <>
          {d.metric === "employmentOrIncomeRate" ? (
            <p className="notice" id="compare-rate-note">
              就労・増収率は100%を超えることがあります。就労者数と増収者数の合計を、その年度の就労支援対象者数で割った値で、就労・増収した人は同じ年度の対象者に限られないためです（例: 2015年度の全国値は（21,465＋6,946）÷28,207＝100.7%）。
            </p>
          ) : null}
          <ComparisonTrendCard id="compare" title="年度別の比較" metric={d.metric} series={d.series} rows={d.rows} dataDate={d.dataDate} />
        </>
      )}
    </>
  );
}
