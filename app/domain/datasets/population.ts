import { bodyColumns } from "./body-columns";
import { countCell, dateCell } from "./cells";
import { column } from "./helpers";
import type { DatasetDefinition } from "./types";

export const populationDataset: DatasetDefinition = {
  id: "population",
  label: "人口",
  description: "自治体ごとの基準日の人口（住民基本台帳など）。10万人あたりの値はその時点で有効な人口で計算します。都道府県の行は郡部（福祉事務所のない町村）の人口です。",
  uploadRoles: ["mhlw", "prefecture", "municipality"],
  bodyMode: "local_government",
  columns: [
    ...bodyColumns,
    column("asOf", "基準日", dateCell, { aliases: ["as_of", "date"], description: "2025-01-01 など", example: "2025-01-01" }),
    column("population", "人口", countCell, { aliases: ["population"], description: "人数", example: "181000" }),
  ],
  referenceDate: (values) => values.asOf as string,
  toRecords: (values, body) => [
    { key: { local_government_code: body!.code, as_of: values.asOf as string }, values: { population: values.population as number } },
  ],
  table: {
    name: "populations",
    keyColumns: [
      { name: "local_government_code", type: "text" },
      { name: "as_of", type: "date" },
    ],
    valueColumns: [{ name: "population", type: "integer" }],
  },
  exportColumns: [
    { header: "自治体コード", sql: "t.local_government_code" },
    { header: "都道府県名", sql: "p.name" },
    { header: "市区町村名", sql: "case when lg.kind = 'prefecture' then '' else lg.name end" },
    { header: "基準日", sql: "to_char(t.as_of, 'YYYY-MM-DD')" },
    { header: "人口", sql: "t.population" },
  ],
  exportFrom: "populations t join local_governments lg on lg.code = t.local_government_code join prefectures p on p.code = lg.prefecture_code",
  exportOrder: "t.local_government_code, t.as_of",
  exportScope: { bodyCode: "t.local_government_code", prefectureCode: "lg.prefecture_code" },
  templateRows: [["312011", "鳥取県", "鳥取市", "2025-01-01", "181000"]],
};
