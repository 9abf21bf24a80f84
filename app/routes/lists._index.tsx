import { useFormat } from "~/components/shell/format-context";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { SubmitButton } from "~/components/ui/ConfirmAction";
import { requireUser } from "~/server/auth/session.server";
import { pageToday } from "~/server/pages/today.server";
import { bodyListMaxMembers, bodyListNameMaxLength } from "~/domain/body-lists";
import { formatNumber } from "~/domain/format";
import { createBodyListAction, loadBodyLists } from "./lists._index.server";

export const meta: MetaFunction = () => [{ title: "比較リスト | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return loadBodyLists(await getDb(), user, pageToday());
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const clientAddress = (context as { clientAddress?: string | null }).clientAddress ?? null;
  return createBodyListAction(await getDb(), { ...user, clientAddress }, request);
}

export default function BodyListsPage() {
  const format = useFormat();
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <>
      <h1>比較リスト</h1>
      <p className="lead">
        実施主体を名前つきのリスト（例:「県内の市」「中核市」）にまとめ、自治体のページや比較のページで比較の相手に選べます。リストのURLは、そのすべての実施主体を見られる人と共有できます。
      </p>
      <h2>自分のリスト</h2>
      {d.lists.length === 0 ? (
        <p>まだリストはありません。</p>
      ) : (
        <table className="data">
          <caption>自分の比較リスト（名前順）</caption>
          <thead>
            <tr>
              <th scope="col">リスト名</th>
              <th scope="col">実施主体</th>
              <th scope="col">更新</th>
            </tr>
          </thead>
          <tbody>
            {d.lists.map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  <Link to={`/lists/${l.id}`}>{l.name}</Link>
                </th>
                <td className="num">{formatNumber(l.members)}団体</td>
                <td>{format.dateTime(l.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="create-title">リストを作る</h2>
      {a?.errors ? (
        <div className="error-summary" role="alert" id="list-errors">
          <p>リストを作れませんでした（{a.errors.length}件）</p>
          <ul>
            {a.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" aria-labelledby="create-title">
        <div className="field">
          <label htmlFor="list-name">リスト名（{bodyListNameMaxLength}文字以内）</label>
          <input id="list-name" name="name" required maxLength={bodyListNameMaxLength} defaultValue={a?.values.name ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="list-members">実施主体の自治体コード（6桁、改行・カンマ・空白で区切る。{bodyListMaxMembers}団体まで）</label>
          <textarea id="list-members" name="members" rows={6} required defaultValue={a?.values.members ?? ""} aria-describedby="list-members-hint" />
          <p id="list-members-hint" className="kpi__note">
            あなたが見られる実施主体だけを入れられます（厚生労働省は全国、都道府県の担当者は管内、市町村の担当者は自分の自治体）。
          </p>
        </div>
        <SubmitButton pendingLabel="作成しています…">作成する</SubmitButton>
      </Form>
      {d.bodies.length > 0 ? (
        <details>
          <summary>管内の実施主体の自治体コード</summary>
          <ul>
            {d.bodies.map((b) => (
              <li key={b.code}>
                {b.code} {b.kind === "prefecture" ? `${b.name}（郡部）` : b.name}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
