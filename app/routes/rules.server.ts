import { datasets, type DatasetId } from "~/domain/datasets";
import { exampleColumn } from "~/domain/datasets/template";
import { validationRules, type ValidationRule } from "~/domain/validation-rules";
import { defaultOutlierSettings } from "~/domain/outliers";
import { closedFiscalYearMonths, outlierSettingsFromEnv, worklistSettingsFromEnv } from "~/server/env.server";

const kindLabels: Record<ValidationRule["kind"], string> = { row: "1行の中", period: "期間", fiscalYear: "年度の合計" };
const severityLabels = { error: "エラー（登録できません）", warning: "警告（確認のうえ登録できます）" } as const;
const explanationSeverityLabel = "警告（「説明」を入力すれば登録できます）";

function datasetsOf(rule: ValidationRule): readonly DatasetId[] {
  return rule.kind === "period" ? rule.datasets : [rule.dataset];
}

/** The page ルール一覧: every rule of the rules module, with its datasets, severity and message, and the outlier settings in force. */
export function ruleList() {
  const months = closedFiscalYearMonths();
  return {
    closedFiscalYearMonths: months,
    outliers: { ...defaultOutlierSettings, ...outlierSettingsFromEnv() },
    worklist: worklistSettingsFromEnv(),
    exampleColumn: exampleColumn.header,
    rules: validationRules.map((rule) => ({
      id: rule.id,
      kind: kindLabels[rule.kind],
      datasets: datasetsOf(rule).map((id) => datasets[id].label),
      severity: rule.severity,
      severityLabel: rule.kind === "period" && rule.needsExplanation ? explanationSeverityLabel : severityLabels[rule.severity],
      message: rule.id === "period.closed-fiscal-year" ? `${rule.message}（現在の設定: ${months}か月）` : rule.message,
    })),
  };
}
