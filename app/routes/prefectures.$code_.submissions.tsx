import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { SubmissionLegend, SubmissionMatrix, submissionMatrixTable } from "~/components/cards/SubmissionMatrix";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { SubmitButton } from "~/components/ui/ConfirmAction";
import { AnnualSubmissionsCard } from "~/components/cards/AnnualSubmissionsCard";
import { loadAnnualStatus } from "~/server/pages/reporting.server";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureDetailPage, requirePrefectureReminderSender } from "~/server/auth/page-guards.server";
import { canRemindBodies } from "~/server/auth/access";
import { parseQuery } from "~/server/pages/query-params";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatNumber, formatPercent } from "~/domain/format";
import { ReportingMonthField } from "~/components/ui/FilterFields";
import type { PrintHandle } from "~/components/shell/print";
import { submissionStateLabels } from "~/domain/vocabulary";
import { loadPrefectureSubmissions, remindAction, reportingMonthQuery, type RemindActionData } from "./prefectures.$code_.submissions.server";
import { useFormat } from "~/components/shell/format-context";
import { AppLink } from "~/components/ui/AppLink";

// the body × month matrix of a fiscal year is wide: the page prints on A4 landscape
/** Printed landscape; `?format=csv|xlsx` is the body × month matrix (ADR 028). */
export const handle: PrintHandle & PageDataHandle = {
  print: { landscape: true },
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    return pageTableOf(submissionMatrixTable({ rows: d.matrix, months: d.months, caption: matrixCaption(d) }), { source: "つなぐ（月次支援状況の提出の記録）", dataDate: d.dataDate }, context);
  },
};

function matrixCaption(d: Pick<SerializeFrom<typeof loader>, "prefecture" | "fiscalYear">) {
  return `${d.prefecture.name}の${formatFiscalYear(d.fiscalYear)}の月次支援状況の提出状況（${Object.values(submissionStateLabels).join("・")}）`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `提出状況 ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture, user } = await requirePrefectureDetailPage(request, params, "この都道府県の提出状況を見る権限がありません");
  const q = parseQuery(reportingMonthQuery, request);
  const db = await getDb();
  const today = pageToday();
  const submissions = await loadPrefectureSubmissions(db, prefecture.code, q, today);
  // the annual datasets of the month's fiscal year and of the one before, whose due date is the latest to have come
  const [annual, dataDate] = await Promise.all([
    Promise.all([submissions.fiscalYear - 1, submissions.fiscalYear].map((fy) => loadAnnualStatus(db, prefecture.code, fy, today))),
    // the printed stamp's データ時点: the latest monthly upload the matrix reflects
    datasetUpdatedAt(db, "monthly_support"),
  ]);
  return { prefecture, canRemind: canRemindBodies(user, prefecture.code), ...submissions, annual, dataDate };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, prefecture } = await requirePrefectureReminderSender(request, params);
  return remindAction(await getDb(), user, prefecture.code, request, context, new Date());
}


function RateLine({ label, rates }: { label: string; rates: { expected: number; submitted: number; onTime: number; reportingRate: number | null; onTimeRate: number | null } }) {
  return (
    <div>
      <h3>{label}</h3>
      {rates.expected === 0 ? (
        <p>まだ期限を過ぎた月がありません</p>
      ) : (
        <dl className="facts">
          <dt>提出率</dt>
          <dd>
            <strong>{formatPercent(rates.reportingRate)}</strong>（{formatNumber(rates.submitted)} / {formatNumber(rates.expected)}）
          </dd>
          <dt>期限内提出率</dt>
          <dd>
            <strong>{formatPercent(rates.onTimeRate)}</strong>（{formatNumber(rates.onTime)} / {formatNumber(rates.expected)}）
          </dd>
        </dl>
      )}
    </div>
  );
}

function ReminderOutcome({ data }: { data: RemindActionData | undefined }) {
  if (!data) return null;
  if (!data.ok) return <p role="alert" className="error-summary">{data.message}</p>;
  const r = data.result;
  return (
    <div role="status" className="notice">
      <p>
        {r.sent > 0 ? `${formatNumber(r.bodies)}団体の${formatNumber(r.sent)}か月分に督促を送りました。` : "新たに督促する月はありませんでした。"}
        {r.alreadySentToday > 0 ? `${formatNumber(r.alreadySentToday)}か月分は本日すでに督促済みのため送っていません。` : ""}
      </p>
      {r.email === null ? (
        <p>メール送信は設定されていないため、督促はつなぐの画面（各実施主体のページ）にだけ表示されます。</p>
      ) : (
        <>
          {r.email.delivered.length > 0 ? <p>メールを送信しました: {r.email.delivered.join("、")}</p> : null}
          {r.email.failed.length > 0 ? (
            <div role="alert">
              <p>
                <strong>次の宛先へのメール送信に失敗しました</strong>（督促は画面には表示されています）:
              </p>
              <ul>
                {r.email.failed.map((f) => (
                  <li key={f.address}>
                    {f.address}（{f.reason}）
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {r.email.bodiesWithoutAddress.length > 0 ? <p>メールアドレスの登録がない実施主体: {r.email.bodiesWithoutAddress.join("、")}</p> : null}
        </>
      )}
    </div>
  );
}

export default function Submissions() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as RemindActionData | undefined;
  const deadlinePassed = d.today > d.deadline;
  const lateMonthCount = d.lateBodies.reduce((n, b) => n + b.months.length, 0);
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="提出状況" headingSuffix={`（${format.reportingMonth(d.month)}）`} canSeeDetail />
      <Form method="get" className="filters" aria-label="対象月">
        <ReportingMonthField months={d.monthOptions} value={d.month} nowDue={d.monthNowDue} />
        <button type="submit" className="button">
          表示
        </button>
      </Form>
      <p className="lead">
        {format.reportingMonth(d.month)}の提出期限は <strong>{format.date(d.deadline)}</strong>
        {deadlinePassed ? "（期限を過ぎています）" : "（期限前です）"}。月次の数値は翌月{d.schedule.monthlyDueDay}日までに提出します
        {d.schedule.isDefault ? "（標準の期限）" : "（厚生労働省が設定した期限）"}。
      </p>

      <section aria-labelledby="month-heading">
        <h2 id="month-heading">{format.reportingMonth(d.month)}の未提出</h2>
        {d.missingThisMonth.length === 0 ? (
          <p>すべての実施主体が提出済みです。</p>
        ) : (
          <p>
            {deadlinePassed ? "期限を過ぎて未提出" : "まだ提出していない（期限前）"}: {formatNumber(d.missingThisMonth.length)}団体 —{" "}
            {d.missingThisMonth.map((b, i) => (
              <span key={b.code}>
                {i > 0 ? "、" : ""}
                <AppLink to={`/municipalities/${b.code}`}>{b.name}</AppLink>
              </span>
            ))}
          </p>
        )}
      </section>

      <section aria-labelledby="rates-heading">
        <h2 id="rates-heading">提出率と期限内提出率</h2>
        <div className="rate-summary">
          <RateLine label={`${d.prefecture.name}（${format.reportingMonth(d.month)}）`} rates={d.rates.month} />
          <RateLine label={`${d.prefecture.name}（${formatFiscalYear(d.fiscalYear)}・期限を過ぎた${d.dueMonths.length}か月）`} rates={d.rates.year} />
          <RateLine label={`全国（${format.reportingMonth(d.month)}）`} rates={d.rates.nationalMonth} />
        </div>
        <p className="lead">提出率 = 提出済みの月数 ÷ 提出すべき月数（その月に存在した実施主体 × 月）。期限内提出率は期限日までに提出された月数で同様に計算します。</p>
      </section>

      <section aria-labelledby="late-heading">
        <h2 id="late-heading">提出が遅れている実施主体（{formatFiscalYear(d.fiscalYear)}）</h2>
        {d.lateBodies.length === 0 ? (
          <p>期限を過ぎて未提出の月はありません。</p>
        ) : (
          <ul>
            {d.lateBodies.map((b) => (
              <li key={b.code}>
                <AppLink to={`/municipalities/${b.code}`}>{b.name}</AppLink>: {b.months.map((m) => format.reportingMonth(m)).join("、")}
              </li>
            ))}
          </ul>
        )}
        {d.canRemind && d.lateBodies.length > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remind" />
            <input type="hidden" name="fiscalYear" value={d.fiscalYear} />
            <SubmitButton pendingLabel="送信しています…">
              遅れている{formatNumber(d.lateBodies.length)}団体（{formatNumber(lateMonthCount)}か月分）に督促を送る
            </SubmitButton>
            <p className="lead">督促は各実施主体のページに表示され、メールアドレスが登録された担当者にはメールでも送られます。同じ日に同じ月の督促は一度だけ送られます。</p>
          </Form>
        ) : null}
        <ReminderOutcome data={actionData} />
      </section>

      <section aria-labelledby="annual-heading">
        <h2 id="annual-heading">年次データ（任意事業・重層・支援員配置）の提出状況</h2>
        <AnnualSubmissionsCard prefectureName={d.prefecture.name} statuses={d.annual} />
      </section>

      <section aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">実施主体 × 月の提出状況</h2>
        <SubmissionLegend />
        <SubmissionMatrix
          rows={d.matrix}
          months={d.months}
          selectedMonth={d.month}
          caption={matrixCaption(d)}
        />
      </section>
    </>
  );
}
