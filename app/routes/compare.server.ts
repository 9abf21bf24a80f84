import { z } from "zod";
import type { Database } from "../../db";
import { listPrefectures } from "../../db/queries/geography";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { totalsByFiscalYear, totalsByFiscalYearAndArea } from "../../db/queries/support-statistics";
import { regionalBlockLabels, regionalBlocks, type RegionalBlock } from "~/domain/vocabulary";
import { comparableMetrics, metricValue } from "~/domain/metrics";
import { areaFigure, type AreaFigure } from "~/domain/compared-figures";
import { fiscalYearOfDate } from "~/domain/fiscal-year";
import { comparatorQuery } from "~/server/pages/query-params";
import { listComparator, type ListActor } from "~/server/lists/body-lists.server";

const list = (pattern: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").split(",").filter((x) => pattern.test(x)));
const query = z.object({
  prefectures: list(/^\d{2}$/),
  blocks: list(/^[a-z_]+$/).transform((v) => v.filter((b): b is RegionalBlock => (regionalBlocks as readonly string[]).includes(b))),
  metric: z.enum(comparableMetrics).default("newConsultations").catch("newConsultations"),
  list: comparatorQuery.shape.list,
});

/** The comparison asked for in the URL: checkboxes arrive as repeated parameters; shared links use comma lists. */
export function comparisonQuery(url: URL) {
  return query.parse({
    prefectures: url.searchParams.getAll("prefectures").join(",") || undefined,
    blocks: url.searchParams.getAll("blocks").join(",") || undefined,
    metric: url.searchParams.get("metric") ?? undefined,
    list: url.searchParams.get("list") ?? undefined,
  });
}

/** A metric by fiscal year for up to eight prefectures and eight regional blocks, and a named list of bodies (ADR 025). */
export async function loadComparison(db: Database, q: z.infer<typeof query>, viewer: ListActor, today: string) {
  const prefectures = await listPrefectures(db);
  const selectedPrefectures = q.prefectures.filter((c) => prefectures.some((p) => p.code === c)).slice(0, 8);
  const selectedBlocks = q.blocks.slice(0, 8);
  const anySelected = selectedPrefectures.length > 0 || selectedBlocks.length > 0;
  const [byPrefecture, byBlock, nation, dataDate, comparator] = await Promise.all([
    selectedPrefectures.length > 0 ? totalsByFiscalYearAndArea(db, "prefecture") : Promise.resolve([]),
    selectedBlocks.length > 0 ? totalsByFiscalYearAndArea(db, "block") : Promise.resolve([]),
    // the nation of each year: the line the areas are drawn against and the benchmark of their labels
    anySelected ? totalsByFiscalYear(db, null).then((rows) => rows.filter((r) => r.scope === "nation")) : Promise.resolve([]),
    datasetUpdatedAt(db, "monthly_support"),
    listComparator(db, viewer, q.list, fiscalYearOfDate(today)),
  ]);
  const listSeries = comparator.selected
    ? [{ key: `l${comparator.selected.id}`, label: `${comparator.selected.name}（${comparator.selected.memberCount}団体）`, values: new Map(comparator.selected.byYear.map((r) => [r.fiscalYear, r[q.metric]])) }]
    : [];
  const series = [
    ...selectedPrefectures.map((c) => ({ key: `p${c}`, label: prefectures.find((p) => p.code === c)!.name, rows: byPrefecture.filter((r) => r.area === c) })),
    ...selectedBlocks.map((b) => ({ key: `b${b}`, label: `${regionalBlockLabels[b]}ブロック`, rows: byBlock.filter((r) => r.area === b) })),
  ];
  const nationSeries = anySelected ? [{ key: "nation", label: "全国", rows: nation }] : [];
  const years = [...new Set([...series.flatMap((s) => s.rows.map((r) => r.fiscalYear)), ...listSeries.flatMap((s) => [...s.values.keys()])])].sort();
  const nationOf = (fy: number) => nation.find((r) => r.fiscalYear === fy);
  return {
    prefectures,
    metric: q.metric,
    selectedPrefectures,
    selectedBlocks,
    series: [...series, ...nationSeries, ...listSeries].map((s) => ({ key: s.key, label: s.label })),
    lists: comparator.lists,
    selectedList: comparator.selected ? { id: comparator.selected.id, name: comparator.selected.name, members: comparator.selected.members } : null,
    listRefusal: comparator.refusal,
    rows: years.map((fy) => ({
      fiscalYear: fy,
      ...Object.fromEntries([...series, ...nationSeries].map((s) => {
        const t = s.rows.find((r) => r.fiscalYear === fy);
        return [s.key, t ? metricValue(q.metric, t) : null];
      })),
      ...Object.fromEntries(listSeries.map((s) => [s.key, s.values.get(fy) ?? null])),
    })),
    /** each area's figure of each year against the nation's: interval and label (ADR 024) */
    comparisons: Object.fromEntries(
      series.map((s) => [s.key, Object.fromEntries(years.map((fy): [number, AreaFigure] => [fy, areaFigure(q.metric, s.rows.find((r) => r.fiscalYear === fy), nationOf(fy))]))]),
    ) as Record<string, Record<number, AreaFigure>>,
    dataDate,
  };
}
