import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useFormat } from "~/components/shell/format-context";
import { getDb } from "../../db";
import { SupervisionCoverageCard, supervisionByFormTable, supervisionCoverageSource } from "~/components/cards/SupervisionCoverageCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { ConfirmAction, ConfirmStep, SavedNotice, SubmitButton, useFreshFormKey } from "~/components/ui/ConfirmAction";
import { DataTable } from "~/components/ui/DataTable";
import { DatePeriodFields, FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { Pagination } from "~/components/ui/Pagination";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureWorkReader, requirePrefectureWorkRecorder } from "~/server/auth/page-guards.server";
import { supervisionFormLabels, supervisionForms, type SupervisionForm } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { withQuery, type FieldErrors } from "~/domain/forms/form-fields";
import { formatPercent, ratio } from "~/domain/format";
import { parseQuery } from "~/server/pages/query-params";
import { loadSupervision, supervisionQuery } from "../server/pages/supervision-log.server";
import { supervisionContactAction } from "./prefectures.$code_.supervision.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `スーパーバイズ ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture, canRecord, canSeeDetail } = await requirePrefectureWorkReader(request, params);
  const q = parseQuery(supervisionQuery, request);
  return { prefecture, canWrite: canRecord, canSeeDetail, ...(await loadSupervision(await getDb(), prefecture.code, q, pageToday())) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requirePrefectureWorkRecorder(request, params, context);
  return supervisionContactAction(await getDb(), actor, request);
}

/** `?format=csv|xlsx`: the coverage by form, the first table (the log has its own download) (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    return pageTableOf(supervisionByFormTable({ prefectureName: d.prefecture.name, fiscalYear: d.fiscalYear, coverage: d.coverage }), { source: supervisionCoverageSource, dataDate: d.dataDate }, context);
  },
};

export default function Supervision() {
  const d = useLoaderData<typeof loader>();
  const format = useFormat();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const formKey = useFreshFormKey(actionData);
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  const editing = d.editing ?? undefined;
  const describeContact = (c: { contactedOn: string; name: string; form: string; content: string }) =>
    `${c.contactedOn} ${c.name}（${supervisionFormLabels[c.form as SupervisionForm] ?? c.form}）${c.content ? `「${c.content}」` : ""}`;
  const share = ratio(d.coverage.covered, d.coverage.bodies);
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="スーパーバイズ" canSeeDetail={d.canSeeDetail} />
      <SavedNotice message={d.savedMessage} />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
        <input type="hidden" name="months" value={d.query.months} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}: 実施主体 {d.coverage.bodies} のうち <strong>{d.coverage.covered}</strong> に1回以上（カバー率{" "}
        <strong>{formatPercent(share)}</strong>）
      </p>
      <SupervisionCoverageCard prefectureName={d.prefecture.name} fiscalYear={d.fiscalYear} coverage={d.coverage} dataDate={d.dataDate} />
      <h2 id="without-title">{d.query.months}か月以上スーパーバイズのない実施主体（{format.date(d.asOf)}時点）</h2>
      <Form method="get" className="filters" aria-label="期間">
        <input type="hidden" name="fy" value={d.fiscalYear} />
        <div className="field">
          <label htmlFor="months">月数</label>
          <input id="months" type="number" name="months" min={1} max={36} defaultValue={d.query.months} />
        </div>
        <button type="submit" className="button">
          表示
        </button>
      </Form>
      <DataTable
        id="without-contact"
        caption={`${d.query.months}か月以上スーパーバイズのない実施主体（長い順）`}
        captionHidden
        fileName="スーパーバイズなし.csv"
        rows={d.without}
        columns={[
          { key: "name", label: "実施主体", rowHeader: true, value: (r) => r.name },
          { key: "last", label: "最後のスーパーバイズ", value: (r) => r.lastContact ?? "記録なし" },
        ]}
      />
      {d.canWrite ? (
        <section aria-labelledby="record-title">
          <h2 id="record-title">{editing ? "記録を修正" : "スーパーバイズを記録"}</h2>
          {actionData?.formError ? (
            <p className="error-summary" role="alert">
              {actionData.formError}
            </p>
          ) : null}
          <Form method="post" className="record-form" key={formKey}>
            <input type="hidden" name="intent" value={editing ? "update" : "create"} />
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <div className="field">
              <label htmlFor="sv-body">対象自治体</label>
              <select id="sv-body" name="localGovernmentCode" defaultValue={editing?.code ?? ""} aria-invalid={errors.localGovernmentCode ? true : undefined} aria-describedby="sv-body-error">
                <option value="">選んでください</option>
                {d.bodies.map((b) => (
                  <option key={b.code} value={b.code}>
                    {b.kind === "prefecture" ? `${b.name}（郡部）` : b.name}
                  </option>
                ))}
              </select>
              <span className="field-error" id="sv-body-error">{errors.localGovernmentCode?.[0]}</span>
            </div>
            <div className="field">
              <label htmlFor="sv-date">実施日</label>
              <input id="sv-date" type="date" name="contactedOn" defaultValue={editing?.contactedOn} aria-invalid={errors.contactedOn ? true : undefined} aria-describedby="sv-date-error" />
              <span className="field-error" id="sv-date-error">{errors.contactedOn?.[0]}</span>
            </div>
            <div className="field">
              <label htmlFor="sv-form">形態</label>
              <select id="sv-form" name="form" defaultValue={editing?.form ?? ""} aria-invalid={errors.form ? true : undefined} aria-describedby="sv-form-error">
                <option value="">選んでください</option>
                {supervisionForms.map((f) => (
                  <option key={f} value={f}>
                    {supervisionFormLabels[f]}
                  </option>
                ))}
              </select>
              <span className="field-error" id="sv-form-error">{errors.form?.[0]}</span>
            </div>
            <div className="field">
              <label htmlFor="sv-content">内容</label>
              <input id="sv-content" type="text" name="content" maxLength={500} defaultValue={editing?.content} aria-describedby="sv-content-error" />
              <span className="field-error" id="sv-content-error">{errors.content?.[0]}</span>
            </div>
            <div className="field">
              <label htmlFor="sv-responder">対応者</label>
              <input id="sv-responder" type="text" name="responder" maxLength={100} defaultValue={editing?.responder} />
            </div>
            <SubmitButton pendingLabel="保存しています…">{editing ? "修正を保存" : "記録する"}</SubmitButton>{" "}
            {editing ? <Link to={withQuery(location.pathname, location.search, { edit: undefined, saved: undefined })}>修正をやめる</Link> : null}
          </Form>
        </section>
      ) : null}
      <h2 id="log-title">記録（新しい順）</h2>
      {d.canWrite && d.confirming ? (
        <ConfirmStep
          title="この記録を削除しますか"
          fields={{ intent: "delete", id: d.confirming.id }}
          cancelHref={withQuery(location.pathname, location.search, { confirm: undefined })}
        >
          <p>{describeContact(d.confirming)}</p>
        </ConfirmStep>
      ) : null}
      <Form method="get" className="filters" aria-label="記録の絞り込み">
        <input type="hidden" name="fy" value={d.fiscalYear} />
        <div className="field">
          <label htmlFor="f-body">自治体</label>
          <select id="f-body" name="body" defaultValue={d.query.body ?? ""}>
            <option value="">すべて</option>
            {d.bodies.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-form">形態</label>
          <select id="f-form" name="form" defaultValue={d.query.form ?? ""}>
            <option value="">すべて</option>
            {supervisionForms.map((f) => (
              <option key={f} value={f}>
                {supervisionFormLabels[f]}
              </option>
            ))}
          </select>
        </div>
        <DatePeriodFields from={d.query.from} to={d.query.to} />
        <button type="submit" className="button">
          絞り込む
        </button>
      </Form>
      <DataTable
        id="contacts-log"
        caption="スーパーバイズの記録"
        captionHidden
        fileName={`${d.prefecture.name}_スーパーバイズ記録.csv`}
        downloadHref={d.downloadHref}
        rows={d.contacts}
        columns={[
          { key: "date", label: "実施日", rowHeader: true, value: (c) => c.contactedOn },
          { key: "body", label: "対象自治体", value: (c) => c.name },
          { key: "form", label: "形態", value: (c) => supervisionFormLabels[c.form as SupervisionForm] },
          { key: "content", label: "内容", value: (c) => c.content },
          { key: "responder", label: "対応者", value: (c) => c.responder },
          ...(d.canWrite
            ? [
                {
                  key: "actions",
                  label: "操作",
                  value: () => null,
                  render: (c: (typeof d.contacts)[number]) => (
                    <span className="actions">
                      <Link to={`${withQuery(location.pathname, location.search, { edit: c.id, saved: undefined, confirm: undefined })}#record-title`} aria-label={`修正 ${c.contactedOn} ${c.name}の記録`}>
                        修正
                      </Link>
                      <ConfirmAction
                        label="削除"
                        accessibleLabel={`削除 ${c.contactedOn} ${c.name}の記録`}
                        href={`${withQuery(location.pathname, location.search, { confirm: c.id, saved: undefined, edit: undefined })}#confirm-step`}
                        title="この記録を削除しますか"
                        fields={{ intent: "delete", id: c.id }}
                      >
                        <p>{describeContact(c)}</p>
                      </ConfirmAction>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
      <p>
        全{d.paging.total}件{d.paging.pages > 1 ? `のうち ${(d.paging.page - 1) * d.paging.perPage + 1}〜${Math.min(d.paging.page * d.paging.perPage, d.paging.total)}件目` : ""}
      </p>
      <Pagination page={d.paging.page} pages={d.paging.pages} label="記録のページ" anchor="log-title" />
    </>
  );
}
