import type { DatasetId, RowIssue } from "./datasets/types";
import { fiscalYearOfDate, fiscalYearOfMonth } from "./fiscal-year";
import { monthlyMetricCatalogue } from "./metric-catalogue";
import { cooperationSurveyQuestions } from "./vocabulary";

// Every rule an upload is checked by beyond its cells, in one place: the rules across the columns of
// a row, the period rules and the rules over a body's fiscal year. The upload pipeline applies them
// (app/server/uploads) and the page ルール一覧 (/rules) lists them from here.

export type RuleSeverity = "error" | "warning";
type Values = Record<string, unknown>;

/** A rule on one row's parsed values, asked only when every cell of the row parsed. */
export type RowRule = {
  id: string;
  kind: "row";
  dataset: DatasetId;
  severity: RuleSeverity;
  /** the column key the message points at */
  column: string;
  message: string;
  /** the message naming this row's values, when the general one is not enough */
  messageFor?: (values: Values) => string;
  violated: (values: Values) => boolean;
};

/** What "today" and the settings are for the period rules (today in Japan, injected so tests set the clock). */
export type PeriodContext = { today: string; closedFiscalYearMonths: number };

/** A rule on the period a row is about (its month, or its fiscal year). */
export type PeriodRule = {
  id: string;
  kind: "period";
  datasets: readonly DatasetId[];
  severity: RuleSeverity;
  message: string;
  /** a warning that can be committed only with an explanation (ADR 018) */
  needsExplanation?: boolean;
};

/** A rule on the totals of a body's fiscal year: the file's months with the months already stored. */
export type FiscalYearRule = {
  id: string;
  kind: "fiscalYear";
  dataset: "monthly_support";
  severity: RuleSeverity;
  message: string;
  /** the total of `part` may not exceed the total of `whole` (metric keys of the monthly catalogue) */
  part: string;
  whole: string;
};

export type ValidationRule = RowRule | PeriodRule | FiscalYearRule;

const n = (v: unknown) => v as number;
const metricLabel = (key: string) => monthlyMetricCatalogue.find((m) => m.key === key)!.label;
const metricColumn = (key: string) => monthlyMetricCatalogue.find((m) => m.key === key)!.column;

/** The month a monthly row is about: 年月, or 年度 and 月. */
export function monthOfRow(values: Values): { year: number; month: number } | null {
  const ym = values.yearMonth as { year: number; month: number } | null;
  if (ym) return ym;
  const fy = values.fiscalYear as number | null;
  const month = values.month as number | null;
  if (fy === null || fy === undefined || month === null || month === undefined) return null;
  return { year: month >= 4 ? fy : fy + 1, month };
}

const yearMonthOf = (values: Values) => values.yearMonth as { year: number; month: number } | null;
const programsWithIntegratedDelivery = ["employment_preparation", "household_budget"];

export const rowRules: readonly RowRule[] = [
  {
    id: "monthly.fiscal-year-given",
    kind: "row",
    dataset: "monthly_support",
    severity: "error",
    column: "fiscalYear",
    message: "年月、または年度と月を入力してください",
    violated: (v) => !yearMonthOf(v) && v.fiscalYear === null,
  },
  {
    id: "monthly.month-given",
    kind: "row",
    dataset: "monthly_support",
    severity: "error",
    column: "month",
    message: "年月、または年度と月を入力してください",
    violated: (v) => !yearMonthOf(v) && v.fiscalYear !== null && v.month === null,
  },
  {
    id: "monthly.year-month-in-fiscal-year",
    kind: "row",
    dataset: "monthly_support",
    severity: "error",
    column: "fiscalYear",
    message: "年月と年度が一致しません",
    messageFor: (v) => {
      const ym = yearMonthOf(v)!;
      return `年月（${ym.year}年${ym.month}月）は${fiscalYearOfMonth(ym.year, ym.month)}年度です`;
    },
    violated: (v) => {
      const ym = yearMonthOf(v);
      return ym !== null && v.fiscalYear !== null && fiscalYearOfMonth(ym.year, ym.month) !== v.fiscalYear;
    },
  },
  {
    id: "monthly.year-month-month",
    kind: "row",
    dataset: "monthly_support",
    severity: "error",
    column: "month",
    message: "年月の月と「月」の列が一致しません",
    messageFor: (v) => `年月の月（${yearMonthOf(v)!.month}月）と一致しません`,
    violated: (v) => {
      const ym = yearMonthOf(v);
      return ym !== null && v.month !== null && v.month !== ym.month;
    },
  },
  {
    id: "monthly.employed-within-targets",
    kind: "row",
    dataset: "monthly_support",
    severity: "warning",
    column: "employed",
    message: "就労者数と増収者数の合計が就労支援対象者数を上回っています",
    violated: (v) => n(v.employed) + n(v.increasedIncome) > n(v.employmentSupportTargets),
  },
  {
    id: "staff.certified-within-assigned",
    kind: "row",
    dataset: "staff_training",
    severity: "warning",
    column: "certified",
    message: "修了証取得者数が配置人数を上回っています",
    violated: (v) => n(v.certified) > n(v.assigned),
  },
  {
    id: "staff.national-training-within-assigned",
    kind: "row",
    dataset: "staff_training",
    severity: "warning",
    column: "nationalTrainingCompleted",
    message: "国研修（前期）修了者数が配置人数を上回っています",
    violated: (v) => n(v.nationalTrainingCompleted) > n(v.assigned),
  },
  {
    id: "staff.certified-within-both-trainings",
    kind: "row",
    dataset: "staff_training",
    severity: "warning",
    column: "certified",
    message: "修了証取得者数が前期・後期の両方の修了者数を上回っています",
    violated: (v) => n(v.certified) > Math.min(n(v.nationalTrainingCompleted), n(v.prefectureTrainingCompleted)),
  },
  {
    id: "optional.delivery-form-when-implemented",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "deliveryForm",
    message: "実施が「有」のときは実施形態を入力してください",
    violated: (v) => v.implemented === "yes" && v.deliveryForm === null,
  },
  {
    id: "optional.method-when-implemented",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "implementationMethod",
    message: "実施が「有」のときは実施方法を入力してください",
    violated: (v) => v.implemented === "yes" && v.implementationMethod === null,
  },
  {
    id: "optional.no-delivery-form-when-not-implemented",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "deliveryForm",
    message: "実施が「無」のときは空欄にしてください",
    violated: (v) => v.implemented !== "yes" && v.deliveryForm !== null,
  },
  {
    id: "optional.no-method-when-not-implemented",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "implementationMethod",
    message: "実施が「無」のときは空欄にしてください",
    violated: (v) => v.implemented !== "yes" && v.implementationMethod !== null,
  },
  {
    id: "optional.integrated-delivery-programs",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "integratedDelivery",
    message: "一体的実施は就労準備支援事業と家計改善支援事業だけに入力します",
    violated: (v) => v.integratedDelivery !== null && !programsWithIntegratedDelivery.includes(v.program as string),
  },
  {
    id: "optional.integrated-delivery-when-implemented",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "integratedDelivery",
    message: "実施が「有」なのに生活困窮者向けを実施しない区分になっています",
    violated: (v) =>
      programsWithIntegratedDelivery.includes(v.program as string) &&
      v.implemented === "yes" &&
      (v.integratedDelivery === "recipients_only" || v.integratedDelivery === "not_implemented"),
  },
  {
    id: "optional.integrated-delivery-when-not-implemented",
    kind: "row",
    dataset: "optional_programs",
    severity: "error",
    column: "integratedDelivery",
    message: "実施が「無」なのに生活困窮者向けを実施する区分になっています",
    violated: (v) =>
      programsWithIntegratedDelivery.includes(v.program as string) &&
      v.implemented !== "yes" &&
      ["integrated", "both_not_integrated", "needy_only"].includes(v.integratedDelivery as string),
  },
  ...cooperationSurveyQuestions.flatMap((q): RowRule[] => {
    const none = q.answers.find((a) => a === "practiceNoneNeeded" || a === "issueNoIssue")!;
    return [
      {
        id: `cooperation-survey.${q.key}-answered`,
        kind: "row",
        dataset: "cooperation_survey",
        severity: "error",
        column: q.answers[0],
        message: `「${q.label}」の回答がありません。少なくとも1つの列に ○ を付けてください（「${q.labels[none]}」も回答です）`,
        violated: (v) => q.answers.every((a) => v[a] !== true),
      },
      {
        id: `cooperation-survey.${q.key}-none-alone`,
        kind: "row",
        dataset: "cooperation_survey",
        severity: "error",
        column: none,
        message: `「${q.label}」で「${q.labels[none]}」と他の回答を同時に選んでいます。どちらかにしてください`,
        violated: (v) => v[none] === true && q.answers.some((a) => a !== none && v[a] === true),
      },
    ];
  }),
  {
    id: "support-meeting.jusou-meetings-need-answer",
    kind: "row",
    dataset: "support_meeting",
    severity: "warning",
    column: "multiAgencyMeeting",
    message: "重層事業の支援会議と重層的支援会議は、片方だけでなく両方を書いてください（重層事業を実施していなければ両方空欄）",
    violated: (v) => (v.jusouSupportMeeting === null) !== (v.multiAgencyMeeting === null),
  },
];

/** The datasets whose rows report on a period (目安値 may be set ahead; supervision and population carry dates). */
const reportingDatasets = [
  "monthly_support",
  "optional_programs",
  "jusou",
  "staff_training",
  "prefecture_support",
  "support_meeting",
  "public_assistance_transfers",
  "cooperation_survey",
] as const satisfies readonly DatasetId[];

export const periodRules = {
  future: {
    id: "period.not-in-future",
    kind: "period",
    datasets: reportingDatasets,
    severity: "error",
    message: "まだ来ていない月・年度のデータは登録できません（日本時間の今日が基準です）",
  },
  closedFiscalYear: {
    id: "period.closed-fiscal-year",
    kind: "period",
    datasets: [...reportingDatasets, "target_values"],
    severity: "warning",
    needsExplanation: true,
    message: "締めてから一定の月数（設定 CLOSED_FISCAL_YEAR_MONTHS、既定6か月）を過ぎた年度の登録済みの数値を変更します。確定するには変更の理由を「説明」に入力します",
  },
} as const satisfies Record<string, PeriodRule>;

export const fiscalYearRules: readonly FiscalYearRule[] = [
  {
    id: "monthly.plans-within-new-consultations",
    kind: "fiscalYear",
    dataset: "monthly_support",
    severity: "warning",
    message: "年度の合計で、プラン作成件数が新規相談受付件数を上回っています（登録済みの月も合わせて数えます）",
    part: "plansCreated",
    whole: "newConsultations",
  },
];

export const validationRules: readonly ValidationRule[] = [...rowRules, ...Object.values(periodRules), ...fiscalYearRules];

/** The row rules of a dataset, applied in order; a violated rule gives an issue at its column. */
export function checkRowRules(dataset: DatasetId, values: Values): { errors: RowIssue[]; warnings: RowIssue[] } {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  for (const rule of rowRules) {
    if (rule.dataset !== dataset || !rule.violated(values)) continue;
    (rule.severity === "error" ? errors : warnings).push({ column: rule.column, message: rule.messageFor?.(values) ?? rule.message });
  }
  return { errors, warnings };
}

const futureCheckedDatasets: ReadonlySet<DatasetId> = new Set(periodRules.future.datasets);

/** The period a row reports on, for the period rules: its month (monthly rows) or its fiscal year. */
function periodOfRow(dataset: DatasetId, values: Values): { fiscalYear: number; month: { year: number; month: number } | null } | null {
  if (!futureCheckedDatasets.has(dataset)) return null;
  // a row with a month (年月, or 年度 and 月) reports on that month, any other on its fiscal year
  const month = monthOfRow(values);
  if (month) return { fiscalYear: fiscalYearOfMonth(month.year, month.month), month };
  return typeof values.fiscalYear === "number" ? { fiscalYear: values.fiscalYear, month: null } : null;
}

/** A row about a month after the current one (or a fiscal year after the current one) is an error. */
export function checkPeriod(dataset: DatasetId, values: Values, today: string): RowIssue | null {
  const period = periodOfRow(dataset, values);
  if (!period) return null;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (period.month) {
    if (period.month.year * 12 + period.month.month <= year * 12 + month) return null;
    return {
      column: values.yearMonth ? "yearMonth" : "month",
      message: `${period.month.year}年${period.month.month}月はまだ来ていません（今日は${year}年${month}月${Number(today.slice(8, 10))}日）。未来の月のデータは登録できません`,
    };
  }
  if (period.fiscalYear <= fiscalYearOfDate(today)) return null;
  return { column: "fiscalYear", message: `${period.fiscalYear}年度はまだ始まっていません（今年度は${fiscalYearOfDate(today)}年度）。未来の年度のデータは登録できません` };
}

/**
 * The latest fiscal year closed more than `months` months ago: a fiscal year closes at the end of
 * March, so with 6, FY2025 (closed 31 March 2026) counts from 1 October 2026 on.
 */
export function lastLongClosedFiscalYear(context: PeriodContext): number {
  const [year, month] = context.today.split("-").map(Number) as [number, number];
  const monthsSinceClose = (fy: number) => year * 12 + month - ((fy + 1) * 12 + 3);
  let fy = fiscalYearOfDate(context.today) - 1;
  while (monthsSinceClose(fy) <= context.closedFiscalYearMonths) fy--;
  return fy;
}

export function closedFiscalYearMessage(fiscalYear: number, months: number): string {
  return `${fiscalYear}年度は締めてから${months}か月を過ぎています。登録済みの数値を変更する行です（変更が正しいか確かめ、確定するときは理由を「説明」に入力してください）`;
}

export function fiscalYearRuleMessage(rule: FiscalYearRule, fiscalYear: number, part: number, whole: number): string {
  return `${fiscalYear}年度の合計で、${metricLabel(rule.part)}（${part}件）が${metricLabel(rule.whole)}（${whole}件）を上回っています（登録済みの月も合わせて数えます）`;
}

/** The stored column names of a fiscal-year rule's two figures. */
export function fiscalYearRuleColumns(rule: FiscalYearRule): { part: string; whole: string } {
  return { part: metricColumn(rule.part), whole: metricColumn(rule.whole) };
}
