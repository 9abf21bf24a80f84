import { Form } from "@remix-run/react";
import { useFormat } from "~/components/shell/format-context";
import { DataTable } from "./DataTable";

export type ApiTokenRow = {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  loginId: string;
  displayName: string;
};

/** The tokens of the account page (the owner's) and of the admin page (everyone's), each revocable. */
export function ApiTokenTable({ tokens, showOwner }: { tokens: ApiTokenRow[]; showOwner: boolean }) {
  const format = useFormat();
  return (
    <DataTable
      id="api-tokens"
      caption="APIトークンの一覧"
      captionHidden
      fileName="APIトークン一覧.csv"
      rows={tokens}
      columns={[
        { key: "name", label: "名前", rowHeader: true, value: (t) => t.name },
        ...(showOwner ? [{ key: "owner", label: "利用者", value: (t: ApiTokenRow) => `${t.displayName}（${t.loginId}）` }] : []),
        { key: "prefix", label: "先頭", value: (t) => `${t.prefix}…` },
        { key: "created", label: "発行日", value: (t) => format.date(t.createdAt) },
        { key: "used", label: "最終利用", value: (t) => (t.lastUsedAt ? format.dateTime(t.lastUsedAt) : "－") },
        { key: "status", label: "状態", value: (t) => (t.revokedAt ? `無効（${format.date(t.revokedAt)}）` : "有効") },
        {
          key: "actions",
          label: "操作",
          value: () => null,
          render: (t) =>
            t.revokedAt ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="id" value={t.id} />
                <button type="submit" className="link-button" aria-label={`トークン「${t.name}」を無効にする`}>
                  無効にする
                </button>
              </Form>
            ),
        },
      ]}
    />
  );
}
