// The prefecture's worklist (要フォロー, ADR 025): one declarative rule per kind of item. A rule says
// what its facts are, why the item needs attention (Japanese, shown in the row), where to act, and
// which of its facts are its cause: a 対応済 mark holds while the cause is unchanged within the
// fiscal year. The facts come from `worklistSources` in db/queries/worklist.ts (one query per rule).
// To add a rule: add it to `worklistRuleIds`, give it an entry in `worklistRules` here and a source there.
import { formatFiscalYear } from "./fiscal-year";
import { formatReportingMonthKey } from "./reporting";
import { optionalProgramLabels, type OptionalProgram } from "./vocabulary";
import type { ComparedFigureKey } from "./compared-figures";
import { employmentOrIncomeRateSpec, perPopulationAverageSpecs, type DerivedMetricSpec } from "./metric-catalogue";

const figureSpecOf = (key: ComparedFigureKey): DerivedMetricSpec => (key === "employmentOrIncomeRate" ? employmentOrIncomeRateSpec : perPopulationAverageSpecs[key]);

export const worklistRuleIds = [
  "returned_report",
  "late_report",
  "flag_waiting",
  "program_not_implemented",
  "no_supervision",
  "certificate_gap",
  "no_support_meeting",
  "significantly_worse",
] as const;
export type WorklistRuleId = (typeof worklistRuleIds)[number];

/** The facts of one item, as its source query returns them. */
export type WorklistFacts = {
  returned_report: { months: string[]; comment: string | null };
  late_report: { months: string[] };
  flag_waiting: { uploadId: number; fileName: string; flagged: number };
  program_not_implemented: { program: OptionalProgram; fiscalYear: number };
  no_supervision: { lastContact: string | null; months: number };
  certificate_gap: { fiscalYear: number; assigned: number; certified: number };
  no_support_meeting: { fiscalYear: number };
  significantly_worse: { fiscalYear: number; metric: ComparedFigureKey; comparator: "target" | "peers"; value: number; lower: number; upper: number; benchmark: number };
};

export type WorklistFact<R extends WorklistRuleId = WorklistRuleId> = { rule: R; code: string; name: string; facts: WorklistFacts[R] };

type WorklistRule<R extends WorklistRuleId> = {
  /** the heading of the rule's rows */
  label: string;
  /** what distinguishes two items of the rule for the same body ("" when one item per body) */
  subject: (facts: WorklistFacts[R]) => string;
  /** the facts whose change reopens an item marked 対応済 */
  cause: (facts: WorklistFacts[R]) => string;
  why: (facts: WorklistFacts[R]) => string;
  action: (facts: WorklistFacts[R], at: { prefectureCode: string; bodyCode: string }) => { href: `/${string}`; label: string };
};

const monthIndex = (key: string) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7));

/** 「2026年4月分〜2026年10月分」 for a run of three or more consecutive months, else each month joined by ・. */
function monthList(months: readonly string[]): string {
  const runs: string[][] = [];
  for (const m of months) {
    const run = runs.at(-1);
    if (run && monthIndex(m) === monthIndex(run.at(-1)!) + 1) run.push(m);
    else runs.push([m]);
  }
  return runs
    .map((run) => (run.length >= 3 ? `${formatReportingMonthKey(run[0]!)}〜${formatReportingMonthKey(run.at(-1)!)}` : run.map((m) => formatReportingMonthKey(m)).join("・")))
    .join("・");
}

/** The settings a rule reads (shown on /rules); the defaults are ADR 025's. */
export type WorklistSettings = { supervisionGapMonths: number };
export const defaultWorklistSettings: WorklistSettings = { supervisionGapMonths: 6 };

/** The programs of 努力義務 (法第7条第1項, since 2018) whose absence the worklist raises. */
export const effortObligationPrograms = ["employment_preparation", "household_budget"] as const satisfies readonly OptionalProgram[];

export const worklistRules: { [R in WorklistRuleId]: WorklistRule<R> } = {
  returned_report: {
    label: "差戻し中の月次報告",
    subject: () => "",
    cause: (f) => f.months.join(","),
    why: (f) => `${monthList(f.months)}を差し戻したまま、再提出されていません${f.comment ? `（差戻しの理由: ${f.comment}）` : ""}`,
    action: (f, at) => ({ href: `/municipalities/${at.bodyCode}/review/${f.months[0]}`, label: "月の確認を開く" }),
  },
  late_report: {
    label: "期限を過ぎた月次報告",
    subject: () => "",
    cause: (f) => f.months.join(","),
    why: (f) => `${monthList(f.months)}（${f.months.length}か月）が提出期限を過ぎても未提出です`,
    action: (_f, at) => ({ href: `/prefectures/${at.prefectureCode}/submissions`, label: "提出状況と督促" }),
  },
  flag_waiting: {
    label: "説明待ちの警告値",
    subject: (f) => String(f.uploadId),
    cause: (f) => String(f.uploadId),
    why: (f) => `アップロード「${f.fileName}」の${f.flagged}件の値が過去の値から外れており、説明がないため確定されていません`,
    action: (f) => ({ href: `/uploads/${f.uploadId}`, label: `アップロード #${f.uploadId} を開く` }),
  },
  program_not_implemented: {
    label: "努力義務の事業の未実施",
    subject: (f) => f.program,
    cause: (f) => String(f.fiscalYear),
    why: (f) => `${formatFiscalYear(f.fiscalYear)}に${optionalProgramLabels[f.program]}（努力義務）を実施していません`,
    action: (f, at) => ({ href: `/municipalities/${at.bodyCode}?fy=${f.fiscalYear}`, label: "実施主体のページ" }),
  },
  no_supervision: {
    label: "スーパーバイズの間隔",
    subject: () => "",
    cause: (f) => f.lastContact ?? "none",
    why: (f) => (f.lastContact ? `最後のスーパーバイズ（${f.lastContact}）から${f.months}か月以上、連絡がありません` : `スーパーバイズの記録がありません（${f.months}か月以上）`),
    action: (_f, at) => ({ href: `/prefectures/${at.prefectureCode}/supervision`, label: "スーパーバイズを記録する" }),
  },
  certificate_gap: {
    label: "修了証の不足",
    subject: () => "",
    cause: (f) => `${f.fiscalYear}:${f.certified}/${f.assigned}`,
    why: (f) => `${formatFiscalYear(f.fiscalYear)}、3職種の配置${f.assigned}人のうち修了証は${f.certified}人です（${f.assigned - f.certified}人不足）`,
    action: (_f, at) => ({ href: `/prefectures/${at.prefectureCode}/training`, label: "研修の状況" }),
  },
  // a prompt, not a fault (issue 18): 支援会議 (法第9条) is set up at the body's discretion
  no_support_meeting: {
    label: "支援会議（法第9条）の未設置",
    subject: () => "",
    cause: (f) => String(f.fiscalYear),
    why: (f) => `${formatFiscalYear(f.fiscalYear)}の回答で支援会議を設置していません。設置の予定や課題を確認してください`,
    action: (_f, at) => ({ href: `/prefectures/${at.prefectureCode}/cooperation`, label: "連携の状況" }),
  },
  // the labels of ADR 024 (95% interval): below the 目安値 only when the upper limit is below it, worse
  // than the peer group only when its pooled figure lies outside the interval on the bad side
  significantly_worse: {
    label: "目安値・類似団体より有意に低い指標",
    subject: (f) => `${f.metric}:${f.comparator}`,
    cause: (f) => String(f.fiscalYear),
    why: (f) => {
      const spec = figureSpecOf(f.metric);
      const figure = `${formatFiscalYear(f.fiscalYear)}の${spec.label}は${spec.format(f.value)}（95%信頼区間 ${spec.format(f.lower)}〜${spec.format(f.upper)}）で`;
      return f.comparator === "target"
        ? `${figure}、目安値${spec.format(f.benchmark)}を有意に下回っています`
        : `${figure}、類似団体（同じ種類で人口の近い5団体）の${spec.format(f.benchmark)}より有意に悪い値です`;
    },
    action: (f, at) => ({ href: `/municipalities/${at.bodyCode}?fy=${f.fiscalYear}#compared-figures`, label: "実施主体の比較を見る" }),
  },
};

/** A resolution as stored: which item, for which cause, in which fiscal year. */
export type WorklistMark = { rule: string; code: string; subject: string; cause: string; fiscalYear: number; why: string; note: string; resolvedAt: string; resolvedBy: string | null };

export type WorklistItem = {
  rule: WorklistRuleId;
  ruleLabel: string;
  code: string;
  name: string;
  subject: string;
  cause: string;
  why: string;
  href: `/${string}`;
  hrefLabel: string;
  /** the 対応済 mark that holds for this item, if any */
  resolved: { note: string; resolvedAt: string; resolvedBy: string | null } | null;
};

function itemOf<R extends WorklistRuleId>(fact: WorklistFact<R>, prefectureCode: string): Omit<WorklistItem, "resolved"> {
  const rule = worklistRules[fact.rule] as WorklistRule<R>;
  const action = rule.action(fact.facts, { prefectureCode, bodyCode: fact.code });
  return {
    rule: fact.rule,
    ruleLabel: rule.label,
    code: fact.code,
    // a prefecture's code is XX000 + check digit: as an implementing body it is its 郡部
    name: /^\d{2}000\d$/.test(fact.code) ? `${fact.name}（郡部）` : fact.name,
    subject: rule.subject(fact.facts),
    cause: rule.cause(fact.facts),
    why: rule.why(fact.facts),
    href: action.href,
    hrefLabel: action.label,
  };
}

/** The identity of an item across page loads (rule, body, subject). */
export const worklistItemKey = (i: { rule: string; code: string; subject: string }) => `${i.rule}:${i.code}:${i.subject}`;

/**
 * The worklist: every fact as an item, in the order of `worklistRuleIds`, then by body code. An item
 * is 対応済 when a mark of the same fiscal year has the same rule, body, subject and cause; a mark of
 * another cause (the late months grew, a new upload was flagged) or of an earlier year does not hold.
 */
export function buildWorklist(facts: readonly WorklistFact[], marks: readonly WorklistMark[], at: { prefectureCode: string; fiscalYear: number }): WorklistItem[] {
  const holding = new Map<string, WorklistMark>();
  for (const m of marks) if (m.fiscalYear === at.fiscalYear) holding.set(`${worklistItemKey(m)}#${m.cause}`, m);
  return facts
    .map((f) => {
      const item = itemOf(f, at.prefectureCode);
      const mark = holding.get(`${worklistItemKey(item)}#${item.cause}`);
      return { ...item, resolved: mark ? { note: mark.note, resolvedAt: mark.resolvedAt, resolvedBy: mark.resolvedBy } : null };
    })
    .sort((a, b) => worklistRuleIds.indexOf(a.rule) - worklistRuleIds.indexOf(b.rule) || a.code.localeCompare(b.code) || a.subject.localeCompare(b.subject));
}

export const worklistNoteMaxLength = 500;

/** The heading of a stored mark's rule (a rule removed since is shown as stored). */
export function worklistRuleLabel(rule: string): string {
  return (worklistRuleIds as readonly string[]).includes(rule) ? worklistRules[rule as WorklistRuleId].label : rule;
}
