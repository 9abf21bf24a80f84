import { formatReportingMonth, type YearMonth } from "./reporting";

// The prefecture's review of a body's month of the monthly figures (ADR 022).

export const reviewStates = ["submitted", "confirmed", "returned"] as const;
export type ReviewState = (typeof reviewStates)[number];

export const reviewStateLabels: Record<ReviewState, string> = {
  submitted: "提出済（未確認）",
  confirmed: "確認済",
  returned: "差戻し",
};

/** What a month without a review row (stored before approval existed) is called. */
export const unrecordedReviewLabel = "確認の記録なし（承認機能の導入前）";

export const reviewDecisions = ["confirm", "return", "reopen"] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];

export const reviewEventActions = ["submit", "confirm", "return", "reopen", "revert"] as const;
export type ReviewEventAction = (typeof reviewEventActions)[number];

export const reviewEventLabels: Record<ReviewEventAction, string> = {
  submit: "提出（アップロードの確定）",
  confirm: "確認",
  return: "差戻し",
  reopen: "再開",
  revert: "アップロードの取消",
};

/** The states a decision starts from; null is a month without a review row. */
export const reviewTransitions: Record<ReviewDecision, { from: readonly (ReviewState | null)[]; to: ReviewState }> = {
  confirm: { from: ["submitted", "returned", null], to: "confirmed" },
  return: { from: ["submitted", null], to: "returned" },
  reopen: { from: ["confirmed"], to: "submitted" },
};

export const reviewCommentMaxLength = 1000;

/** Figures not yet confirmed by the prefecture are shown as 暫定 (with text, never colour alone). */
export const provisionalLabel = "暫定";
export function isProvisional(state: string | null | undefined): boolean {
  return state === "submitted" || state === "returned";
}


/** The refusal of a municipality's change to confirmed months (at preview per row, at commit for the file). */
export function confirmedMonthMessage(months: readonly YearMonth[]): string {
  const shown = months.slice(0, 5).map((m) => formatReportingMonth(m)).join("、");
  const more = months.length > 5 ? `ほか${months.length - 5}か月分` : "";
  return `${shown}${more}は県が確認済みのため変更できません。県に再開を依頼してください`;
}

/** "2026-10" ↔ { year, month } in the review page's URL. */
export function parseReviewMonth(text: string): YearMonth | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}
