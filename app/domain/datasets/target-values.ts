import { monthlyMetricCatalogue } from "../metric-catalogue";
import { fiscalYearStart } from "../fiscal-year";
import { decimalCell, fiscalYearCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

/** The metrics MHLW sets a 目安値 for, per 10万人 per month. */
const targetMetrics = monthlyMetricCatalogue.flatMap((m) => (m.targetValue === false ? [] : [{ ...m, example: m.targetValue.example }]));

export const targetValuesDataset: DatasetDefinition = {
  id: "target_values",
  label: "目安値",
  description: "国が示す年度ごとの目安値（人口10万人あたり・月あたり）。厚生労働省だけが登録します。",
  uploadRoles: ["mhlw"],
  bodyMode: "none",
  columns: [
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2015" }),
    ...targetMetrics.map((m) =>
      column(m.key, m.label, decimalCell, { aliases: [m.shortLabel, m.column], description: "10万人あたり月", example: m.example }),
    ),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values) => [
    {
      key: { fiscal_year: values.fiscalYear as number },
      values: Object.fromEntries(targetMetrics.map((m) => [m.column, values[m.key] as number])),
    },
  ],
  templateRows: [["2015", ...targetMetrics.map((m) => m.example)]],
};
