import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { SavedNotice, SubmitButton, useFreshFormKey } from "~/components/ui/ConfirmAction";
import { DataTable, type DataColumn } from "~/components/ui/DataTable";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureWorkReader, requirePrefectureWorkRecorder } from "~/server/auth/page-guards.server";
import { prefectureSupportItemLabels, prefectureSupportItems } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import type { FieldErrors } from "~/domain/forms/form-fields";
import { formatPercent, ratio } from "~/domain/format";
import { parseQuery } from "~/server/pages/query-params";
import { loadPrefectureSupport, prefectureSupportAction, prefectureSupportQuery } from "./prefectures.$code_.support.server";
import { useFormat } from "~/components/shell/format-context";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `市町村支援 ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture, canRecord, canSeeDetail } = await requirePrefectureWorkReader(request, params);
  const query = parseQuery(prefectureSupportQuery, request);
  return { prefecture, canRecord, canSeeDetail, ...(await loadPrefectureSupport(await getDb(), prefecture.code, query, pageToday())) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requirePrefectureWorkRecorder(request, params, context);
  return prefectureSupportAction(await getDb(), actor, request);
}

type SupportData = SerializeFrom<typeof loader>;

/** The year's items against the national share: the page's main table and `?format=csv|xlsx` (ADR 028). */
function itemsTable(d: SupportData) {
  const rows = prefectureSupportItems.map((item) => ({
    item,
    answer: d.history.find((h) => h.fiscalYear === d.fiscalYear && h.item === item),
    national: d.nationalShares.find((s) => s.item === item),
  }));
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { key: "item", label: "項目", rowHeader: true, value: (r) => prefectureSupportItemLabels[r.item] },
    { key: "answer", label: d.prefecture.name, value: (r) => (r.answer ? (r.answer.implemented ? "実施" : "未実施") : "未回答") },
    {
      key: "national",
      label: "全国の実施割合",
      numeric: true,
      value: (r) => (r.national ? ratio(r.national.implementing, r.national.respondents) : null),
      rate: { numerator: (r) => r.national?.implementing ?? null, denominator: (r) => r.national?.respondents ?? null, numeratorLabel: "実施", denominatorLabel: "回答した都道府県" },
      render: (r) => (r.national ? `${formatPercent(ratio(r.national.implementing, r.national.respondents))}（${r.national.implementing}/${r.national.respondents}）` : "－"),
    },
  ];
  return { caption: `${d.prefecture.name}の市町村支援（${formatFiscalYear(d.fiscalYear)}、全国は回答した都道府県に占める実施の割合）`, fileName: `${d.prefecture.name}_市町村支援_${d.fiscalYear}.csv`, rows, columns };
}

export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SupportData;
    return pageTableOf(itemsTable(d), { source: "都道府県による市町村支援（各都道府県の回答）", dataDate: d.dataDate }, context);
  },
};

export default function PrefectureSupport() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const formKey = useFreshFormKey(actionData);
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  const answered = (fy: number, item: string) => d.history.find((h) => h.fiscalYear === fy && h.item === item);
  const years = [...new Set(d.history.map((h) => h.fiscalYear))].sort((a, b) => a - b);
  const thisYear = d.history.filter((h) => h.fiscalYear === d.fiscalYear);
  const doing = thisYear.filter((h) => h.implemented && h.item !== "other").length;
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="市町村支援" canSeeDetail={d.canSeeDetail} />
      <SavedNotice message={d.savedMessage} />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <p role="status">
        {thisYear.length === 0 ? (
          <>{formatFiscalYear(d.fiscalYear)}の回答はまだありません。</>
        ) : (
          <>
            {formatFiscalYear(d.fiscalYear)}: 11項目のうち <strong>{doing}項目</strong>を実施
          </>
        )}
      </p>
      <DataTable id="support-items" {...itemsTable(d)} />
      {d.canRecord ? (
        <section aria-labelledby="record-title">
          <h2 id="record-title">{formatFiscalYear(d.fiscalYear)}の実施状況を回答</h2>
          {actionData?.formError ? (
            <div className="error-summary" role="alert">
              <p>{actionData.formError}</p>
              <ul>
                {Object.entries(errors).map(([name, messages]) => (
                  <li key={name}>{messages?.[0]}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="record-form" key={`${d.fiscalYear}-${formKey}`}>
            <input type="hidden" name="fiscalYear" value={d.fiscalYear} />
            <fieldset>
              <legend>実施している項目にチェック（チェックのない項目は未実施として保存します）</legend>
              {prefectureSupportItems.map((item) => (
                <label key={item} className="check check--block">
                  <input type="checkbox" name={item} value="yes" defaultChecked={answered(d.fiscalYear, item)?.implemented ?? false} />
                  {prefectureSupportItemLabels[item]}
                </label>
              ))}
            </fieldset>
            <SubmitButton pendingLabel="保存しています…">回答を保存</SubmitButton>
          </Form>
        </section>
      ) : null}
      {years.length > 0 ? (
        <>
          <h2>年度別の回答</h2>
          <DataTable
            id="support-history"
            caption={`${d.prefecture.name}の市町村支援（年度別。実施＝○、未実施＝－、未回答＝空欄）`}
            fileName={`${d.prefecture.name}_市町村支援_年度別.csv`}
            rows={[...prefectureSupportItems]}
            columns={[
              { key: "item", label: "項目", rowHeader: true, value: (item) => prefectureSupportItemLabels[item] },
              ...years.map((fy) => ({
                key: String(fy),
                label: String(fy),
                value: (item: (typeof prefectureSupportItems)[number]) => {
                  const a = answered(fy, item);
                  return a ? (a.implemented ? "○" : "－") : "";
                },
              })),
            ]}
          />
        </>
      ) : null}
      <p className="kpi__note">出典: 都道府県による市町村支援（各都道府県の回答）{d.dataDate ? ` ／ データ時点: ${format.date(d.dataDate)}` : null}</p>
    </>
  );
}
