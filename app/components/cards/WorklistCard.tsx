import { useFormat } from "~/components/shell/format-context";
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/ConfirmAction";
import { formatNumber } from "~/domain/format";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { worklistNoteMaxLength, worklistRuleIds, worklistRules, type WorklistItem } from "~/domain/worklist";
import { AppLink } from "~/components/ui/AppLink";

export type Worklist = { fiscalYear: number; settings: { supervisionGapMonths: number }; open: WorklistItem[]; resolved: WorklistItem[] };

const itemId = (i: WorklistItem) => `worklist-${i.rule}-${i.code}-${i.subject}`.replace(/[^\w-]/g, "_");

type Column = { header: string; cell: (i: WorklistItem) => React.ReactNode };

function WorklistTable({ caption, items, columns }: { caption: string; items: WorklistItem[]; columns: Column[] }) {
  return (
    <div className="table-scroll">
      <table className="data worklist">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">実施主体</th>
            <th scope="col">項目</th>
            <th scope="col">理由</th>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={itemId(i)}>
              <th scope="row">
                <AppLink to={`/municipalities/${i.code}`}>{i.name}</AppLink>
              </th>
              <td>{i.ruleLabel}</td>
              <td>{i.why}</td>
              {columns.map((c) => (
                <td key={c.header}>{c.cell(i)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ResolveForm({ item: i }: { item: WorklistItem }) {
  return (
    <details>
      <summary>
        対応済にする<span className="visually-hidden">（{i.name}・{i.ruleLabel}）</span>
      </summary>
      <Form method="post">
        <input type="hidden" name="intent" value="resolve" />
        <input type="hidden" name="rule" value={i.rule} />
        <input type="hidden" name="code" value={i.code} />
        <input type="hidden" name="subject" value={i.subject} />
        <input type="hidden" name="cause" value={i.cause} />
        <label htmlFor={`${itemId(i)}-note`}>対応の内容（必須。実施主体の履歴に残ります）</label>
        <textarea id={`${itemId(i)}-note`} name="note" rows={2} maxLength={worklistNoteMaxLength} required />
        <SubmitButton pendingLabel="記録しています…">対応済にする</SubmitButton>
      </Form>
    </details>
  );
}

/**
 * The prefecture's worklist (要フォロー, ADR 025) on its officials' landing page: one row per item with
 * why (in words) and a link to where to act; each can be marked 対応済 with a note (a <details> form, so
 * it works by keyboard and without JavaScript). Marked items follow, with their note.
 */
export function WorklistCard({ worklist, formError, done }: { worklist: Worklist; formError?: string | null; done?: boolean }) {
  const format = useFormat();
  return (
    <section aria-labelledby="worklist-title" id="worklist">
      <h2 id="worklist-title">要フォロー（{formatNumber(worklist.open.length)}件）</h2>
      <p className="kpi__note">
        {worklistRuleIds.map((r) => (r === "no_supervision" ? `${worklistRules[r].label}（${worklist.settings.supervisionGapMonths}か月以上ない）` : worklistRules[r].label)).join("、")}
        。対応済にした項目は、その原因（未提出の月、最後のスーパーバイズの日など）が変わるまで、または{formatFiscalYear(worklist.fiscalYear)}が終わるまで対応済のままです。
      </p>
      {formError ? (
        <div className="error-summary" role="alert">
          <p>{formError}</p>
        </div>
      ) : null}
      <p role="status">{done ? "対応済にしました（実施主体のページの履歴と操作履歴に残ります）。" : null}</p>
      {worklist.open.length === 0 ? (
        <p>いま要フォローの項目はありません。</p>
      ) : (
        <WorklistTable
          caption={`要フォローの項目（${formatFiscalYear(worklist.fiscalYear)}）`}
          items={worklist.open}
          columns={[
            { header: "対応する場所", cell: (i) => <AppLink to={i.href}>{i.hrefLabel}</AppLink> },
            { header: "対応済にする", cell: (i) => <ResolveForm item={i} /> },
          ]}
        />
      )}
      {worklist.resolved.length > 0 ? (
        <WorklistTable
          caption={`対応済の項目（${formatFiscalYear(worklist.fiscalYear)}、原因が変わるまで）`}
          items={worklist.resolved}
          columns={[
            { header: "対応（メモ）", cell: (i) => i.resolved!.note },
            { header: "対応済にした人・日時", cell: (i) => `${i.resolved!.resolvedBy ?? "－"}・${format.dateTime(i.resolved!.resolvedAt)}` },
          ]}
        />
      ) : null}
    </section>
  );
}
