import { MonthlyUploadLinks } from "~/components/ui/MonthlyUploadLinks";
import type { SubmissionState } from "~/domain/reporting";
import { submissionStateLabels } from "~/domain/vocabulary";
import { useFormat } from "~/components/shell/format-context";

export type BodyReportingStatusData = { month: string; deadline: string; state: SubmissionState };

/** What the body's own staff have to report now (their landing page): the month now due, its deadline and state. */
export function BodyReportingStatus({ status }: { status: BodyReportingStatusData }) {
  const format = useFormat();
  const submitted = status.state === "on_time" || status.state === "late";
  const stateText = status.state === "not_yet_due" ? "未提出（期限前）" : status.state === "not_submitted" ? "未提出（期限を過ぎています）" : submissionStateLabels[status.state];
  return (
    <section className={submitted ? "notice notice--ok" : "notice"} aria-labelledby="reporting-status-title" id="reporting-status">
      <h2 id="reporting-status-title">月次支援状況の提出</h2>
      <p>
        {format.reportingMonth(status.month)}（提出期限 {format.date(status.deadline)}）: <strong>{stateText}</strong>
      </p>
      {submitted ? null : (
        <MonthlyUploadLinks />
      )}
    </section>
  );
}
