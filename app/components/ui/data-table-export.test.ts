import { describe, expect, it } from "vitest";
import { exportTableCsv, xlsxNumberFormat } from "~/domain/table-export";
import { exportTableOf } from "./data-table-export";
import type { DataColumn } from "./DataTable";

type Row = { name: string; implementing: number; bodies: number; perCapita: number; share: number | null };
const rows: Row[] = [
  { name: "全国", implementing: 595, bodies: 862, perCapita: 12.5, share: 0.25 },
  { name: "鳥取県", implementing: 3, bodies: 5, perCapita: 8, share: null },
];
const columns: DataColumn<Row>[] = [
  { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name },
  { key: "n", label: "実施主体数", numeric: true, value: (r) => r.bodies },
  { key: "per", label: "10万人あたり", numeric: true, value: (r) => r.perCapita },
  { key: "share", label: "カバー率", numeric: true, kind: "rate", value: (r) => r.share },
  {
    key: "ep",
    label: "就労準備",
    numeric: true,
    value: (r) => r.implementing / r.bodies,
    rate: { numerator: (r) => r.implementing, denominator: (r) => r.bodies, numeratorLabel: "実施数", denominatorLabel: "分母" },
  },
];

describe("exportTableOf", () => {
  it("expands a rate column into its count, denominator and rate; infers counts; keeps the title block", () => {
    const table = exportTableOf("任意事業", columns, rows, { title: "就労準備の実施率", source: "任意事業実施状況", dataDate: "2026-02-20T00:00:00+09:00", conditions: "/?fy=2025" });
    expect(table.columns).toEqual([
      { label: "都道府県", kind: "text" },
      // 862 and 5 are whole: a count
      { label: "実施主体数", kind: "count" },
      // 12.5 is not: a one-decimal number
      { label: "10万人あたり", kind: "number" },
      { label: "カバー率", kind: "rate" },
      { label: "就労準備（実施数）", kind: "count" },
      { label: "就労準備（分母）", kind: "count" },
      { label: "就労準備（率）", kind: "rate" },
    ]);
    expect(table.notes).toEqual([
      { label: "図表", value: "就労準備の実施率" },
      { label: "条件", value: "/?fy=2025" },
      { label: "出典", value: "任意事業実施状況" },
      { label: "データ時点", value: "2026年2月20日" },
    ]);
    // 595 / 862 = 0.69025… -> 69.0%; 3 / 5 = 60.0%; 0.25 -> 25.0%
    expect(exportTableCsv(table)).toBe(
      "# 任意事業\r\n# 図表: 就労準備の実施率\r\n# 条件: /?fy=2025\r\n# 出典: 任意事業実施状況\r\n# データ時点: 2026年2月20日\r\n" +
        "都道府県,実施主体数,10万人あたり,カバー率,就労準備（実施数）,就労準備（分母）,就労準備（率）\r\n" +
        "全国,862,12.5,25.0%,595,862,69.0%\r\n" +
        "鳥取県,5,8.0,,3,5,60.0%\r\n",
    );
  });

  it("writes a catalogue figure with the decimals its formatter shows: 生活保護へのつなぎ per 10万人 with two", () => {
    type Referrals = { name: string; per: number };
    const referrals: DataColumn<Referrals>[] = [
      { key: "name", label: "都道府県", rowHeader: true, value: (r) => r.name },
      { key: "per", label: "10万人あたり月平均", metric: { key: "referralsToPublicAssistance", figure: "derived", short: true }, numeric: true, value: (r) => r.per },
      { key: "plain", label: "参考", numeric: true, value: (r) => r.per },
    ];
    const table = exportTableOf("つなぎ", referrals, [{ name: "全国", per: 1.0309 }, { name: "鳥取県", per: 2.155 }], {});
    expect(table.columns[1]).toEqual({ label: "10万人あたり月平均", kind: "number", decimals: 2 });
    // the page shows 1.03 and 2.16 (toFixed(2) of 2.155 is "2.15" in binary floating point: the page's own formatter says the same)
    expect(exportTableCsv(table)).toBe("# つなぎ\r\n都道府県,10万人あたり月平均,参考\r\n全国,1.03,1.0\r\n鳥取県,2.15,2.2\r\n");
    expect(xlsxNumberFormat(table.columns[1]!)).toBe("#,##0.00");
    expect(xlsxNumberFormat(table.columns[2]!)).toBe("#,##0.0");
  });

  it("writes the data date and the time of writing in the reader's 和暦", () => {
    const table = exportTableOf("任意事業", columns.slice(0, 1), rows, { dataDate: "2026-02-20T00:00:00+09:00", generatedAt: "2026-12-03T08:30:00Z", dateStyle: "japanese" });
    // 2026-12-03 08:30 UTC is 17:30 in Japan
    expect(table.notes).toEqual([
      { label: "データ時点", value: "令和8年2月20日" },
      { label: "作成日時", value: "令和8年12月3日 17:30" },
    ]);
  });

  it("leaves out the 図表 note when it repeats the caption, and notes that are not given", () => {
    expect(exportTableOf("任意事業", columns.slice(0, 1), rows, { title: "任意事業" }).notes).toEqual([]);
  });
});
