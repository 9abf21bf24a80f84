import type { RegionalBlock } from "./vocabulary";

export type PrefectureDefinition = {
  readonly code: string;
  readonly name: string;
  readonly kana: string;
  readonly regionalBlock: RegionalBlock;
};

const p = (code: string, name: string, kana: string, regionalBlock: RegionalBlock): PrefectureDefinition => ({
  code,
  name,
  kana,
  regionalBlock,
});

/** The 47 prefectures in JIS X 0401 order with the 8 regional blocks used in national comparisons. */
export const prefectureDefinitions: readonly PrefectureDefinition[] = [
  p("01", "北海道", "ほっかいどう", "hokkaido"),
  p("02", "青森県", "あおもりけん", "tohoku"),
  p("03", "岩手県", "いわてけん", "tohoku"),
  p("04", "宮城県", "みやぎけん", "tohoku"),
  p("05", "秋田県", "あきたけん", "tohoku"),
  p("06", "山形県", "やまがたけん", "tohoku"),
  p("07", "福島県", "ふくしまけん", "tohoku"),
  p("08", "茨城県", "いばらきけん", "kanto"),
  p("09", "栃木県", "とちぎけん", "kanto"),
  p("10", "群馬県", "ぐんまけん", "kanto"),
  p("11", "埼玉県", "さいたまけん", "kanto"),
  p("12", "千葉県", "ちばけん", "kanto"),
  p("13", "東京都", "とうきょうと", "kanto"),
  p("14", "神奈川県", "かながわけん", "kanto"),
  p("15", "新潟県", "にいがたけん", "chubu"),
  p("16", "富山県", "とやまけん", "chubu"),
  p("17", "石川県", "いしかわけん", "chubu"),
  p("18", "福井県", "ふくいけん", "chubu"),
  p("19", "山梨県", "やまなしけん", "chubu"),
  p("20", "長野県", "ながのけん", "chubu"),
  p("21", "岐阜県", "ぎふけん", "chubu"),
  p("22", "静岡県", "しずおかけん", "chubu"),
  p("23", "愛知県", "あいちけん", "chubu"),
  p("24", "三重県", "みえけん", "kinki"),
  p("25", "滋賀県", "しがけん", "kinki"),
  p("26", "京都府", "きょうとふ", "kinki"),
  p("27", "大阪府", "おおさかふ", "kinki"),
  p("28", "兵庫県", "ひょうごけん", "kinki"),
  p("29", "奈良県", "ならけん", "kinki"),
  p("30", "和歌山県", "わかやまけん", "kinki"),
  p("31", "鳥取県", "とっとりけん", "chugoku"),
  p("32", "島根県", "しまねけん", "chugoku"),
  p("33", "岡山県", "おかやまけん", "chugoku"),
  p("34", "広島県", "ひろしまけん", "chugoku"),
  p("35", "山口県", "やまぐちけん", "chugoku"),
  p("36", "徳島県", "とくしまけん", "shikoku"),
  p("37", "香川県", "かがわけん", "shikoku"),
  p("38", "愛媛県", "えひめけん", "shikoku"),
  p("39", "高知県", "こうちけん", "shikoku"),
  p("40", "福岡県", "ふくおかけん", "kyushu_okinawa"),
  p("41", "佐賀県", "さがけん", "kyushu_okinawa"),
  p("42", "長崎県", "ながさきけん", "kyushu_okinawa"),
  p("43", "熊本県", "くまもとけん", "kyushu_okinawa"),
  p("44", "大分県", "おおいたけん", "kyushu_okinawa"),
  p("45", "宮崎県", "みやざきけん", "kyushu_okinawa"),
  p("46", "鹿児島県", "かごしまけん", "kyushu_okinawa"),
  p("47", "沖縄県", "おきなわけん", "kyushu_okinawa"),
];

const byName = new Map(prefectureDefinitions.map((d) => [d.name, d]));
const byCode = new Map(prefectureDefinitions.map((d) => [d.code, d]));

/** Accepts the official name (東京都) or the short form users type (東京). */
export function findPrefectureByName(name: string): PrefectureDefinition | undefined {
  const trimmed = name.trim();
  return (
    byName.get(trimmed) ??
    byName.get(`${trimmed}県`) ??
    byName.get(`${trimmed}府`) ??
    byName.get(`${trimmed}都`) ??
    (trimmed === "北海" ? byName.get("北海道") : undefined)
  );
}

export function findPrefectureByCode(code: string): PrefectureDefinition | undefined {
  return byCode.get(code.padStart(2, "0"));
}
