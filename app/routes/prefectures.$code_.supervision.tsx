import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../../db";
import { PrefectureScopeError } from "../../db/queries/prefecture-scope";
import { deleteSupervisionContact, saveSupervisionContact } from "../../db/queries/supervision";
import { SupervisionCoverageCard } from "~/components/cards/SupervisionCoverageCard";
import { DataTable } from "~/components/ui/DataTable";
import { DatePeriodFields, FiscalYearField } from "~/components/ui/FilterFields";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureWorkReader, requirePrefectureWorkRecorder } from "~/lib/auth/prefecture-work.server";
import { supervisionFormLabels, supervisionForms, type SupervisionForm } from "~/lib/domain";
import { formatFiscalYear, todayInJapan } from "~/lib/fiscal-year";
import { fieldErrorsOf, type FieldErrors } from "~/lib/form-fields";
import { formatPercent, ratio } from "~/lib/format";
import { rowId } from "~/lib/query-params";
import { supervisionContactSchema } from "~/lib/supervision-schema";
import { loadSupervision, supervisionQuery } from "./prefectures.$code_.supervision.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `スーパーバイズ ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture, canRecord, canSeeDetail } = await requirePrefectureWorkReader(request, params);
  const q = supervisionQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { prefecture, canWrite: canRecord, canSeeDetail, ...(await loadSupervision(await getDb(), prefecture.code, q, todayInJapan())) };
}

const intent = z.object({ intent: z.enum(["create", "update", "delete"]), id: rowId.optional() });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requirePrefectureWorkRecorder(request, params, context);
  const form = Object.fromEntries(await request.formData());
  const what = intent.safeParse(form);
  if (!what.success) return data({ fieldErrors: {} as FieldErrors, formError: "操作が正しくありません" }, { status: 400 });
  const db = await getDb();
  try {
    if (what.data.intent === "delete") {
      if (!what.data.id) return data({ fieldErrors: {} as FieldErrors, formError: "削除する記録が指定されていません" }, { status: 400 });
      await deleteSupervisionContact(db, actor, what.data.id);
    } else {
      const parsed = supervisionContactSchema.safeParse(form);
      if (!parsed.success) return data({ fieldErrors: fieldErrorsOf(parsed.error), formError: "入力内容を確認してください" }, { status: 400 });
      await saveSupervisionContact(db, actor, parsed.data, what.data.intent === "update" ? what.data.id : undefined);
    }
  } catch (error) {
    if (error instanceof PrefectureScopeError) return data({ fieldErrors: {} as FieldErrors, formError: error.message }, { status: 403 });
    throw error;
  }
  // back to the same view (year, filters), without the edit marker
  const back = new URL(request.url);
  back.searchParams.delete("edit");
  back.searchParams.delete("index");
  return redirect(`${back.pathname}${back.search}`);
}

export default function Supervision() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors = actionData?.fieldErrors ?? {};
  const editing = d.query.edit ? d.contacts.find((c) => c.id === d.query.edit) : undefined;
  const share = ratio(d.coverage.covered, d.coverage.bodies);
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="スーパーバイズ" canSeeDetail={d.canSeeDetail} />
      <Form method="get" className="filters" aria-label="表示条件">
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} />
        <input type="hidden" name="months" value={d.query.months} />
        <button type="submit" className="button">
          表示
        </button>
      </Form>
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}: 実施主体 {d.coverage.bodies} のうち <strong>{d.coverage.covered}</strong> に1回以上（カバー率{" "}
        <strong>{formatPercent(share)}</strong>）
      </p>
      <SupervisionCoverageCard prefectureName={d.prefecture.name} fiscalYear={d.fiscalYear} coverage={d.coverage} dataDate={d.dataDate} />
      <h2 id="without-title">{d.query.months}か月以上スーパーバイズのない実施主体（{d.asOf}時点）</h2>
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
          { key: "last", label: "最後のスーパーバイズ", value: (r) => r.last_contact ?? "記録なし" },
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
          <Form method="post" className="record-form">
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
              <input id="sv-date" type="date" name="contactedOn" defaultValue={editing?.contacted_on} aria-invalid={errors.contactedOn ? true : undefined} aria-describedby="sv-date-error" />
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
            <button type="submit" className="button">
              {editing ? "修正を保存" : "記録する"}
            </button>
          </Form>
        </section>
      ) : null}
      <h2>記録（新しい順）</h2>
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
        rows={d.contacts}
        columns={[
          { key: "date", label: "実施日", rowHeader: true, value: (c) => c.contacted_on },
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
                      <Link to={`?fy=${d.fiscalYear}&edit=${c.id}#record-title`} aria-label={`修正 ${c.contacted_on} ${c.name}の記録`}>修正</Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="id" value={c.id} />
                        <button type="submit" className="link-button" aria-label={`削除 ${c.contacted_on} ${c.name}の記録`}>
                          削除
                        </button>
                      </Form>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
