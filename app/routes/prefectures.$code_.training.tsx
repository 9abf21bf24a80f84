import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "../../db";
import { TrainingStagesCard, trainingStagesSource, trainingStagesTable } from "~/components/cards/TrainingStagesCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { ConfirmAction, ConfirmStep, SavedNotice, SubmitButton, useFreshFormKey } from "~/components/ui/ConfirmAction";
import { DataTable } from "~/components/ui/DataTable";
import { ErrorSummary } from "~/components/ui/ErrorSummary";
import { FilterForm, FiscalYearField } from "~/components/ui/FilterFields";
import { PeriodNotice } from "~/components/ui/PeriodNotice";
import { PrefecturePageHeader } from "~/components/ui/TabNav";
import { requirePrefectureWorkReader, requirePrefectureWorkRecorder } from "~/server/auth/page-guards.server";
import {
  certificateRoles,
  latterTermMinimumHours,
  supportStaffRoleLabels,
  supportStaffRoles,
  trainingSessionKindLabels,
  trainingSessionKinds,
  type SupportStaffRole,
  type TrainingSessionKind,
} from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { withQuery, type FieldErrors } from "~/domain/forms/form-fields";
import { formatNumber, formatPercent, ratio } from "~/domain/format";
import { participantFieldName } from "~/domain/forms/training-session-schema";
import { parseQuery } from "~/server/pages/query-params";
import { loadTraining, trainingQuery, trainingSessionAction } from "./prefectures.$code_.training.server";
import { AppLink } from "~/components/ui/AppLink";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `研修 ${data?.prefecture.name ?? ""} | つなぐ` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { prefecture, canRecord, canSeeDetail } = await requirePrefectureWorkReader(request, params);
  const query = parseQuery(trainingQuery, request);
  const loaded = await loadTraining(await getDb(), prefecture.code, query, pageToday(), { detail: canSeeDetail });
  return { prefecture, canRecord, canSeeDetail, ...loaded };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requirePrefectureWorkRecorder(request, params, context);
  return trainingSessionAction(await getDb(), actor, request);
}

const roleShort: Record<SupportStaffRole, string> = {
  chief_consultant: "主任相談支援員",
  consultant: "相談支援員",
  employment_supporter: "就労支援員",
  employment_preparation_staff: "就労準備",
  household_budget_staff: "家計改善",
};

/** `?format=csv|xlsx`: staff by role × stage, the first table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    return pageTableOf(trainingStagesTable({ scopeLabel: d.prefecture.name, fiscalYear: d.fiscalYear, rows: d.byRole }), { source: trainingStagesSource, dataDate: d.dataDate }, context);
  },
};

export default function Training() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const formKey = useFreshFormKey(actionData);
  const required = d.byRole.filter((r) => (certificateRoles as readonly string[]).includes(r.role));
  const assigned = required.reduce((s, r) => s + r.assigned, 0);
  const certified = required.reduce((s, r) => s + r.certified, 0);
  const latterTermSessions = d.sessions.filter((s) => s.kind === "latter_term");
  return (
    <>
      <PrefecturePageHeader prefecture={d.prefecture} title="研修" canSeeDetail={d.canSeeDetail} />
      <SavedNotice message={d.savedMessage} />
      <FilterForm>
        <FiscalYearField fiscalYears={d.fiscalYears} value={d.fiscalYear} current={d.period.current} />
      </FilterForm>
      <PeriodNotice period={d.period} />
      <p role="status">
        {formatFiscalYear(d.fiscalYear)}: 修了証の必要な3職種（主任相談支援員・相談支援員・就労支援員）の配置 {formatNumber(assigned)}人のうち修了証{" "}
        <strong>{formatNumber(certified)}人</strong>（<strong>{formatPercent(ratio(certified, assigned))}</strong>）。後期研修 {latterTermSessions.length}回、参加{" "}
        {formatNumber(latterTermSessions.reduce((s, x) => s + x.participants, 0))}人。
      </p>
      <p className="lead">
        修了証は国研修（前期）と都道府県研修（後期、{latterTermMinimumHours}時間以上）の両方の修了で交付されます。後期の修了者数は、実施主体の報告と、この都道府県が記録した後期研修の参加者数の多い方です（配置人数が上限）。
      </p>
      <TrainingStagesCard scopeLabel={d.prefecture.name} fiscalYear={d.fiscalYear} rows={d.byRole} dataDate={d.dataDate} />

      {d.bodies ? (
        <section aria-labelledby="bodies-title">
          <h2 id="bodies-title">実施主体別の修了証（不足のある実施主体を先に）</h2>
          <DataTable
            id="training-bodies"
            caption={`${d.prefecture.name}の実施主体別の修了証（${formatFiscalYear(d.fiscalYear)}、修了証の不足が多い順、次に未報告）`}
            captionHidden
            fileName={`${d.prefecture.name}_${d.fiscalYear}_修了証_実施主体別.csv`}
            rows={d.bodies}
            columns={[
              {
                key: "name",
                label: "実施主体",
                rowHeader: true,
                value: (b) => b.name,
                render: (b) => <AppLink to={`/municipalities/${b.code}?fy=${d.fiscalYear}`}>{b.kind === "prefecture" ? `${b.name}（郡部）` : b.name}</AppLink>,
              },
              {
                key: "status",
                label: "状況",
                value: (b) => (!b.reported ? "未報告" : b.missingCertificates > 0 ? `修了証の不足 ${b.missingCertificates}人` : "充足"),
                render: (b) => (!b.reported ? "未報告" : b.missingCertificates > 0 ? <strong>修了証の不足 {b.missingCertificates}人</strong> : "充足"),
              },
              {
                key: "coverage",
                label: "修了証の取得率（3職種）",
                numeric: true,
                value: (b) => (b.reported ? ratio(b.certificates.certified, b.certificates.assigned) : null),
                render: (b) => (b.reported ? formatPercent(ratio(b.certificates.certified, b.certificates.assigned)) : "－"),
              },
              ...certificateRoles.map((role) => ({
                key: role,
                label: `${supportStaffRoleLabels[role]}（修了証/配置）`,
                numeric: true,
                value: (b: NonNullable<typeof d.bodies>[number]) => (b.reported ? ratio(b.roles[role]!.certified, b.roles[role]!.assigned) : null),
                render: (b: NonNullable<typeof d.bodies>[number]) => (b.reported ? `${b.roles[role]!.certified}/${b.roles[role]!.assigned}人` : "－"),
              })),
              { key: "national", label: "前期修了（全職種）", numeric: true, value: (b) => (b.reported ? b.national : null) },
              { key: "latterTerm", label: "後期修了（全職種）", numeric: true, value: (b) => (b.reported ? b.latterTerm : null) },
              { key: "recorded", label: "後期研修の参加（記録）", numeric: true, value: (b) => b.recordedLatterTerm },
            ]}
          />
        </section>
      ) : (
        <p className="notice">実施主体別の一覧は、この都道府県の担当者と厚生労働省だけが見られます。</p>
      )}

      <h2 id="sessions-title">研修の開催記録（{formatFiscalYear(d.fiscalYear)}）</h2>
      {d.canRecord && d.confirming ? (
        <ConfirmStep
          title="この研修の記録を削除しますか"
          fields={{ intent: "delete", id: d.confirming.id }}
          cancelHref={withQuery(location.pathname, location.search, { confirm: undefined })}
        >
          <p>{describeSession(d.confirming)}</p>
        </ConfirmStep>
      ) : null}
      {d.sessions.length === 0 ? (
        <p>この年度の研修の記録はありません。</p>
      ) : (
        <DataTable
          id="training-sessions"
          caption={`${d.prefecture.name}が開催した研修（${formatFiscalYear(d.fiscalYear)}、新しい順）`}
          captionHidden
          fileName={`${d.prefecture.name}_${d.fiscalYear}_研修記録.csv`}
          rows={d.sessions}
          columns={[
            { key: "date", label: "開催日", rowHeader: true, value: (s) => s.heldOn },
            { key: "title", label: "研修名", value: (s) => s.title },
            { key: "kind", label: "種別", value: (s) => trainingSessionKindLabels[s.kind as TrainingSessionKind] },
            { key: "hours", label: "時間数", numeric: true, value: (s) => s.hours },
            { key: "participants", label: "参加者数", numeric: true, value: (s) => s.participants },
            {
              key: "byBody",
              label: "参加者（実施主体別）",
              value: (s) => summarizeParticipants(s.byBody),
            },
            ...(d.canRecord
              ? [
                  {
                    key: "actions",
                    label: "操作",
                    value: () => null,
                    render: (s: (typeof d.sessions)[number]) => (
                      <span className="actions">
                        <Link to={`?fy=${d.fiscalYear}&edit=${s.id}#record-title`} aria-label={`${s.heldOn} ${s.title}を修正`}>
                          修正
                        </Link>
                        <ConfirmAction
                          label="削除"
                          accessibleLabel={`削除 ${s.heldOn} ${s.title}`}
                          href={`${withQuery(location.pathname, location.search, { confirm: s.id, saved: undefined, edit: undefined })}#confirm-step`}
                          title="この研修の記録を削除しますか"
                          fields={{ intent: "delete", id: s.id }}
                        >
                          <p>{describeSession(s)}</p>
                        </ConfirmAction>
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {d.canRecord ? <SessionForm key={formKey} bodies={d.bodyOptions} editing={d.editing} actionData={actionData} /> : null}
    </>
  );
}

function describeSession(s: { heldOn: string; title: string; kind: string; hours: number; participants: number }): string {
  return `${s.heldOn} ${s.title}（${trainingSessionKindLabels[s.kind as TrainingSessionKind] ?? s.kind}、${s.hours}時間、参加${s.participants}人）`;
}

function summarizeParticipants(byBody: { code: string; name: string; participants: number }[]): string {
  const totals = new Map<string, { name: string; n: number }>();
  for (const p of byBody) {
    const t = totals.get(p.code) ?? { name: p.name, n: 0 };
    t.n += p.participants;
    totals.set(p.code, t);
  }
  return [...totals.values()].map((t) => `${t.name} ${t.n}人`).join("、") || "－";
}

function participantInputId(code: string, role: string): string {
  return `p-${code}-${role}`;
}

type Session = { id: number; heldOn: string; title: string; kind: string; hours: number; byBody: { code: string; role: string; participants: number }[] };

function SessionForm({
  bodies,
  editing,
  actionData,
}: {
  bodies: { code: string; name: string; kind: string }[];
  editing: Session | null;
  actionData: { fieldErrors: FieldErrors; formError: string } | undefined;
}) {
  const errors = actionData?.fieldErrors ?? {};
  const bodyName = new Map(bodies.map((b) => [b.code, b.kind === "prefecture" ? `${b.name}（郡部）` : b.name]));
  const fieldLabels: Record<string, string> = { heldOn: "開催日", title: "研修名", kind: "種別", hours: "時間数" };
  // every error in the summary, in the order of the form, each a link to its field
  const summary = [
    ...Object.keys(fieldLabels).flatMap((name) => (errors[name]?.[0] ? [{ name, id: name, text: errors[name]![0]! }] : [])),
    ...Object.entries(errors)
      .filter(([name]) => name.startsWith("participants."))
      .map(([name, messages]) => {
        const [, code, role] = name.split(".");
        return {
          name,
          id: participantInputId(code ?? "", role ?? ""),
          text: `${bodyName.get(code ?? "") ?? code}・${supportStaffRoleLabels[role as SupportStaffRole] ?? role}: ${messages?.[0]}`,
        };
      }),
  ];
  const describe = (name: string, hint?: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": hint ? `${hint} ${name}-error` : `${name}-error`,
  });
  return (
    <section aria-labelledby="record-title">
      <h2 id="record-title">{editing ? "研修の記録を修正" : "研修を記録"}</h2>
      {actionData?.formError ? (
        <ErrorSummary message={actionData.formError} items={summary} />
      ) : null}
      <Form method="post" className="record-form" key={editing?.id ?? "new"}>
        <input type="hidden" name="intent" value={editing ? "update" : "create"} />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <div className="filters">
          <div className="field">
            <label htmlFor="heldOn">開催日</label>
            <input id="heldOn" type="date" name="heldOn" defaultValue={editing?.heldOn} {...describe("heldOn")} />
            <span className="field-error" id="heldOn-error">{errors.heldOn?.[0]}</span>
          </div>
          <div className="field">
            <label htmlFor="title">研修名</label>
            <input id="title" type="text" name="title" maxLength={200} size={36} defaultValue={editing?.title} {...describe("title")} />
            <span className="field-error" id="title-error">{errors.title?.[0]}</span>
          </div>
          <div className="field">
            <label htmlFor="kind">種別</label>
            <select id="kind" name="kind" defaultValue={editing?.kind ?? ""} {...describe("kind")}>
              <option value="">選んでください</option>
              {trainingSessionKinds.map((k) => (
                <option key={k} value={k}>
                  {trainingSessionKindLabels[k]}
                </option>
              ))}
            </select>
            <span className="field-error" id="kind-error">{errors.kind?.[0]}</span>
          </div>
          <div className="field">
            <label htmlFor="hours">時間数</label>
            <input id="hours" type="text" inputMode="decimal" name="hours" size={6} defaultValue={editing ? String(editing.hours) : ""} {...describe("hours", "hours-hint")} />
            <span className="field-hint" id="hours-hint">
              後期研修は{latterTermMinimumHours}時間以上
            </span>
            <span className="field-error" id="hours-error">{errors.hours?.[0]}</span>
          </div>
        </div>
        <div className="table-scroll">
          <table className="data participants-grid">
            <caption>参加者数（実施主体・職種別。参加のない欄は空欄のまま）</caption>
            <thead>
              <tr>
                <th scope="col">実施主体</th>
                {supportStaffRoles.map((role) => (
                  <th key={role} scope="col" className="num">
                    {roleShort[role]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {bodies.map((b) => (
                <tr key={b.code}>
                  <th scope="row">{bodyName.get(b.code)}</th>
                  {supportStaffRoles.map((role) => {
                    const name = participantFieldName(b.code, role);
                    const current = editing?.byBody.find((p) => p.code === b.code && p.role === role)?.participants;
                    return (
                      <td key={role} className="num">
                        <input
                          id={participantInputId(b.code, role)}
                          type="text"
                          inputMode="numeric"
                          name={name}
                          size={3}
                          defaultValue={current === undefined ? "" : String(current)}
                          aria-label={`${bodyName.get(b.code)} ${supportStaffRoleLabels[role]}の参加人数`}
                          aria-invalid={errors[name] ? true : undefined}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <SubmitButton pendingLabel="保存しています…">{editing ? "修正を保存" : "研修を記録する"}</SubmitButton>{" "}
          {editing ? <Link to="?">修正をやめる</Link> : null}
        </p>
      </Form>
    </section>
  );
}
