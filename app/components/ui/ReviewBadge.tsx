import { formatNumber } from "~/domain/format";
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

/** Above aggregate figures: how many body-months in them their prefectures have not yet confirmed (ADR 022). */
export function ProvisionalNotice({ months, prefectures }: { months: number; prefectures: number }) {
  if (months === 0) return null;
  return (
    <p className="notice" role="status" id="provisional-notice">
      <span className="badge badge--provisional">{provisionalLabel}</span> この年度の数値には、都道府県がまだ確認していない月（提出済（未確認）・差戻し）が
      {formatNumber(months)}件（実施主体×月、{formatNumber(prefectures)}都道府県）含まれます。確定後に変わることがあります。
    </p>
  );
}
