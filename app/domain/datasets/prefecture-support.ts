import { prefectureSupportItemLabels, prefectureSupportItems } from "../vocabulary";
import { fiscalYearStart } from "../fiscal-year";
import { fiscalYearCell, yesNoCell } from "./cells";
import { column } from "./helpers";
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
  templateRows: [["鳥取県", "2021", "有", "有", "無", "有", "無", "無", "無", "無", "有", "無", "無", "無"]],
};
