// One audit log row as a Japanese sentence with links to what it is about. Rows are written by many
// versions of the code, so every detail is read defensively: whatever it holds, this never throws.
import type { AuditRow } from "../../../db/queries/audit";
import { auditActionLabel } from "./labels";
import { formatDateJa, formatDateTimeJa, formatMonthJa, type DateStyle } from "../../domain/format";
import { datasets, isDatasetId } from "../../domain/datasets";
import {
  prefectureSupportItemLabels,
  prefectureSupportItems,
  supervisionFormLabels,
  trainingSessionKindLabels,
  userRoleLabels,
} from "../../domain/vocabulary";
import { japaneseEraYear } from "../../domain/fiscal-year";
import { formatNumber } from "../../domain/format";
import { findPrefectureByCode } from "../../domain/prefectures";

export type { AuditRow };

/** Display names of the bodies the entries mention, by code (a prefecture's own body as 「鳥取県（郡部）」). */
export type AuditNames = { bodies: Record<string, string>; /** the reader's 西暦／和暦 (default 西暦) */ dateStyle?: DateStyle };

export type AuditSegment = string | { text: string; href: string };

export type DescribedAuditEntry = {
  id: number;
  at: string;
  time: string;
  actor: string;
  userName: string;
  loginId: string | null;
  action: string;
  actionLabel: string;
  sentence: AuditSegment[];
  client: string;
};

/** An IPv4 client seen through an IPv6 socket (::ffff:127.0.0.1) as plain IPv4. */
export function readableAddress(address: string | null): string {
  if (!address) return "－";
  return address.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, "");
}

/** The body codes the entries mention, for the caller to look up their names. */
export function auditBodyCodes(rows: readonly Pick<AuditRow, "action" | "detail">[]): string[] {
  const codes = new Set<string>();
  for (const r of rows) {
    const d = record(r.detail);
    const code = d && (r.action.startsWith("supervision.") || r.action.startsWith("review.") || r.action === "user.create" || r.action === "worklist.resolve") ? text(d.localGovernmentCode) : null;
    if (code) codes.add(code);
  }
  return [...codes];
}

export function auditEntryText(sentence: readonly AuditSegment[]): string {
  return sentence.map((s) => (typeof s === "string" ? s : s.text)).join("");
}

export function describeAuditEntry(row: AuditRow, names: AuditNames): DescribedAuditEntry {
  const actor = row.login_id ? `${row.display_name ?? ""}（${row.login_id}）` : "システム";
  let sentence: AuditSegment[];
  try {
    sentence = sentenceOf(row, actor, names);
  } catch {
    sentence = unknownAction(row, actor);
  }
  return {
    id: row.id,
    at: row.at,
    time: formatDateTimeJa(row.at, { seconds: true, style: names.dateStyle }),
    actor,
    userName: row.login_id ? (row.display_name ?? "") : "システム",
    loginId: row.login_id,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    sentence: merge(sentence),
    client: readableAddress(row.client_address),
  };
}

type Detail = Record<string, unknown>;

function record(value: unknown): Detail | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Detail) : null;
}
function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
function count(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
function label(labels: Record<string, string>, value: unknown): string | null {
  const v = text(value);
  return v === null ? null : Object.hasOwn(labels, v) ? labels[v]! : v;
}
/** "2026-12-01" -> 「2026年12月1日」 (or 「令和8年12月1日」); anything else as it is. */
function plainDate(value: unknown, style?: DateStyle): string | null {
  const v = text(value);
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDateJa(v, style) : v;
}
function parenthesised(parts: readonly (string | null)[], separator = "・"): string {
  const present = parts.filter((p): p is string => p !== null && p !== "");
  return present.length > 0 ? `（${present.join(separator)}）` : "";
}
function merge(segments: AuditSegment[]): AuditSegment[] {
  const out: AuditSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (typeof s === "string" && typeof last === "string") out[out.length - 1] = last + s;
    else if (s !== "") out.push(s);
  }
  return out;
}

const done: Record<string, string> = { create: "追加しました", update: "修正しました", delete: "削除しました" };

function sentenceOf(row: AuditRow, actor: string, names: AuditNames): AuditSegment[] {
  const verb = row.action.split(".")[1] ?? "";
  const d = record(row.detail);
  const target = row.target ?? "";
  const subject = `${actor}が `;
  switch (row.action) {
    case "login.succeeded":
      return [`${actor}がログインしました`];
    case "login.failed":
      return [row.login_id ? `${actor}のログインに失敗しました` : `登録されていないログインID「${target}」でのログインに失敗しました`];
    case "login.locked": {
      const who = row.login_id ? actor : `ログインID「${target}」`;
      const account = count(d?.account);
      const client = count(d?.client);
      const failures = account !== null && client !== null ? `。失敗: ログインID ${formatNumber(account)}回・接続元 ${formatNumber(client)}回` : "";
      const refused = d?.via === "password.change" ? "パスワード変更" : "ログイン";
      return [`${who}の${refused}を拒否しました（続けて失敗したため${failures}）`];
    }
    case "password.change":
      return [`${actor}がパスワードを変更しました`];
    case "password.change_failed":
      return [`${actor}がパスワードの変更に失敗しました`];
    case "account.date_style":
      return [`${actor}が日付の表示を${d?.to === "japanese" ? "和暦" : "西暦"}に変更しました`];
    case "upload.stage":
    case "upload.commit":
    case "upload.discard":
    case "upload.revert": {
      const upload: AuditSegment = /^\d+$/.test(target) ? { text: `アップロード #${target}`, href: `/uploads/${target}` } : `アップロード ${target}`;
      const dataset = isDatasetId(String(d?.dataset)) ? datasets[d!.dataset as keyof typeof datasets].label : null;
      const ofDataset = dataset ? `（${dataset}）` : " ";
      if (verb === "stage") return [subject, dataset ? `${dataset} の` : "", "ファイルをアップロードしました（", upload, "、確定前の確認）"];
      if (verb === "discard") return [subject, upload, ofDataset, "を破棄しました"];
      if (verb === "revert") {
        const rows = count(d?.rows);
        return [subject, upload, ofDataset, "を取り消しました", rows === null ? "" : `（${formatNumber(rows)}行を元に戻しました）`];
      }
      const [n, c, u] = [count(d?.new), count(d?.changed), count(d?.unchanged)];
      const counts = n !== null && c !== null && u !== null ? `（新規 ${formatNumber(n)}件・変更 ${formatNumber(c)}件・変更なし ${formatNumber(u)}件）` : "";
      return [subject, upload, ofDataset, "を確定しました", counts];
    }
    case "review.confirm":
    case "review.return":
    case "review.reopen": {
      const m = target.match(/^(\d{6}):(\d{4})-(\d{2})$/);
      if (!m) return unknownAction(row, actor);
      const [code, year, month] = [m[1]!, Number(m[2]), Number(m[3])];
      const what: AuditSegment = { text: `${names.bodies[code] ?? code} の${formatMonthJa({ year: Number(year), month: Number(month) }, names.dateStyle)}分`, href: `/municipalities/${code}/review/${m[2]}-${m[3]}` };
      const comment = text(d?.comment);
      const ending = { confirm: "を確認しました", return: "を差し戻しました", reopen: "の確認を取り消して再開しました" }[verb]!;
      return [subject, what, ending, comment ? `（${verb === "reopen" ? "理由" : "コメント"}: ${comment}）` : ""];
    }
    case "master.import": {
      const keys = [
        ["inserted", "追加"],
        ["updated", "更新"],
        ["closed", "廃止"],
        ["reopened", "再開"],
        ["unchanged", "変更なし"],
      ] as const;
      const counts = keys.map(([k, l]) => (count(d?.[k]) === null ? null : `${l} ${formatNumber(count(d?.[k])!)}件`)).filter((c) => c !== null);
      const source = text(row.target);
      const inside = [source, counts.length > 0 ? counts.join("・") : null].filter((p) => p !== null).join("：");
      return [`${row.login_id ? subject : "システムが"}自治体マスタを取り込みました${inside ? `（${inside}）` : ""}`];
    }
    case "supervision.create":
    case "supervision.update":
    case "supervision.delete": {
      const prefecture = findPrefectureByCode(text(d?.prefectureCode) ?? "");
      const code = text(d?.localGovernmentCode);
      const what: AuditSegment = prefecture ? { text: "スーパーバイズ記録", href: `/prefectures/${prefecture.code}/supervision` } : "スーパーバイズ記録";
      const facts = [plainDate(d?.contactedOn, names.dateStyle), label(supervisionFormLabels, d?.form)];
      if (!code) return [subject, what, parenthesised([`#${target}`, ...facts]), `を${done[verb]}`];
      return [subject, { text: names.bodies[code] ?? code, href: `/municipalities/${code}` }, " の", what, parenthesised(facts), `を${done[verb]}`];
    }
    case "training_session.create":
    case "training_session.update":
    case "training_session.delete": {
      const prefecture = findPrefectureByCode(text(d?.prefectureCode) ?? "");
      if (!d || !prefecture) return [subject, `研修（#${target}）を${done[verb]}`];
      const title = text(d.title);
      const hours = count(d.hours);
      const participants = Array.isArray(d.participants)
        ? d.participants.reduce<number>((sum, p) => sum + (count(record(p)?.participants) ?? 0), 0)
        : null;
      const facts = [plainDate(d.heldOn, names.dateStyle), label(trainingSessionKindLabels, d.kind), hours === null ? null : `${hours}時間`, participants === null ? null : `参加者 ${formatNumber(participants)}人`];
      return [subject, { text: `${prefecture.name} の研修`, href: `/prefectures/${prefecture.code}/training` }, title ? `「${title}」` : "", parenthesised(facts), `を${done[verb]}`];
    }
    case "prefecture_support.update": {
      const m = target.match(/^(\d{2}):(\d{4})$/);
      const prefecture = m ? findPrefectureByCode(m[1]!) : undefined;
      if (!m || !prefecture) return [subject, "市町村支援の回答を保存しました"];
      const fiscalYear = Number(m[2]);
      const where: AuditSegment = { text: `${prefecture.name} の市町村支援`, href: `/prefectures/${prefecture.code}/support?fy=${fiscalYear}` };
      return [subject, where, `（${japaneseEraYear(fiscalYear)}）の回答を保存しました`, supportChanges(d)];
    }
    case "user.create": {
      const role = text(d?.role);
      const known = role !== null && Object.hasOwn(userRoleLabels, role);
      const displayName = text(d?.displayName);
      const account: AuditSegment = { text: displayName ? `${displayName}（${target}）` : target, href: "/admin/users" };
      if (!known) return [subject, "アカウント ", account, " を作成しました"];
      const body =
        role === "municipality"
          ? (names.bodies[text(d?.localGovernmentCode) ?? ""] ?? text(d?.localGovernmentCode))
          : role === "prefecture"
            ? (findPrefectureByCode(text(d?.prefectureCode) ?? "")?.name ?? text(d?.prefectureCode))
            : null;
      return [subject, "アカウント ", account, " を作成しました", parenthesised([userRoleLabels[role as keyof typeof userRoleLabels], body])];
    }
    case "user.deactivate":
    case "user.activate":
    case "user.password_reset": {
      const ending = { deactivate: " を無効にしました", activate: " を有効にしました", password_reset: " のパスワードを再設定しました" }[verb]!;
      return [subject, "アカウント ", { text: target, href: "/admin/users" }, ending];
    }
    case "reporting_schedule.update": {
      const fiscalYear = count(d?.fiscalYear);
      const dueDay = count(d?.monthlyDueDay);
      const where: AuditSegment = fiscalYear === null ? "提出期限" : { text: `${japaneseEraYear(fiscalYear)}の提出期限`, href: `/completeness?fy=${fiscalYear}` };
      return [subject, where, "を設定しました", parenthesised([dueDay === null ? null : `月次: 翌月${dueDay}日`, plainDate(d?.annualDueDate, names.dateStyle) ? `年次: ${plainDate(d?.annualDueDate, names.dateStyle)}` : null])];
    }
    case "reminder.send": {
      const prefecture = findPrefectureByCode(target);
      const bodies = count(d?.bodies);
      const bodyMonths = count(d?.bodyMonths);
      const where: AuditSegment = prefecture ? { text: `${prefecture.name} の提出状況`, href: `/prefectures/${prefecture.code}/submissions` } : "提出状況";
      const facts = [bodies === null ? null : `${formatNumber(bodies)}団体`, bodyMonths === null ? null : `${formatNumber(bodyMonths)}か月分`];
      return [subject, where, "から未提出の実施主体に督促を送りました", parenthesised(facts)];
    }
    case "worklist.resolve": {
      const why = text(d?.why);
      const note = text(d?.note);
      const body: AuditSegment = /^\d{6}$/.test(target) ? { text: names.bodies[target] ?? target, href: `/municipalities/${target}` } : target;
      return [subject, body, `の要フォロー${why ? `「${why}」` : ""}を対応済にしました`, note ? `（メモ: ${note}）` : ""];
    }
    case "body_list.create":
    case "body_list.update":
    case "body_list.delete": {
      const name = text(d?.name);
      const list: AuditSegment = verb === "delete" || !/^\d+$/.test(target) ? `比較リスト「${name ?? target}」` : { text: `比較リスト「${name ?? target}」`, href: `/lists/${target}` };
      const members = count(d?.members);
      const ending = { create: "を作成しました", update: "を変更しました", delete: "を削除しました" }[verb] ?? "を変更しました";
      return [subject, list, ending, members === null ? "" : `（${formatNumber(members)}団体）`];
    }
    default:
      return unknownAction(row, actor);
  }
}

function unknownAction(row: AuditRow, actor: string): AuditSegment[] {
  return [`${actor}が 操作「${auditActionLabel(row.action)}」を行いました${row.target ? `（対象: ${row.target}）` : ""}`];
}

function supportChanges(d: Detail | null): string {
  const previous = record(d?.previous);
  const current = record(d?.current);
  if (!previous || !current) return "";
  const known = prefectureSupportItems as readonly string[];
  const items = [...known.filter((i) => i in current), ...Object.keys(current).filter((i) => !known.includes(i))];
  const names = (list: string[]) => list.map((i) => label(prefectureSupportItemLabels, i)).join("、");
  if (Object.keys(previous).length === 0) {
    const on = items.filter((i) => current[i] === true);
    return `（実施: ${on.length > 0 ? names(on) : "なし"}）`;
  }
  const turnedOn = items.filter((i) => current[i] === true && previous[i] !== true);
  const turnedOff = items.filter((i) => current[i] !== true && previous[i] === true);
  if (turnedOn.length === 0 && turnedOff.length === 0) return "（変更なし）";
  return parenthesised([turnedOn.length > 0 ? `実施に変更: ${names(turnedOn)}` : null, turnedOff.length > 0 ? `未実施に変更: ${names(turnedOff)}` : null], "／");
}
