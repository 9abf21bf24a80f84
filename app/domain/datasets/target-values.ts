import { monthlyMetricLabels } from "../vocabulary";
import { fiscalYearStart } from "../fiscal-year";
import { decimalCell, fiscalYearCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

export const targetValuesDataset: DatasetDefinition = {
  id: "target_values",
  label: "目安値",
  description: "国が示す年度ごとの目安値（人口10万人あたり・月あたり）。厚生労働省だけが登録します。",
  uploadRoles: ["mhlw"],
  bodyMode: "none",
  columns: [
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2015" }),
    column("newConsultations", monthlyMetricLabels.newConsultations, decimalCell, { aliases: ["新規相談", "new_consultations"], description: "10万人あたり月", example: "20" }),
    column("plansCreated", monthlyMetricLabels.plansCreated, decimalCell, { aliases: ["プラン作成", "plans_created"], description: "10万人あたり月", example: "10" }),
    column("employmentSupportTargets", monthlyMetricLabels.employmentSupportTargets, decimalCell, { aliases: ["就労支援対象", "employment_support_targets"], description: "10万人あたり月", example: "6" }),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values) => [
    {
      key: { fiscal_year: values.fiscalYear as number },
      values: {
        new_consultations: values.newConsultations as number,
        plans_created: values.plansCreated as number,
        employment_support_targets: values.employmentSupportTargets as number,
      },
    },
  ],
  templateRows: [["2015", "20", "10", "6"]],
};
