import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb, getReadDb } from "../../db";
import { datasetUpdatedAt } from "../../db/queries/meta";
import { SubmitButton, useFreshFormKey } from "~/components/ui/ConfirmAction";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { canSetReportingSchedule } from "~/server/auth/access";
import { requireReportingScheduleSetter } from "~/server/auth/page-guards.server";
import { requireUser } from "~/server/auth/session.server";
import { parseQuery } from "~/server/pages/query-params";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatNumber, formatPercent } from "~/domain/format";
import { formatReportingMonthKey, maxMonthlyDueDay } from "~/domain/reporting";
import { FilterForm, FiscalYearField, ReportingMonthField } from "~/components/ui/FilterFields";
import { completenessQuery, loadCompleteness, scheduleAction, type ScheduleActionData } from "./completeness.server";
import { useFormat } from "~/components/shell/format-context";

export const meta: MetaFunction = () => [{ title: "提出状況（全国） | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = parseQuery(completenessQuery, request);
  const db = await getReadDb();
  // dataDate: the printed stamp's データ時点 (the latest monthly upload the rates reflect)
  const [completeness, dataDate] = await Promise.all([loadCompleteness(db, q, pageToday()), datasetUpdatedAt(db, "monthly_support")]);
  return { canSetSchedule: canSetReportingSchedule(user), ...completeness, dataDate };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireReportingScheduleSetter(request);
  return scheduleAction(await getDb(), user, request, context);
}

const count = (n: number, of: number) => (of === 0 ? "－" : `${formatNumber(n)} / ${formatNumber(of)}`);

type CompletenessData = SerializeFrom<typeof loader>;

/** The page's one table: what it shows, what its downloads and `?format=csv|xlsx` write (ADR 028). */
function completenessTable(d: Pick<CompletenessData, "fiscalYear" | "month" | "prefectures">) {
  const rows = d.prefectures;
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { key: "rank", label: "順位", numeric: true, value: (r) => rows.indexOf(r) + 1 },
    { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name, render: (r) => <Link to={`/prefectures/${r.code}/submissions?month=${d.month}`}>{r.name}</Link> },
    { key: "yearRate", label: "年度の提出率", numeric: true, rate: { numerator: (r) => r.year.submitted, denominator: (r) => r.year.expected, numeratorLabel: "提出", denominatorLabel: "対象" }, value: (r) => r.year.reportingRate, render: (r) => formatPercent(r.year.reportingRate) },
    { key: "yearOnTime", label: "年度の期限内提出率", numeric: true, kind: "rate", value: (r) => r.year.onTimeRate, render: (r) => formatPercent(r.year.onTimeRate) },
    { key: "yearCount", label: "年度の提出 / 対象", value: (r) => count(r.year.submitted, r.year.expected) },
    { key: "monthRate", label: `${formatReportingMonthKey(d.month)}の提出率`, numeric: true, rate: { numerator: (r) => r.month.submitted, denominator: (r) => r.month.expected, numeratorLabel: "提出", denominatorLabel: "対象" }, value: (r) => r.month.reportingRate, render: (r) => formatPercent(r.month.reportingRate) },
    { key: "monthOnTime", label: `${formatReportingMonthKey(d.month)}の期限内提出率`, numeric: true, kind: "rate", value: (r) => r.month.onTimeRate, render: (r) => formatPercent(r.month.onTimeRate) },
  ];
  return { caption: `都道府県別の提出率（${formatFiscalYear(d.fiscalYear)}の提出率の高い順）`, fileName: `提出状況_${d.fiscalYear}_${d.month}.csv`, rows, columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as CompletenessData;
    return pageTableOf(completenessTable(d), { source: "つなぐ（月次支援状況の提出の記録）", dataDate: d.dataDate }, context);
  },
};

export default function Completeness() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const table = completenessTable(d);
  const actionData = useActionData<typeof action>() as ScheduleActionData | undefined;
  const formKey = useFreshFormKey(actionData);
  const errors = actionData && !actionData.ok ? actionData.fieldErrors : {};
  return (
    <>
      <NationalPageHeader
        title="提出状況（全国）"
        lead="都道府県ごとの月次支援状況の提出率と期限内提出率。提出率 = 提出済みの月数 ÷ 提出すべき月数（その月に存在した実施主体 × 期限を過ぎた月）。"
      />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} />
        <ReportingMonthField months={d.monthOptions} value={d.month} nowDue={d.monthNowDue} />
      </FilterForm>
      <p className="lead">
        {format.reportingMonth(d.month)}の提出期限: {format.date(d.deadline)}。{formatFiscalYear(d.fiscalYear)}の期限: 月次は翌月{d.schedule.monthlyDueDay}日、年次データ（任意事業・重層・支援員）は
        {format.date(d.schedule.annualDueDate)}
        {d.schedule.isDefault ? "（標準）" : "（厚生労働省が設定）"}。
      </p>
      <ul aria-label="全国">
        <li>
          <strong>全国（{format.reportingMonth(d.month)}）</strong>: 提出率 {formatPercent(d.national.month.reportingRate)}（{count(d.national.month.submitted, d.national.month.expected)}）・期限内提出率{" "}
          {formatPercent(d.national.month.onTimeRate)}
        </li>
        <li>
          <strong>
            全国（{formatFiscalYear(d.fiscalYear)}・期限を過ぎた{d.dueMonths.length}か月）
          </strong>
          :{" "}
          {d.dueMonths.length === 0
            ? "まだ期限を過ぎた月がありません"
            : `提出率 ${formatPercent(d.national.year.reportingRate)}（${count(d.national.year.submitted, d.national.year.expected)}）・期限内提出率 ${formatPercent(d.national.year.onTimeRate)}`}
        </li>
      </ul>
      <DataTable id="completeness" caption={table.caption} fileName={table.fileName} rows={table.rows} columns={table.columns} />
      {d.canSetSchedule ? (
        <section aria-labelledby="schedule-title">
          <h2 id="schedule-title">提出期限の設定（厚生労働省）</h2>
          {actionData?.ok ? <p role="status" className="saved-notice">{actionData.message}</p> : null}
          {actionData && !actionData.ok ? (
            <div className="error-summary" role="alert">
              <p>{actionData.message}</p>
              <ul>
                {Object.entries(errors).map(([name, messages]) => (
                  <li key={name}>{messages?.[0]}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="record-form" key={`${d.fiscalYear}-${formKey}`}>
            <div className="field">
              <label htmlFor="schedule-fy">年度</label>
              <select id="schedule-fy" name="fiscalYear" defaultValue={d.fiscalYear}>
                {d.fiscalYears.map((fy) => (
                  <option key={fy} value={fy}>
                    {formatFiscalYear(fy)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="schedule-day">月次の提出期限（翌月の日、1〜{maxMonthlyDueDay}）</label>
              <input id="schedule-day" name="monthlyDueDay" type="number" min={1} max={maxMonthlyDueDay} required defaultValue={d.schedule.monthlyDueDay} aria-invalid={errors.monthlyDueDay ? true : undefined} />
              {errors.monthlyDueDay ? <p className="field-error">{errors.monthlyDueDay[0]}</p> : null}
            </div>
            <div className="field">
              <label htmlFor="schedule-annual">年次データの提出期限</label>
              <input id="schedule-annual" name="annualDueDate" type="date" required defaultValue={d.schedule.annualDueDate} aria-invalid={errors.annualDueDate ? true : undefined} />
              {errors.annualDueDate ? <p className="field-error">{errors.annualDueDate[0]}</p> : null}
            </div>
            <SubmitButton pendingLabel="保存しています…">提出期限を保存</SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}
