import { prefectureSupportItemLabels, prefectureSupportItems } from "../vocabulary";
import { fiscalYearStart } from "../fiscal-year";
import { fiscalYearCell, yesNoCell } from "./cells";
import { column, labelOf, yesNoLabel } from "./helpers";
import { z } from "zod";
import type { DatasetDefinition } from "./types";

/** One row per prefecture and fiscal year, one 有/無 column per item (the survey's layout). */
export const prefectureSupportDataset: DatasetDefinition = {
  id: "prefecture_support",
  label: "都道府県による市町村支援",
  description: "都道府県ごと・年度ごとの市町村支援の11項目（とその他）の実施の有無。1行が1都道府県の1年度です。",
  uploadRoles: ["mhlw", "prefecture"],
  bodyMode: "prefecture",
  columns: [
    column("prefecture", "都道府県", z.string(), { aliases: ["都道府県名", "prefecture"], description: "名称またはコード", example: "鳥取県" }),
    column("fiscalYear", "年度", fiscalYearCell, { aliases: ["fiscal_year", "fy"], description: "2021、R3、令和3年度など", example: "2021" }),
    ...prefectureSupportItems.map((item) =>
      column(item, prefectureSupportItemLabels[item], yesNoCell, {
        aliases: [item],
        required: item !== "other",
        description: "有 または 無",
        example: "有",
      }),
    ),
  ],
  referenceDate: (values) => fiscalYearStart(values.fiscalYear as number),
  toRecords: (values, body) =>
    prefectureSupportItems
      .filter((item) => values[item] === "yes" || values[item] === "no")
      .map((item) => ({
        key: { prefecture_code: body!.prefectureCode, fiscal_year: values.fiscalYear as number, item },
        values: { implemented: values[item] === "yes" },
      })),
  table: {
    name: "prefecture_support_activities",
    keyColumns: [
      { name: "prefecture_code", type: "text" },
      { name: "fiscal_year", type: "smallint" },
      { name: "item", type: "text" },
    ],
    valueColumns: [{ name: "implemented", type: "boolean" }],
  },
  // Downloads list one item per row: the long form, easier to filter in Excel.
  exportColumns: [
    { header: "都道府県", sql: "p.name" },
    { header: "年度", sql: "t.fiscal_year" },
    { header: "項目", sql: "t.item", format: labelOf(prefectureSupportItemLabels) },
    { header: "実施", sql: "t.implemented", format: yesNoLabel },
  ],
  exportFrom: "prefecture_support_activities t join prefectures p on p.code = t.prefecture_code",
  exportOrder: "t.prefecture_code, t.fiscal_year, t.item",
  exportScope: { bodyCode: null, prefectureCode: "t.prefecture_code" },
  templateRows: [["鳥取県", "2021", "有", "有", "無", "有", "無", "無", "無", "無", "有", "無", "無", "無"]],
};
