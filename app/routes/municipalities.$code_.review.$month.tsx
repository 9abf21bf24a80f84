import { MetricLabel } from "~/components/ui/MetricLabel";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { SavedNotice, SubmitButton } from "~/components/ui/ConfirmAction";
import { DataTable } from "~/components/ui/DataTable";
import { ProvisionalBadge } from "~/components/ui/ReviewBadge";
import { requireBodyPage } from "~/server/auth/page-guards.server";
import { parseQuery } from "~/server/pages/query-params";
import { formatNumber } from "~/domain/format";
import { reviewCommentMaxLength, reviewEventLabels, reviewStateLabels, reviewTransitions, unrecordedReviewLabel, type ReviewEventAction, type ReviewState } from "~/domain/review-states";
import { formatReportingMonth } from "~/domain/reporting";
import { loadReviewPage, monthFromParams, reviewAction, reviewPageQuery } from "./municipalities.$code_.review.$month.server";
import { dateStyleOfMatches, useFormat } from "~/components/shell/format-context";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${data ? `${data.body.name} ${formatReportingMonth(data.month, dateStyleOfMatches(matches))}の確認` : "月次の確認"} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, body } = await requireBodyPage(request, params);
  const month = monthFromParams(params);
  return { body, ...(await loadReviewPage(await getDb(), user, body, month, parseQuery(reviewPageQuery, request))) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, body } = await requireBodyPage(request, params);
  const month = monthFromParams(params);
  const clientAddress = (context as { clientAddress?: string | null }).clientAddress ?? null;
  return reviewAction(await getDb(), { ...user, clientAddress }, body, month, request);
}

const stateLabel = (state: string | null | undefined) => (state ? (reviewStateLabels[state as ReviewState] ?? state) : unrecordedReviewLabel);
const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : "±0");

export default function ReviewMonthPage() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const monthLabel = format.reportingMonth(d.month);
  const state = (d.review?.state ?? null) as ReviewState | null;
  const may = (decision: keyof typeof reviewTransitions) => d.submitted && reviewTransitions[decision].from.includes(state);
  const version = d.review?.version ?? 0;
  return (
    <>
      <p>
        <Link to={`/prefectures/${d.body.prefectureCode}`}>{d.body.prefectureName}</Link> ＞ <Link to={`/municipalities/${d.body.code}`}>{d.body.name}</Link> ＞ {monthLabel}の確認
      </p>
      <h1>
        {d.body.name} {monthLabel}の確認
      </h1>
      <SavedNotice message={d.doneMessage} />
      <dl className="facts">
        <dt>状態</dt>
        <dd id="review-state">
          {d.submitted ? stateLabel(state) : "未提出"}
          <ProvisionalBadge state={state} />
        </dd>
        {d.review?.comment ? (
          <>
            <dt>{state === "returned" ? "差戻しのコメント" : "コメント"}</dt>
            <dd id="review-comment">{d.review.comment}</dd>
          </>
        ) : null}
        {d.upload ? (
          <>
            <dt>アップロード</dt>
            <dd>
              <Link to={`/uploads/${d.upload.id}`}>{d.upload.fileName}</Link>（{d.upload.userName ?? "－"}、{d.upload.committedAt ? format.dateTime(d.upload.committedAt) : "－"}）
            </dd>
            <dt>説明</dt>
            <dd>{d.upload.explanation ?? "（説明はありません）"}</dd>
          </>
        ) : null}
      </dl>

      {d.submitted ? (
        <DataTable
          id="review-figures"
          caption={`${d.body.name}の${monthLabel}と前年同月`}
          fileName={`${d.body.name}_${d.month.year}-${d.month.month}_確認.csv`}
          rows={d.figures}
          columns={[
            { key: "label", label: "項目", rowHeader: true, value: (f) => f.label, render: (f) => <MetricLabel metric={f.key} /> },
            { key: "value", label: monthLabel, numeric: true, value: (f) => f.value },
            { key: "lastYear", label: `前年同月（${format.month({ year: d.month.year - 1, month: d.month.month })}）`, numeric: true, value: (f) => f.lastYear, render: (f) => (f.lastYear === null ? "未提出" : formatNumber(f.lastYear)) },
            { key: "change", label: "前年同月との差", numeric: true, value: (f) => f.change, render: (f) => (f.change === null ? "－" : signed(f.change)) },
          ]}
        />
      ) : (
        <p role="status">{monthLabel}のデータはまだ提出されていません。</p>
      )}

      <h2>アップロード時の注意（外れ値など）</h2>
      {d.warnings.length > 0 ? (
        <ul>
          {d.warnings.map((w, i) => (
            <li key={i}>
              {w.column}「{w.value}」: {w.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p>{d.upload ? "この自治体についての注意はありません。" : "アップロードの記録がありません。"}</p>
      )}
      {d.upload && d.otherWarnings > d.warnings.length ? (
        <p>
          このアップロードの注意はほかにもあります（全{formatNumber(d.otherWarnings)}件）。<Link to={`/uploads/${d.upload.id}`}>アップロードの詳細</Link>で確かめてください。
        </p>
      ) : null}

      {d.canReview && d.submitted ? (
        <section aria-labelledby="decide-title">
          <h2 id="decide-title">確認・差戻し</h2>
          {actionData?.formError ? (
            <div className="error-summary" role="alert">
              <p>{actionData.formError}</p>
            </div>
          ) : null}
          <div className="review-decisions">
            {may("confirm") ? (
              <Form method="post">
                <input type="hidden" name="intent" value="confirm" />
                <input type="hidden" name="version" value={version} />
                <SubmitButton pendingLabel="処理しています…">確認する</SubmitButton>
                <p className="kpi__note">確認済みの月は市町村が変更できなくなります（変更には再開が必要です）。</p>
              </Form>
            ) : null}
            {may("return") ? (
              <Form method="post">
                <input type="hidden" name="intent" value="return" />
                <input type="hidden" name="version" value={version} />
                <label htmlFor="return-comment">差し戻す理由（市町村の画面に表示されます。必須）</label>
                <textarea id="return-comment" name="comment" rows={3} maxLength={reviewCommentMaxLength} required />
                <SubmitButton className="button button--secondary" pendingLabel="処理しています…">
                  差し戻す
                </SubmitButton>
              </Form>
            ) : null}
            {may("reopen") ? (
              <Form method="post">
                <input type="hidden" name="intent" value="reopen" />
                <input type="hidden" name="version" value={version} />
                <label htmlFor="reopen-comment">再開する理由（監査ログに記録されます。必須）</label>
                <textarea id="reopen-comment" name="comment" rows={2} maxLength={reviewCommentMaxLength} required />
                <SubmitButton className="button button--secondary" pendingLabel="処理しています…">
                  再開する
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}

      <h2>確認の履歴</h2>
      {d.events.length > 0 ? (
        <DataTable
          id="review-history"
          caption={`${d.body.name} ${monthLabel}の確認の履歴`}
          fileName={`${d.body.name}_${d.month.year}-${d.month.month}_確認の履歴.csv`}
          rows={d.events}
          columns={[
            { key: "at", label: "日時", rowHeader: true, value: (e) => e.at, render: (e) => format.dateTime(e.at) },
            { key: "action", label: "操作", value: (e) => reviewEventLabels[e.action as ReviewEventAction] ?? e.action },
            { key: "to", label: "状態", value: (e) => (e.toState ? stateLabel(e.toState) : "（データなし）") },
            { key: "user", label: "操作した人", value: (e) => e.userName ?? "システム" },
            { key: "comment", label: "コメント・理由", value: (e) => e.comment ?? "" },
          ]}
        />
      ) : (
        <p>履歴はまだありません。</p>
      )}
    </>
  );
}
