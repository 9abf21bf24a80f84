import {
  deliveryFormLabels,
  implementationMethodLabels,
  integratedDeliveryLabels,
  jusouStatusLabels,
  optionalProgramLabels,
  prefectureSupportItemLabels,
  supervisionFormLabels,
  supportStaffRoleLabels,
  cooperationSurveyQuestions,
  publicAssistanceTransferFields,
  publicAssistanceTransferLabels,
} from "../vocabulary";

import { formatFiscalYear } from "../fiscal-year";
import { snakeCaseOf } from "./helpers";
import { monthlyMetricCatalogue } from "../metric-catalogue";
import { findPrefectureByCode } from "../prefectures";

/** Japanese names of stored columns, for the preview's old → new table. */
export const storedColumnLabels: Record<string, string> = {
  local_government_code: "自治体",
  prefecture_code: "都道府県",
  fiscal_year: "年度",
  year: "年",
  month: "月",
  ...Object.fromEntries(monthlyMetricCatalogue.map((m) => [m.column, m.label])),
  program: "事業",
  implemented: "実施",
  delivery_form: "実施形態",
  implementation_method: "実施方法",
  integrated_delivery: "一体的実施",
  status: "状況",
  role: "職種",
  assigned: "配置人数",
  national_training_completed: "国研修（前期）修了者数",
  prefecture_training_completed: "都道府県研修（後期）修了者数",
  certified: "修了証取得者数",
  contacted_on: "実施日",
  form: "形態",
  content: "内容",
  responder: "対応者",
  item: "項目",
  as_of: "基準日",
  population: "人口",
  established: "支援会議",
  jusou_support_meeting: "重層事業の支援会議",
  multi_agency_meeting: "重層的支援会議",
  ...Object.fromEntries(publicAssistanceTransferFields.map((f) => [snakeCaseOf(f), publicAssistanceTransferLabels[f]])),
  ...Object.fromEntries(cooperationSurveyQuestions.flatMap((q) => q.answers.map((a) => [snakeCaseOf(a), `${q.label}: ${q.labels[a]}`]))),
};

const enumLabels: Record<string, Record<string, string>> = {
  program: optionalProgramLabels,
  delivery_form: deliveryFormLabels,
  implementation_method: implementationMethodLabels,
  integrated_delivery: integratedDeliveryLabels,
  status: jusouStatusLabels,
  role: supportStaffRoleLabels,
  form: supervisionFormLabels,
  item: prefectureSupportItemLabels,
};

export function formatStoredValue(column: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "（空欄）";
  if (typeof value === "boolean") return value ? "有" : "無";
  if (column === "prefecture_code") return findPrefectureByCode(String(value))?.name ?? String(value);
  const labels = enumLabels[column];
  if (labels && typeof value === "string") return labels[value] ?? value;
  if (typeof value === "number") return value.toLocaleString("ja-JP");
  return String(value);
}

/** "鳥取市 2025年4月", "鳥取県 令和3年度（2021） 相談支援員" … from a stored row key. */
export function describeRowKey(key: Record<string, unknown>, bodyNames: Record<string, string>): string {
  const parts: string[] = [];
  if (typeof key.local_government_code === "string") parts.push(bodyNames[key.local_government_code] ?? key.local_government_code);
  if (typeof key.prefecture_code === "string") parts.push(formatStoredValue("prefecture_code", key.prefecture_code));
  if (typeof key.year === "number" && typeof key.month === "number") parts.push(`${key.year}年${key.month}月`);
  if (typeof key.fiscal_year === "number") parts.push(formatFiscalYear(key.fiscal_year));
  for (const column of ["program", "role", "item", "form"]) if (typeof key[column] === "string") parts.push(formatStoredValue(column, key[column]));
  for (const column of ["as_of", "contacted_on"]) if (typeof key[column] === "string") parts.push(String(key[column]));
  return parts.join(" ");
}
