import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "../../db";
import { ConfirmAction, ConfirmStep, isConfirmed } from "~/components/ui/ConfirmAction";
import { requireUser } from "~/server/auth/session.server";
import { uploadEncodingLabel } from "~/domain/csv/decode";
import { isDatasetId } from "~/domain/datasets";
import { logger } from "~/server/http/logger.server";
import { commitUpload, discardUpload, loadUpload, revertUpload, UploadNotFoundError, UploadStateError } from "~/server/uploads/service.server";
import { explanationNeededFor, uploadStatusLabels } from "~/domain/upload-status";
import { explanationMaxLength } from "~/domain/outliers";
import { loadUploadDetail } from "./uploads.$uploadId.server";
import { useFormat } from "~/components/shell/format-context";

const params = z.object({ uploadId: z.coerce.number().int().positive().max(2147483647) });
const intents = z.object({ intent: z.enum(["commit", "discard", "revert"]) });

const revertConfirmUrl = (id: number) => `/uploads/${id}?confirm=revert#confirm-step`;

export const meta: MetaFunction = () => [{ title: "アップロードの確認 | つなぐ" }];

async function authorizedUpload(request: Request, raw: unknown) {
  const user = await requireUser(request);
  const parsed = params.safeParse(raw);
  const db = await getDb();
  // Out-of-scope uploads answer 404 like missing ones, so their existence does not leak.
  const upload = parsed.success ? await loadUpload(db, user, parsed.data.uploadId) : null;
  if (!upload) throw new Response(new UploadNotFoundError().message, { status: 404 });
  return { user, db, upload };
}

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { db, upload } = await authorizedUpload(request, raw);
  const detail = await loadUploadDetail(db, upload.id);
  if (!detail) throw new Response("アップロードが見つかりません", { status: 404 });
  return detail;
}

export async function action({ request, params: raw, context }: ActionFunctionArgs) {
  const { user, db, upload } = await authorizedUpload(request, raw);
  const form = await request.formData();
  const parsed = intents.safeParse(Object.fromEntries(form));
  if (!parsed.success || !isDatasetId(upload.dataset)) return data({ message: "操作が正しくありません", conflicts: [] }, { status: 400 });
  // A revert undoes data others may already use: a post without confirmation only opens the confirmation step.
  if (parsed.data.intent === "revert" && !isConfirmed(form)) {
    if (upload.status !== "committed") return data({ message: "確定済みのアップロードだけ取り消せます", conflicts: [] }, { status: 409 });
    return redirect(revertConfirmUrl(upload.id));
  }
  const actor = { ...user, clientAddress: context.clientAddress ?? null };
  try {
    if (parsed.data.intent === "commit") {
      const started = performance.now();
      await commitUpload(db, actor, upload.id, {
        explanation: typeof form.get("explanation") === "string" ? String(form.get("explanation")) : null,
        onApplying: (rows) => logger.info({ requestId: context.requestId, uploadId: upload.id, dataset: upload.dataset, rows }, "upload commit: applying"),
      });
      logger.info({ requestId: context.requestId, uploadId: upload.id, ms: Math.round(performance.now() - started) }, "upload commit: done");
    }
    else if (parsed.data.intent === "discard") {
      if (!(await discardUpload(db, actor, upload.id))) return data({ message: "このアップロードは破棄できる状態ではありません", conflicts: [] }, { status: 409 });
    } else {
      const result = await revertUpload(db, actor, upload.id);
      if ("conflicts" in result) {
        const later = result.conflicts.map((c) => `#${c.uploadId}「${c.fileName}」（${c.rows}件）`).join("、");
        return data(
          {
            message:
              result.conflicts.length > 0
                ? `この取込より後の取込 ${later} が同じデータを変更しているため取り消せません。後の取込から順に取り消してください。`
                : `取込後に${result.editedRows}件のデータが画面などから変更されているため取り消せません。`,
            conflicts: result.conflicts,
          },
          { status: 409 },
        );
      }
    }
  } catch (error) {
    if (error instanceof UploadStateError) return data({ message: error.message, conflicts: [] }, { status: 409 });
    if (error instanceof UploadNotFoundError) throw new Response(error.message, { status: 404 });
    throw error;
  }
  return redirect(`/uploads/${upload.id}`);
}

function Issues({ id, title, issues }: { id: string; title: string; issues: { line: number; column: string; value: string; reason: string }[] }) {
  if (issues.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <table className="data">
        <thead>
          <tr>
            <th scope="col" className="num">
              行
            </th>
            <th scope="col">列</th>
            <th scope="col">値</th>
            <th scope="col">理由</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((i, index) => (
            <tr key={`${i.line}-${index}`}>
              <td className="num">{i.line}</td>
              <td>{i.column}</td>
              <td>{i.value}</td>
              <td>{i.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RevertConsequence({ counts }: { counts: { new: number; changed: number } | null }) {
  return (
    <p>
      この取込で追加した{counts?.new ?? 0}件を削除し、変更した{counts?.changed ?? 0}件を取込前の値に戻します。
    </p>
  );
}

export default function UploadDetail() {
  const format = useFormat();
  const { upload, errors, warnings, sameFile, changes, changesTruncated, resultLink } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const confirmingRevert = upload.status === "committed" && searchParams.get("confirm") === "revert" && !actionData?.message;
  const counts = upload.counts;
  const explanationNeeded = explanationNeededFor(counts);
  const canCommit = upload.status === "previewed" && (counts?.errorRows ?? 0) === 0;
  // what the warnings mean for a commit, said only while one can be made
  const warningsNote = !canCommit ? "" : explanationNeeded ? "：説明を入力すれば確定できます" : "：確定はできます";
  const busy = navigation.state !== "idle";
  return (
    <>
      <p>
        <Link to="/uploads">アップロード</Link> ＞ #{upload.id}
      </p>
      <h1>
        {upload.datasetLabel}：{upload.fileName}
      </h1>
      <p role="status" className={upload.status === "rejected" || upload.status === "failed" ? "error-summary" : "lead"}>
        状態: <strong>{uploadStatusLabels[upload.status as keyof typeof uploadStatusLabels] ?? upload.status}</strong>
        {upload.message ? `（${upload.message}）` : null}
      </p>
      {actionData?.message ? (
        <p className="error-summary" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>アップロード</dt>
        <dd>
          {format.dateTime(upload.createdAt)} {upload.userName ?? ""}
        </dd>
        <dt>ファイル</dt>
        <dd>
          {upload.sizeBytes.toLocaleString("ja-JP")}バイト、{uploadEncodingLabel(upload.encoding)}、SHA-256 <code>{upload.sha256.slice(0, 16)}…</code>
        </dd>
        {upload.committedAt ? (
          <>
            <dt>確定</dt>
            <dd>{format.dateTime(upload.committedAt)}</dd>
          </>
        ) : null}
        {upload.explanation ? (
          <>
            <dt>説明</dt>
            <dd>{upload.explanation}</dd>
          </>
        ) : null}
        {upload.revertedAt ? (
          <>
            <dt>取消</dt>
            <dd>
              {format.dateTime(upload.revertedAt)} {upload.revertedByName ?? ""}
            </dd>
          </>
        ) : null}
      </dl>
      {sameFile ? (
        <p className="notice" role="note">
          同じ内容のファイルが{format.date(sameFile.createdAt)}にアップロードされています（
          <Link to={`/uploads/${sameFile.id}`}>
            #{sameFile.id} {sameFile.fileName}
          </Link>
          、{uploadStatusLabels[sameFile.status as keyof typeof uploadStatusLabels] ?? sameFile.status}）。
        </p>
      ) : null}
      {counts ? (
        <table className="data counts">
          <caption>件数</caption>
          <thead>
            <tr>
              <th scope="col" className="num">データ行</th>
              <th scope="col" className="num">新規</th>
              <th scope="col" className="num">変更</th>
              <th scope="col" className="num">変更なし</th>
              <th scope="col" className="num">エラー行</th>
              <th scope="col" className="num">警告</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="num">{counts.rows}</td>
              <td className="num">{counts.new}</td>
              <td className="num">{counts.changed}</td>
              <td className="num">{counts.unchanged}</td>
              <td className="num">{counts.errorRows}</td>
              <td className="num">{counts.warnings}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      {upload.status === "previewed" ? (
        <div className="actions">
          {canCommit ? (
            <Form method="post" className="record-form">
              <input type="hidden" name="intent" value="commit" />
              {explanationNeeded ? (
                <div className="field">
                  <label htmlFor="commit-explanation">説明（必須）：{explanationNeeded}あります。値が正しい理由</label>
                  <textarea id="commit-explanation" name="explanation" rows={3} maxLength={explanationMaxLength} required aria-describedby="commit-explanation-hint" />
                  <span id="commit-explanation-hint" className="field-hint">
                    警告の一覧で値を確かめてください。誤りなら破棄して、修正したファイルをアップロードし直してください。説明はこの取込の履歴に残ります。
                  </span>
                </div>
              ) : null}
              <button type="submit" className="button" disabled={busy}>
                確定して反映する
              </button>
            </Form>
          ) : (
            <p className="error-summary">エラーのある行があるため確定できません。ファイルを修正してアップロードし直してください。</p>
          )}
          <DiscardForm busy={busy} />
        </div>
      ) : null}
      {upload.status === "staging" ? (
        <div className="actions">
          <p>読み込みが終わらないときは、破棄してからアップロードし直してください。</p>
          <DiscardForm busy={busy} />
        </div>
      ) : null}
      {resultLink ? (
        <p>
          <Link to={resultLink}>反映後の数値を見る</Link>
        </p>
      ) : null}
      {confirmingRevert ? (
        <ConfirmStep title="この取込を取り消しますか" fields={{ intent: "revert" }} confirmLabel="取り消す" cancelHref={`/uploads/${upload.id}`}>
          <RevertConsequence counts={counts} />
        </ConfirmStep>
      ) : upload.status === "committed" ? (
        <p className="actions">
          <ConfirmAction label="この取込を取り消す" title="この取込を取り消しますか" fields={{ intent: "revert" }} confirmLabel="取り消す" href={revertConfirmUrl(upload.id)}>
            <RevertConsequence counts={counts} />
          </ConfirmAction>
        </p>
      ) : null}
      <Issues id="errors" title={`エラー（${errors.length}件${errors.length >= 500 ? "以上" : ""}）`} issues={errors} />
      <Issues id="warnings" title={`警告（${warnings.length}件${warnings.length >= 200 ? "以上" : ""}）${warningsNote}`} issues={warnings} />
      {changes.length > 0 ? (
        <section aria-labelledby="changes">
          <h2 id="changes">{upload.status === "previewed" ? "反映される変更（変更前 → 変更後）" : "この取込による変更（変更前 → 変更後）"}</h2>
          {changesTruncated ? <p>先頭の{changes.length}項目を表示しています。</p> : null}
          <table className="data">
            <thead>
              <tr>
                {upload.status === "previewed" ? <th scope="col" className="num">行</th> : null}
                <th scope="col">対象</th>
                <th scope="col">項目</th>
                <th scope="col">変更前</th>
                <th scope="col">変更後</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c, index) => (
                <tr key={index}>
                  {upload.status === "previewed" ? <td className="num">{c.line}</td> : null}
                  <td>{c.target}</td>
                  <td>{c.column}</td>
                  <td>{c.before}</td>
                  <td>{c.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

function DiscardForm({ busy }: { busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="discard" />
      <button type="submit" className="button button--secondary" disabled={busy}>
        破棄する
      </button>
    </Form>
  );
}
