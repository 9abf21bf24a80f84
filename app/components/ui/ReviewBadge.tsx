import { isProvisional, provisionalLabel, reviewStateLabels, type ReviewState } from "~/domain/review-states";

/**
 * 「暫定」 beside figures the prefecture has not confirmed (ADR 022): a word, not a colour alone. For one
 * month give its state; for a body's year give how many of its months are unconfirmed.
 */
export function ProvisionalBadge({ state, months }: { state?: string | null; months?: number }) {
  if (months !== undefined) {
    if (months === 0) return null;
    return (
      <>
        <span className="badge badge--provisional">{provisionalLabel}</span> 未確認{months}か月
      </>
    );
  }
  if (!isProvisional(state)) return null;
  return (
    <span className="badge badge--provisional">
      {provisionalLabel}
      <span className="visually-hidden">（{reviewStateLabels[state as ReviewState]}）</span>
    </span>
  );
}
